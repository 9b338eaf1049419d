import { expect, it } from 'vitest';
import { drizzleFor } from '@/db/client';
import { cycleHistory } from '@/lib/cycle/history';
import { CYCLE_JOBS } from '@/lib/cycle/registry';
import { DEADLINE, insertCampaign } from '@/lib/testing/batches/fixtures';
import { getSqlite } from '@/lib/testing/db';
import { mulberry32 } from './context';
import { seedCycleHistory } from './cycle-history';

const DAY = 86_400_000;

it('the demo cycle history has one run of every job a day, done, with the day’s recorded dormant count and closings', () => {
  const sqlite = getSqlite();
  const now = Date.parse('2026-03-22T15:00:00Z');
  const day = (n: number) => new Date(Date.parse('2026-03-22T00:00:00Z') - n * DAY).toISOString().slice(0, 10);
  const ins = sqlite.prepare(
    `INSERT INTO dormancy_daily (day, country, plan, reason, count, monthly_minor, currency) VALUES (?, ?, 'standard', 'inactive', ?, 0, 'EUR')`,
  );
  ins.run(day(3), 'DE', 40);
  ins.run(day(3), 'FR', 2);
  ins.run(day(1), 'DE', 45);
  const closedId = insertCampaign(sqlite, { deadline: DEADLINE });
  sqlite.prepare("UPDATE campaigns SET status = 'closed', closed_at = ? WHERE id = ?").run(now - 2 * DAY, closedId);

  expect(seedCycleHistory({ sqlite, now, members: 1, rng: mulberry32(1), log: () => {} }, 5)).toEqual({
    days: 5,
    runs: 5 * CYCLE_JOBS.length,
  });
  const history = cycleHistory(drizzleFor(sqlite));
  // Newest first, today left to the scheduler; every job of every day done once.
  expect(history.map((d) => d.day)).toEqual([1, 2, 3, 4, 5].map(day));
  expect(history.every((d) => d.done === CYCLE_JOBS.length && d.failed === 0 && d.retries === 0)).toBe(true);
  expect(history.find((d) => d.day === day(3))).toMatchObject({ dormant: 42, closed: 0 });
  expect(history.find((d) => d.day === day(2))).toMatchObject({ dormant: 0, closed: 1 });
  expect(history.find((d) => d.day === day(1))).toMatchObject({ dormant: 45, closed: 0 });
  // At the cycle hour, one job after another.
  const first = sqlite.prepare("SELECT started_at AS at FROM cycle_runs WHERE day = ? AND job = 'dormancy-scan'").get(day(1)) as {
    at: number;
  };
  expect(new Date(first.at).toISOString()).toBe(`${day(1)}T02:00:00.000Z`);
});
