import { cohortFor } from '@/db/always-on';
import type { Actor } from '@/db/audit';
import { runUnitOfWork } from '@/db/unit-of-work';
import { decideBatch, submitBatch } from '@/lib/batches/approval';
import { executeBatch } from '@/lib/batches/execute';
import { commandAlwaysOn, enrolCohort, startAlwaysOn } from '@/lib/campaigns/always-on';
import { closeDueCampaigns } from '@/lib/campaigns/close-due';
import { createDraft } from '@/lib/campaigns/drafts';
import { DEFAULT_VARIANTS } from '@/lib/domain/campaigns/draft';
import { EMPTY_SEGMENT } from '@/lib/domain/campaigns/segment';
import { DAY_MS, startOfUtcDay, utcDay } from '@/lib/runtime/clock';
import type { SeedContext } from './context';

// One always-on campaign with cohorts in every state, made through the real use cases at past
// instants: started 45 days ago (the backlog cohort: closed, its batch executed), a cohort 35 days
// ago (closed, batch proposed), one 20 days ago (messages sent, awaiting responses), one yesterday
// (not sent yet), then paused an hour later, which pauses that last cohort's sending. The sender is
// simulated for the past cohorts: recipients marked sent, ~6% confirm "Keep my membership".

const DRAW = (salt: number) => `(((member_id * 2654435761 + ${salt}) % 4294967296) % 1000)`;
const CONFIRM_PERMILLE = 60;

function simulateSending(ctx: SeedContext, cohortId: number, sentAt: number) {
  const { sqlite, now } = ctx;
  const confirmAt = Math.min(sentAt + 2 * DAY_MS, now - 3_600_000);
  sqlite
    .transaction(() => {
      sqlite
        .prepare(
          `UPDATE campaign_members SET status = 'sent', sent_at = ?, attempts = 1 WHERE campaign_id = ? AND status = 'queued'`,
        )
        .run(sentAt, cohortId);
      sqlite
        .prepare(
          `UPDATE members SET last_contacted_at = ?, status = CASE WHEN status = 'dormant' THEN 'notified' ELSE status END
           WHERE id IN (SELECT member_id FROM campaign_members WHERE campaign_id = ? AND status = 'sent')`,
        )
        .run(sentAt, cohortId);
      const confirmed = `SELECT id FROM campaign_members WHERE campaign_id = ${cohortId} AND status = 'sent' AND ${DRAW(cohortId)} < ${CONFIRM_PERMILLE}`;
      sqlite
        .prepare(`INSERT INTO keep_confirmations (campaign_member_id, confirmed_at) SELECT id, ? FROM (${confirmed})`)
        .run(confirmAt);
      sqlite
        .prepare(
          `UPDATE members SET status = 'dormant' WHERE status = 'notified'
             AND id IN (SELECT member_id FROM campaign_members WHERE id IN (${confirmed}))`,
        )
        .run();
      sqlite
        .prepare(`UPDATE campaign_members SET confirmed_at = ?, outcome = 'confirmed' WHERE id IN (${confirmed})`)
        .run(confirmAt);
      // Everyone was handed to the server: the cohort waits for answers, as the sender would leave it.
      sqlite.prepare(`UPDATE campaigns SET status = 'awaiting_responses' WHERE id = ? AND status = 'sending'`).run(cohortId);
    })
    .immediate();
}

export function seedAlwaysOnDemo(ctx: SeedContext): { cohorts: number; enrolled: number } {
  const { sqlite, now } = ctx;
  const staffId = (email: string) => (sqlite.prepare('SELECT id FROM staff WHERE email = ?').get(email) as { id: number }).id;
  const cx: Actor = { id: staffId('cx@rekindle.local'), label: 'cx@rekindle.local' };
  const approver: Actor = { id: staffId('approver@rekindle.local'), label: 'approver@rekindle.local' };
  const approver2: Actor = { id: staffId('approver2@rekindle.local'), label: 'approver2@rekindle.local' };
  const at = (daysAgo: number, hour = 7) => startOfUtcDay(now - daysAgo * DAY_MS) + hour * 3_600_000;

  const draft = {
    name: 'Always on · EU newly dormant',
    channel: 'email' as const,
    defaultLanguage: 'en',
    holdoutPct: 10,
    segment: { ...EMPTY_SEGMENT, countries: ['DE', 'ES', 'FR', 'IT'] },
    variants: DEFAULT_VARIANTS,
  };
  let id: number;
  try {
    id = runUnitOfWork(sqlite, cx, at(46), (uow) => createDraft(uow, draft, 0x5eed, true));
  } catch {
    return { cohorts: 0, enrolled: 0 }; // nobody matches (a tiny population): no demo campaign
  }
  let enrolled = runUnitOfWork(sqlite, cx, at(45), (uow) => startAlwaysOn(uow, id)).enrolled;
  for (const daysAgo of [35, 20, 1])
    enrolled += runUnitOfWork(sqlite, cx, at(daysAgo), (uow) => enrolCohort(uow, id, utcDay(at(daysAgo)))).enrolled;

  for (const daysAgo of [45, 35, 20]) {
    const cohortId = cohortFor(sqlite, id, utcDay(at(daysAgo)));
    if (cohortId != null) simulateSending(ctx, cohortId, at(daysAgo) + 3_600_000);
  }
  // The deadlines of the first two cohorts have passed: each closes and proposes its own batch.
  closeDueCampaigns(sqlite, at(5, 8));
  const first = cohortFor(sqlite, id, utcDay(at(45)));
  const batch =
    first == null
      ? undefined
      : (sqlite.prepare('SELECT id FROM batches WHERE campaign_id = ?').get(first) as { id: number } | undefined);
  if (batch) {
    runUnitOfWork(sqlite, approver, at(14, 9), (uow) => submitBatch(uow, batch.id));
    runUnitOfWork(sqlite, approver2, at(13, 10), (uow) =>
      decideBatch(uow, batch.id, 'approve', 'First always-on cohort: sample checked, no open complaints.'),
    );
    executeBatch(sqlite, batch.id, approver2, at(12, 9));
  }
  runUnitOfWork(sqlite, cx, at(1, 8), (uow) => commandAlwaysOn(uow, id, 'pause'));
  const cohorts = (sqlite.prepare('SELECT count(*) AS n FROM campaigns WHERE parent_campaign_id = ?').get(id) as { n: number }).n;
  return { cohorts, enrolled };
}
