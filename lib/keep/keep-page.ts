import type Database from 'better-sqlite3';
import { type KeepView, keepView } from '@/db/keep';
import type { UnitOfWork } from '@/db/unit-of-work';
import { confirmKeepIn } from '@/lib/campaigns/keep';
import { config } from '@/lib/runtime/config';
import { verifyKeepToken } from './keep-token';

// The member's keep page: what a token shows (GET reads only) and the "Keep my membership" answer.

/** What the keep page shows for a token: checked signature and expiry, then the recipient's state. */
export function keepPageView(sqlite: Database.Database, token: string, at: number): KeepView {
  const v = verifyKeepToken(token, config().KEEP_LINK_SECRET, at);
  if (!v.ok) return { state: v.reason === 'expired' ? 'expired' : 'invalid' };
  return keepView(sqlite, v, at);
}

/**
 * The HTTP status of the keep page for a state (proxy.ts sets it; the page shows the same state):
 * a link that never was valid is 404, one whose time has passed or whose campaign is over is 410.
 */
export function keepPageStatus(state: KeepView['state']): 200 | 404 | 410 {
  if (state === 'invalid') return 404;
  if (state === 'expired' || state === 'closed') return 410;
  return 200;
}

/** What the member sees after pressing the button. */
export type KeepAnswer = 'confirmed' | KeepView['state'];

/**
 * Confirms the recipient a token names, at most once, inside the caller's unit of work (the keep
 * action runs it as KEEP_LINK_ACTOR, so the audit entry names the member's keep link). Returns the state to show.
 */
export function confirmKeepLink(uow: UnitOfWork, token: string): KeepAnswer {
  const v = verifyKeepToken(token, config().KEEP_LINK_SECRET, uow.now);
  const { view, confirmed } = confirmKeepIn(uow, v.ok ? v : null);
  return confirmed ? 'confirmed' : view.state;
}
