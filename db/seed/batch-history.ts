import { audit, SYSTEM_ACTOR } from '@/db/audit';
import { drizzleFor } from '@/db/client';
import { eraseMessagesOfExpired } from '@/db/retention.sql';
import { STATUS_IDX_TERM } from '@/db/schema/members';
import { runUnitOfWork } from '@/db/unit-of-work';
import { decideBatch, submitBatch } from '@/lib/batches/approval';
import { executeBatch } from '@/lib/batches/execute';
import { proposeBatchForCampaign } from '@/lib/batches/propose';
import { DAY_MS, utcDay } from '@/lib/runtime/clock';
import type { SeedContext } from './context';
import { adjustDailyCounts, type DailyShift } from './daily-counts';
import { seedDemoStaff } from './staff';

// The past batches of the seeded campaigns, through the real use cases (lib/batches/, so the history
// obeys the same rules as the app): each closed campaign's batch is proposed at its deadline,
// submitted by approver@ a day later, approved by approver2@ with a comment the day after, and
// executed the day after that. Between approval and execution ~3% of the members watched
// something (they are skipped, "watched after the message"); ~12% of the cancelled rejoined
// within the retention window; members whose window has ended are purged. A batch whose steps
// fall after "now" stops where the calendar is; the newest one always waits for approver2@ after
// its submit (so the demo has a batch waiting, with its reminder: db/seed/approver-notices.ts).
// Set-based: a handful of statements per campaign whatever the population.

const SKIP_PERMILLE = 30;
const REJOIN_PERMILLE = 120;
// Deterministic per-member draws in SQL (Knuth's multiplicative hash), so a seed is reproducible.
const draw = (salt: number) => `(((m.id * 2654435761 + ${salt}) % 4294967296) % 1000)`;

export async function seedBatchHistory(
  ctx: SeedContext,
): Promise<{ batches: number; cancelled: number; skipped: number; rejoined: number; purged: number }> {
  const { sqlite, now } = ctx;
  // The runner adds demo staff after this step; add them now (same call, a no-op later) so the
  // history can name approver@ and approver2@.
  await seedDemoStaff(sqlite, process.env.DEMO_PASSWORD || 'rekindle-demo', now);
  const staffId = (email: string) => (sqlite.prepare('SELECT id FROM staff WHERE email = ?').get(email) as { id: number }).id;
  const approver = { id: staffId('approver@rekindle.local'), label: 'approver@rekindle.local' };
  const approver2 = { id: staffId('approver2@rekindle.local'), label: 'approver2@rekindle.local' };
  const titleId = (sqlite.prepare('SELECT min(id) AS id FROM titles').get() as { id: number | null }).id ?? 1;

  const campaigns = sqlite
    .prepare(
      `SELECT id, deadline_at AS deadline FROM campaigns c
       WHERE status = 'closed' AND deadline_at IS NOT NULL AND deadline_at <= ? AND NOT EXISTS (SELECT 1 FROM batches b WHERE b.campaign_id = c.id)
       ORDER BY deadline_at, id`,
    )
    .all(now) as { id: number; deadline: number }[];

  const totals = { batches: 0, cancelled: 0, skipped: 0, rejoined: 0, purged: 0 };
  const shifts: DailyShift[] = [];
  for (const c of campaigns) {
    const batchId = runUnitOfWork(sqlite, SYSTEM_ACTOR, c.deadline, (uow) => proposeBatchForCampaign(uow, c.id));
    if (batchId == null) continue;
    totals.batches++;
    const submitted = c.deadline + DAY_MS + 3 * 3_600_000;
    const approved = c.deadline + 2 * DAY_MS + 5 * 3_600_000;
    const viewedAt = c.deadline + 2 * DAY_MS + 20 * 3_600_000;
    const executed = c.deadline + 3 * DAY_MS + 2 * 3_600_000;
    if (submitted > now) continue;
    runUnitOfWork(sqlite, approver, submitted, (uow) => submitBatch(uow, batchId));
    if (approved > now || c === campaigns.at(-1)) continue;
    runUnitOfWork(sqlite, approver2, approved, (uow) =>
      decideBatch(uow, batchId, 'approve', 'Sample checked against the CRM; no open complaints.'),
    );
    if (executed > now) continue;

    // Some members watched something after approval: the execution must skip them.
    sqlite
      .transaction(() => {
        const picked = `SELECT bm.member_id FROM batch_members bm JOIN members m ON m.id = bm.member_id
          WHERE bm.batch_id = ${batchId} AND bm.state = 'included' AND ${draw(batchId)} < ${SKIP_PERMILLE}`;
        shifts.push(...leaveDormantCounts(sqlite, picked, viewedAt));
        sqlite
          .prepare(
            `INSERT OR IGNORE INTO viewing_events (member_id, watched_at, title_id, seconds_watched) SELECT member_id, ?, ?, 1500 FROM (${picked})`,
          )
          .run(viewedAt, titleId);
        sqlite
          .prepare(
            `UPDATE members SET last_viewed_at = ?, last_title_id = ?, status = 'active', dormant_reason = NULL, dormant_since = NULL,
               status_changed_at = ? WHERE id IN (${picked}) AND (last_viewed_at IS NULL OR last_viewed_at < ?)`,
          )
          .run(viewedAt, titleId, viewedAt, viewedAt);
      })
      .immediate();

    const r = executeBatch(sqlite, batchId, approver2, executed);
    totals.cancelled += r.cancelled;
    totals.skipped += r.skipped;

    // Some cancelled members came back within the retention window (never after "now").
    const rejoinAt = `(m.cancelled_at + (3 + ${draw(batchId + 7)} * 277 / 1000 * ${draw(batchId + 7)} / 1000) * ${DAY_MS})`;
    sqlite
      .transaction(() => {
        const who = `FROM members m JOIN batch_members bm ON bm.batch_id = m.cancelled_batch_id AND bm.member_id = m.id
          WHERE m.${STATUS_IDX_TERM} AND m.status = 'cancelled' AND m.cancelled_batch_id = ${batchId} AND ${draw(batchId + 3)} < ${REJOIN_PERMILLE}
            AND ${rejoinAt} <= ${now} AND ${rejoinAt} <= m.retention_until`;
        shifts.push(
          ...(
            sqlite
              .prepare(
                `SELECT m.country, m.plan, m.dormant_reason AS reason, m.currency, m.cancelled_at AS fromMs, ${rejoinAt} AS untilMs, bm.price_minor AS price ${who} AND m.dormant_reason IS NOT NULL`,
              )
              .all() as {
              country: string;
              plan: string;
              reason: string;
              currency: string;
              fromMs: number;
              untilMs: number;
              price: number;
            }[]
          ).map((s) => ({
            ...shiftKey(s),
            fromDay: utcDay(s.fromMs),
            untilDay: utcDay(s.untilMs),
            count: -1,
            monthlyMinor: -s.price,
          })),
        );
        const n = sqlite
          .prepare(
            `INSERT INTO rejoins (member_id, batch_id, cancelled_at, rejoined_at, price_minor, currency, source, by)
             SELECT m.id, m.cancelled_batch_id, m.cancelled_at, ${rejoinAt}, bm.price_minor, bm.currency, 'api', 'api' ${who}`,
          )
          .run().changes;
        sqlite
          .prepare(
            `UPDATE members SET status = 'active', status_changed_at = (SELECT max(r.rejoined_at) FROM rejoins r WHERE r.member_id = members.id),
               cancelled_at = NULL, cancelled_batch_id = NULL, cancellation_source = NULL, retention_until = NULL
             WHERE id IN (SELECT member_id FROM rejoins WHERE batch_id = ?) AND cancelled_batch_id = ?`,
          )
          .run(batchId, batchId);
        if (n)
          audit(drizzleFor(sqlite), SYSTEM_ACTOR, {
            action: 'seed.rejoins',
            entityType: 'batch',
            entityId: batchId,
            after: { rejoined: n },
            at: now,
          });
        totals.rejoined += n;
      })
      .immediate();
    // Members still cancelled leave the dormant counts from the cancellation on.
    shifts.push(
      ...leaveDormantCounts(
        sqlite,
        `SELECT id FROM members WHERE ${STATUS_IDX_TERM} AND status = 'cancelled' AND cancelled_batch_id = ${batchId}`,
        executed,
      ),
    );
  }

  // Retention windows that have ended: anonymised on the day they ended (rows and counts stay).
  sqlite
    .transaction(() => {
      eraseMessagesOfExpired(sqlite, now);
      totals.purged = sqlite
        .prepare(
          `UPDATE members SET email = NULL, display_name = NULL, purged_at = retention_until
           WHERE ${STATUS_IDX_TERM} AND status = 'cancelled' AND retention_until IS NOT NULL AND retention_until <= ? AND purged_at IS NULL`,
        )
        .run(now).changes;
      if (totals.purged)
        audit(drizzleFor(sqlite), SYSTEM_ACTOR, {
          action: 'retention.purge',
          entityType: 'members',
          after: { purged: totals.purged },
          at: now,
        });
    })
    .immediate();

  try {
    adjustDailyCounts(sqlite, shifts);
  } catch (err) {
    // The population's counts did not hold these members on some day: keep the seed, say so.
    ctx.log(`Batch history: daily counts left unadjusted (${err instanceof Error ? err.message : 'unknown'}).`);
  }
  return totals;
}

const shiftKey = (s: { country: string; plan: string; reason: string; currency: string }) => ({
  country: s.country,
  plan: s.plan,
  reason: s.reason,
  currency: s.currency,
});

/** Shifts removing the selected (still dormant-classified) members from the daily counts from `fromMs` on, grouped per key. */
function leaveDormantCounts(sqlite: SeedContext['sqlite'], memberIdsSql: string, fromMs: number): DailyShift[] {
  return (
    sqlite
      .prepare(
        `SELECT country, plan, dormant_reason AS reason, currency, count(*) AS n, sum(price_minor) AS price
         FROM members WHERE id IN (${memberIdsSql}) AND dormant_reason IS NOT NULL GROUP BY country, plan, dormant_reason, currency`,
      )
      .all() as { country: string; plan: string; reason: string; currency: string; n: number; price: number }[]
  ).map((s) => ({ ...shiftKey(s), fromDay: utcDay(fromMs), count: -s.n, monthlyMinor: -s.price }));
}
