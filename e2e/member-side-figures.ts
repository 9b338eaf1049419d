import type Database from 'better-sqlite3';
import { convertMinor } from '../lib/domain/money';

// The overview's campaign and cancellation figures recomputed in SQL from ../shared/DOMAIN.md and
// decision 025 (docs/decisions/025-keep-answers.md), for e2e/member-side.spec.ts to hold the page
// against. Written from the definitions, not from db/metrics.sql.ts; only the rounding of a currency
// sum into US cents is the product's own (convertMinor: one rounding per currency sum).

const DAY = 86_400_000;
const monthStart = (month: string) => Date.parse(`${month}-01T00:00:00Z`);
const nextMonth = (month: string) => {
  const d = new Date(monthStart(month));
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 7);
};
const lastDay = (month: string) => new Date(monthStart(nextMonth(month)) - DAY).toISOString().slice(0, 10);

/** Σ per currency converted to US cents at the rate in force on `day` (the latest on or before it, else the first). */
function usd(db: Database.Database, sums: { currency: string; minor: number }[], day: string): number {
  const rate = db.prepare(
    `SELECT per_million_minor FROM fx_rates WHERE currency = ?
     ORDER BY (as_of <= ?) DESC, CASE WHEN as_of <= ? THEN as_of END DESC, as_of ASC LIMIT 1`,
  );
  let total = 0;
  for (const s of sums) {
    const perMillion = s.currency === 'USD' ? 1_000_000 : (rate.pluck().get(s.currency, day, day) as number | undefined);
    if (perMillion === undefined) throw new Error(`no exchange rate for ${s.currency}`);
    total += Number(convertMinor(s.minor, perMillion));
  }
  return total;
}

/**
 * Forgone revenue, monthly (month M) = Σ monthly price at cancellation of members cancelled by
 * Rekindle (an executed batch, not undone) who have not rejoined by the end of M. A rejoin counts
 * within the batch policy's retention window. Members who left at their own request are never here.
 */
function forgoneMonth(db: Database.Database, month: string) {
  const end = monthStart(nextMonth(month));
  const rows = db
    .prepare(
      `SELECT bm.currency AS currency, count(*) AS n, sum(bm.price_minor) AS minor
       FROM batch_members bm JOIN batches b ON b.id = bm.batch_id
       LEFT JOIN policy_versions p ON p.id = b.policy_version_id
       WHERE bm.state = 'cancelled' AND coalesce(bm.decided_at, b.executed_at) < @end
         AND NOT EXISTS (SELECT 1 FROM rejoins r WHERE r.member_id = bm.member_id AND r.batch_id = bm.batch_id
               AND r.rejoined_at < @end
               AND r.rejoined_at >= coalesce(bm.decided_at, b.executed_at)
               AND r.rejoined_at <= coalesce(bm.decided_at, b.executed_at) + coalesce(p.retention_days, 300) * ${DAY})
       GROUP BY bm.currency`,
    )
    .all({ end }) as { currency: string; n: number; minor: number }[];
  return { members: rows.reduce((s, r) => s + r.n, 0), sums: rows };
}

/** Members cancelled at their own request (keep page "cancel now"), by the month their paid period ended. */
function ownRequestMonth(db: Database.Database, month: string) {
  const rows = db
    .prepare(
      `SELECT lr.currency AS currency, count(*) AS n, sum(lr.price_minor) AS minor FROM leave_requests lr
       WHERE lr.cancelled_at IS NOT NULL AND lr.ends_at >= ? AND lr.ends_at < ? GROUP BY lr.currency`,
    )
    .all(monthStart(month), monthStart(nextMonth(month))) as { currency: string; n: number; minor: number }[];
  return { members: rows.reduce((s, r) => s + r.n, 0), sums: rows };
}

export type ForgoneRow = { members: number; forgone: number; cumulative: number; ownMembers: number; ownAmount: number };

/** The forgone chart's row for `month` as of `today` (rates of the month's last day; today's for the current month). */
export function forgoneRow(db: Database.Database, month: string, today: string): ForgoneRow {
  const rateDay = (m: string) => (m === today.slice(0, 7) ? today : lastDay(m));
  const first = db
    .prepare(
      `SELECT min(coalesce(bm.decided_at, b.executed_at)) FROM batch_members bm JOIN batches b ON b.id = bm.batch_id
       WHERE bm.state = 'cancelled'`,
    )
    .pluck()
    .get() as number | null;
  let cumulative = 0;
  let forgone = 0;
  let members = 0;
  if (first !== null)
    for (let m = new Date(first).toISOString().slice(0, 7); m <= month; m = nextMonth(m)) {
      const f = forgoneMonth(db, m);
      forgone = usd(db, f.sums, rateDay(m));
      members = f.members;
      cumulative += forgone;
    }
  const own = ownRequestMonth(db, month);
  return { members, forgone, cumulative, ownMembers: own.members, ownAmount: usd(db, own.sums, rateDay(month)) };
}

/** "Left at own request": members whose paid period ended in `year` and who were cancelled then, and all of them. */
export function ownRequestCounts(db: Database.Database, year: string) {
  const q = (extra: string) =>
    db.prepare(`SELECT count(*) FROM leave_requests WHERE cancelled_at IS NOT NULL ${extra}`).pluck().get() as number;
  return {
    thisYear: q(
      `AND ends_at >= ${Date.parse(`${year}-01-01T00:00:00Z`)} AND ends_at < ${Date.parse(`${Number(year) + 1}-01-01T00:00:00Z`)}`,
    ),
    ever: q(''),
  };
}

/**
 * The funnel over campaigns started (sending, else created) in the months from..to: members assigned
 * to a message variant, won back (confirmed or reactivated), chose to leave. The holdout is never messaged.
 */
export function funnelCounts(db: Database.Database, from: string, to: string) {
  return db
    .prepare(
      `SELECT count(*) AS assigned, coalesce(sum(cm.outcome IN ('confirmed', 'reactivated')), 0) AS wonBack,
              coalesce(sum(cm.outcome = 'chose_to_leave'), 0) AS choseToLeave
       FROM campaign_members cm JOIN campaigns c ON c.id = cm.campaign_id
       WHERE cm.variant_id IS NOT NULL AND cm.status <> 'excluded'
         AND coalesce(c.send_started_at, c.created_at) >= ? AND coalesce(c.send_started_at, c.created_at) < ?`,
    )
    .get(monthStart(from), monthStart(nextMonth(to))) as { assigned: number; wonBack: number; choseToLeave: number };
}

/** The overview's default range: the 24 months up to the current one. */
export function defaultRange(today: string) {
  const d = new Date(monthStart(today.slice(0, 7)));
  d.setUTCMonth(d.getUTCMonth() - 23);
  return { from: d.toISOString().slice(0, 7), to: today.slice(0, 7) };
}
