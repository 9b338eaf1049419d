import type Database from 'better-sqlite3';
import { type KeepView, keepView } from '@/db/keep';
import type { UnitOfWork } from '@/db/unit-of-work';
import { answerKeepIn, type KeepAnswerInput } from '@/lib/campaigns/keep';
import { type KeepLocale, localeFromAcceptLanguage, resolveKeepLocale } from '@/lib/i18n/keep/format';
import { config } from '@/lib/runtime/config';
import { verifyKeepToken } from './keep-token';

// The member's keep page: what a token shows (GET reads only) and the member's answer (one POST).

/** What the keep page shows for a token: checked signature and expiry, then the recipient's state. */
export function keepPageView(sqlite: Database.Database, token: string, at: number): KeepView {
  const v = verifyKeepToken(token, config().KEEP_LINK_SECRET, at);
  if (!v.ok) return { state: v.reason === 'expired' ? 'expired' : 'invalid' };
  return keepView(sqlite, v, at);
}

/** The keep page's language: the member's (members.language → base → en), else the browser's. */
export function keepPageLocale(view: KeepView, acceptLanguage: string | null): KeepLocale {
  return 'language' in view ? resolveKeepLocale(view.language) : localeFromAcceptLanguage(acceptLanguage);
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

/** What the member sees after answering: 'confirmed' (this POST recorded it) or the link's state. */
export type KeepAnswer = 'confirmed' | KeepView['state'];

/**
 * Records the member's answer for the recipient a token names, at most once, inside the caller's
 * unit of work (the keep action runs it as KEEP_LINK_ACTOR, so the audit entry names the member's
 * keep link). Returns the state and the view to show (a used link shows the first answer).
 */
export function answerKeepLink(uow: UnitOfWork, token: string, answer?: KeepAnswerInput): { state: KeepAnswer; view: KeepView } {
  const v = verifyKeepToken(token, config().KEEP_LINK_SECRET, uow.now);
  const { view, confirmed } = answerKeepIn(uow, v.ok ? v : null, answer);
  return { state: confirmed ? 'confirmed' : view.state, view };
}
