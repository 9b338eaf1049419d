import { CYCLE_JOBS } from '@/lib/cycle/registry';
import { DAY_MS, startOfUtcDay, utcDay } from '@/lib/runtime/clock';
import type { SeedContext } from './context';

// The daily cycle's runs of the past weeks, so the Operations page has history: one scheduled run of
// each job per day, done, at the default cycle hour, with the counts read from what the other seed
// steps recorded for that day (dormant counts, members who became dormant, cohorts enrolled,
// campaigns closed, late proposals, reminders, leavers cancelled, members purged). Today is left to
// the server's own scheduler, which runs it at start.

const HOUR_MS = 3_600_000;
const CYCLE_HOUR_UTC = 2;

type DayCounts = Record<string, Record<string, number>>;

const perDay = (ctx: SeedContext, sql: string, first: number): Map<string, number> =>
  new Map(
    (ctx.sqlite.prepare(sql).all({ first, day: DAY_MS }) as { d: number; n: number }[]).map((r) => [utcDay(r.d * DAY_MS), r.n]),
  );

export function seedCycleHistory(ctx: SeedContext, days = 21): { days: number; runs: number } {
  const { sqlite, now } = ctx;
  const today = startOfUtcDay(now);
  const first = today - days * DAY_MS;
  const byDay = (sql: string) => perDay(ctx, sql, first);
  const dormant = new Map(
    (
      sqlite.prepare('SELECT day, sum(count) AS n FROM dormancy_daily WHERE day >= ? GROUP BY day').all(utcDay(first)) as {
        day: string;
        n: number;
      }[]
    ).map((r) => [r.day, r.n]),
  );
  const newlyDormant = byDay(
    'SELECT dormant_since / :day AS d, count(*) AS n FROM members WHERE dormant_since >= :first GROUP BY d',
  );
  const joined = byDay('SELECT joined_at / :day AS d, count(*) AS n FROM members WHERE joined_at >= :first GROUP BY d');
  const cancelledSince = byDay(
    'SELECT cancelled_at / :day AS d, count(*) AS n FROM members WHERE cancelled_at >= :first GROUP BY d',
  );
  const { total, cancelled } = sqlite
    .prepare('SELECT count(*) AS total, count(cancelled_at) AS cancelled FROM members')
    .get() as { total: number; cancelled: number };
  const closed = byDay('SELECT closed_at / :day AS d, count(*) AS n FROM campaigns WHERE closed_at >= :first GROUP BY d');
  const lateProposals = byDay(
    `SELECT b.proposed_at / :day AS d, count(*) AS n FROM batches b JOIN campaigns c ON c.id = b.campaign_id
      WHERE b.proposed_at >= :first AND b.proposed_at / :day <> c.closed_at / :day GROUP BY d`,
  );
  const reminders = byDay(
    "SELECT created_at / :day AS d, count(*) AS n FROM staff_notices WHERE kind = 'reminder' AND created_at >= :first GROUP BY d",
  );
  const remindedBatches = byDay(
    "SELECT created_at / :day AS d, count(DISTINCT batch_id) AS n FROM staff_notices WHERE kind = 'reminder' AND created_at >= :first GROUP BY d",
  );
  const leavers = byDay(
    `SELECT m.cancelled_at / :day AS d, count(*) AS n FROM members m
      WHERE m.cancelled_at >= :first AND EXISTS (SELECT 1 FROM campaign_members cm WHERE cm.member_id = m.id AND cm.outcome = 'chose_to_leave')
      GROUP BY d`,
  );
  const purged = byDay('SELECT purged_at / :day AS d, count(*) AS n FROM members WHERE purged_at >= :first GROUP BY d');
  const cohorts = sqlite
    .prepare(
      `SELECT c.cohort_day AS day, count(*) AS cohorts, sum(cm.variant_id IS NOT NULL) AS treated, sum(cm.variant_id IS NULL) AS heldOut
         FROM campaigns c JOIN campaign_members cm ON cm.campaign_id = c.id
        WHERE c.cohort_day >= ? GROUP BY c.cohort_day`,
    )
    .all(utcDay(first)) as { day: string; cohorts: number; treated: number; heldOut: number }[];
  const cohortOf = new Map(cohorts.map((c) => [c.day, c]));
  // An always-on campaign enrolled from its first cohort until it was paused or ended (its last change).
  const enrolling = sqlite
    .prepare(
      `SELECT (SELECT min(k.created_at) FROM campaigns k WHERE k.parent_campaign_id = p.id) AS since,
              CASE WHEN p.status = 'enrolling' THEN NULL ELSE p.updated_at END AS until
         FROM campaigns p WHERE p.always_on = 1 AND p.status <> 'draft'`,
    )
    .all() as { since: number | null; until: number | null }[];

  const insert = sqlite.prepare(
    `INSERT INTO cycle_runs (job, day, trigger, status, attempt, started_at, finished_at, counts, progress)
     VALUES (?, ?, 'schedule', 'done', 1, ?, ?, ?, 0)`,
  );
  let runs = 0;
  sqlite.transaction(() => {
    // Members scanned on a day: every member not cancelled by then who had joined.
    let joinedLater = [...joined.values()].reduce((a, b) => a + b, 0);
    let cancelledLater = [...cancelledSince.values()].reduce((a, b) => a + b, 0);
    for (let t = first; t < today; t += DAY_MS) {
      const day = utcDay(t);
      const runAt = t + CYCLE_HOUR_UTC * HOUR_MS;
      joinedLater -= joined.get(day) ?? 0;
      const cohort = cohortOf.get(day);
      const counts: DayCounts = {
        'dormancy-scan': {
          scanned: total - joinedLater - (cancelled - cancelledLater),
          dormant: dormant.get(day) ?? 0,
          newlyDormant: newlyDormant.get(day) ?? 0,
        },
        'enrol-always-on': {
          campaigns: enrolling.filter((e) => e.since != null && e.since <= runAt + DAY_MS && (e.until == null || e.until > runAt))
            .length,
          cohorts: cohort?.cohorts ? 1 : 0,
          enrolled: (cohort?.treated ?? 0) + (cohort?.heldOut ?? 0),
          held_out: cohort?.heldOut ?? 0,
          failed: 0,
        },
        'close-campaigns': { closed: closed.get(day) ?? 0 },
        'propose-batches': { checked: lateProposals.get(day) ?? 0, proposed: lateProposals.get(day) ?? 0 },
        'batch-reminders': { reminders: reminders.get(day) ?? 0, batches: remindedBatches.get(day) ?? 0 },
        'cancel-leavers': { cancelled: leavers.get(day) ?? 0, alreadyCancelled: 0 },
        'retention-purge': { purged: purged.get(day) ?? 0, messagesErased: 0 },
        'metrics-refresh': { rebuilt: 2 },
      };
      cancelledLater -= cancelledSince.get(day) ?? 0;
      let at = runAt;
      for (const job of CYCLE_JOBS) {
        // A few hundred milliseconds a job, the scan and the figures' rebuild longer: as a small server runs them.
        const ms = job.name === 'dormancy-scan' || job.name === 'metrics-refresh' ? 2_400 : 150;
        insert.run(job.name, day, at, at + ms, JSON.stringify(counts[job.name] ?? {}));
        at += ms + 20;
        runs++;
      }
    }
  })();
  return { days, runs };
}
