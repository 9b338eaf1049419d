import { expect, it } from 'vitest';
import { DAY, insertLargeCampaign } from '@/lib/testing/batches/fixtures';
import { getSqlite } from '@/lib/testing/db';
import { seedBatchHistory } from './batch-history';
import { mulberry32 } from './context';

// Past batches of closed campaigns, built with the real data-layer functions. Checks the history
// is consistent with every rule, not exact numbers (those come from deterministic hashes).
it('seeds executed, skipped, rejoined and purged history consistent with the rules', { timeout: 60_000 }, async () => {
  const sqlite = getSqlite();
  const now = Date.parse('2025-06-01T12:00:00Z');
  const old = insertLargeCampaign(sqlite, 3000); // deadline 2024-07-01: executed, window ended 2025-04
  const recent = insertLargeCampaign(sqlite, 200, { deadline: now - DAY - 4 * 3_600_000 }); // submitted, waiting
  sqlite.prepare("UPDATE campaigns SET status = 'closed'").run();
  sqlite.exec("INSERT INTO titles (name) VALUES ('Seed title')");

  const totals = await seedBatchHistory({ sqlite, now, members: 3200, rng: mulberry32(1), log: () => {} });
  expect(totals.batches).toBe(2);
  expect(totals.cancelled + totals.skipped).toBe(3000);
  expect(totals.skipped).toBeGreaterThan(30);
  expect(totals.rejoined).toBeGreaterThan(100);

  const b = sqlite
    .prepare(
      'SELECT campaign_id AS c, status, proposer_id AS p, decided_by AS d, decision_comment AS comment FROM batches ORDER BY id',
    )
    .all() as {
    c: number;
    status: string;
    p: number;
    d: number | null;
    comment: string | null;
  }[];
  expect(b.map((r) => [r.c, r.status])).toEqual([
    [old, 'executed'],
    [recent, 'submitted'],
  ]);
  expect(b[0]!.p).not.toBe(b[0]!.d);
  expect(b[0]!.comment).toBeTruthy();

  // Skipped members watched after the message and before the execution; they are active.
  const skipped = sqlite
    .prepare(
      `SELECT count(*) AS n, sum(m.status = 'active') AS active, sum(m.last_viewed_at > cm.sent_at) AS watched
       FROM batch_members bm JOIN members m ON m.id = bm.member_id JOIN campaign_members cm ON cm.id = bm.campaign_member_id
       WHERE bm.state = 'skipped'`,
    )
    .get() as { n: number; active: number; watched: number };
  expect(skipped).toEqual({ n: totals.skipped, active: totals.skipped, watched: totals.skipped });
  // Every rejoin is within the window and before "now"; the member is active again.
  const bad = sqlite
    .prepare(
      `SELECT count(*) AS n FROM rejoins r JOIN members m ON m.id = r.member_id
       WHERE r.rejoined_at > ? OR r.rejoined_at < r.cancelled_at OR r.rejoined_at > r.cancelled_at + 300 * 86400000 OR m.status <> 'active'`,
    )
    .get(now);
  expect(bad).toEqual({ n: 0 });
  // Still-cancelled members of the old batch are past their window: purged, rows kept.
  const cancelled = sqlite
    .prepare(
      "SELECT count(*) AS n, sum(email IS NULL AND purged_at = retention_until) AS purged FROM members WHERE status = 'cancelled'",
    )
    .get() as { n: number; purged: number };
  expect(cancelled.n).toBe(totals.cancelled - totals.rejoined);
  expect(cancelled.purged).toBe(cancelled.n);
  expect(totals.purged).toBe(cancelled.n);
  // Members of the waiting batch are 'proposed'.
  expect(sqlite.prepare("SELECT count(*) AS n FROM members WHERE status = 'proposed'").get()).toEqual({ n: 200 });
  // Idempotent: a second run adds nothing.
  const again = await seedBatchHistory({ sqlite, now, members: 3200, rng: mulberry32(1), log: () => {} });
  expect(again.batches).toBe(0);
});
