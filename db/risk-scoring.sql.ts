import 'server-only';
import type Database from 'better-sqlite3';
import { DAY_MS } from '@/lib/domain/dormancy';
import { COEFFICIENTS, DEFAULT_GAP_DAYS, MODEL_VERSION } from '@/lib/domain/risk/model';
import { namedParams } from './named-params';
import {
  BAND_SQL,
  countsFeaturesSql,
  countsParams,
  inlineParams,
  memberIdBounds,
  ONCE,
  rawBacktestSql,
  SCORE_SQL,
} from './risk.sql';

// The daily scoring run's statements (decision 033). A full run scores every active member; the
// daily one only those whose stored row may have changed: members marked by the triggers in
// risk_dirty (their views changed, they became or stopped being active, their join date moved) and
// rows whose recheck day has come. Without a new view a row changes only as days pass, and
// RECHECK_SQL says from which day that can happen, conservatively: so both runs store the same rows.

/** Day buckets older than this many days before the scoring day are dropped (the windows need 180). */
export const KEEP_VIEW_DAYS = 190;

const c = COEFFICIENTS;
const NEVER = 1_000_000_000; // a day no run reaches
const MAX_DAYS = 36_500;
const logit = (q: string) => `ln((${q}) / (1 - (${q})))`;
const gap = `coalesce(usualGapDays, ${DEFAULT_GAP_DAYS})`;
const slowdown = `${c.slowdown} * ln((previous90 + 1.0) / (views90 + 1))`;
const tenureTerm = `${c.tenure} * ln(1 + tenureDays / 365.0)`;
const overdueTerm = `${c.overdue} * ln(1 + daysSinceLastView * 1.0 / ${gap})`;
/**
 * The whole days from now (at least 1, at most MAX_DAYS) before which a crossing `x` days away
 * cannot happen; `x` is lowered by a millionth first, so rounding in its computation can only make
 * the recheck come early.
 */
const daysBefore = (x: string) => `max(1, CAST(min(${MAX_DAYS}, ceil(${x} - 1e-6)) AS INTEGER))`;

/**
 * The first UTC day on which a row of the scoring SELECT (features, score, b90, b180, laterView)
 * may change with no new view. As days pass the overdue term grows (c.overdue > 0) and the tenure
 * term shrinks (c.tenure < 0): the score can rise to score + ½ no sooner than the overdue term alone
 * takes it there with the tenure term held, and fall to score − ½ no sooner than the tenure term
 * alone takes it there. A view leaves the last 90 days 90 days after its day and the 90 before
 * after 180; a member with a view at or after the instant is looked at again the next day.
 */
export const RECHECK_SQL = `min(
  CASE WHEN score >= 100 THEN ${NEVER} ELSE CAST((coalesce(last, joined_at) + (daysSinceLastView + ${daysBefore(
    `${gap} * (exp((${logit('(score + 0.5) / 100.0')} - (${c.intercept} + ${slowdown} + ${tenureTerm})) / ${c.overdue}) - 1) - daysSinceLastView`,
  )}) * ${DAY_MS}) / ${DAY_MS} AS INTEGER) END,
  CASE WHEN score <= 0 THEN ${NEVER} ELSE CAST((joined_at + (tenureDays + ${daysBefore(
    `365 * (exp((${logit('(score - 0.5) / 100.0')} - (${c.intercept} + ${overdueTerm} + ${slowdown})) / ${c.tenure}) - 1) - tenureDays`,
  )}) * ${DAY_MS}) / ${DAY_MS} AS INTEGER) END,
  coalesce(b90 + 90, ${NEVER}), coalesce(b180 + 180, ${NEVER}), CASE WHEN laterView THEN @dayT ELSE ${NEVER} END)`;

if (!(c.overdue > 0 && c.tenure < 0))
  throw new Error('RECHECK_SQL assumes the overdue term raises the score and tenure lowers it');

const ACTIVE = `m.status = 'active'`;
const DUE = 'SELECT member_id FROM temp.risk_due WHERE member_id BETWEEN @lo AND @hi';
const NOT_YET_JOINED = 'EXISTS (SELECT 1 FROM members j WHERE j.id = risk_dirty.member_id AND j.joined_at > @t)';

/**
 * Upserts the scores of `population`; a row is rewritten only where the score, a stored feature
 * or the recheck day moved (the WHERE): unchanged rows are neither rewritten nor re-indexed.
 */
const upsert = (
  population: string,
) => `INSERT INTO member_risk (member_id, score, band, last_viewed_at, usual_gap_days, views_90, previous_90, recheck_day)
    SELECT member_id, score, ${BAND_SQL}, last, usualGapDays, views90, previous90, ${RECHECK_SQL}
    FROM (SELECT *, ${SCORE_SQL} AS score FROM (${countsFeaturesSql(population)}) ${ONCE}) WHERE true
    ON CONFLICT (member_id) DO UPDATE SET score = excluded.score, band = excluded.band,
      last_viewed_at = excluded.last_viewed_at, usual_gap_days = excluded.usual_gap_days,
      views_90 = excluded.views_90, previous_90 = excluded.previous_90, recheck_day = excluded.recheck_day
    WHERE member_risk.score <> excluded.score OR member_risk.band <> excluded.band
      OR member_risk.last_viewed_at IS NOT excluded.last_viewed_at OR member_risk.usual_gap_days IS NOT excluded.usual_gap_days
      OR member_risk.views_90 <> excluded.views_90 OR member_risk.previous_90 <> excluded.previous_90
      OR member_risk.recheck_day <> excluded.recheck_day`;

export type ScoringMode = 'full' | 'due';

/** Per chunk of member ids @lo..@hi, in this order, inside one transaction. */
const CHUNK: Record<ScoringMode, string[]> = {
  full: [
    // Members no longer scored (not active, or joined after @t) lose their row: found from the
    // range's members, a pass over them, not a NOT IN over every active id (a 5M-row index).
    `DELETE FROM member_risk WHERE member_id IN (
      SELECT id FROM members m WHERE m.id BETWEEN @lo AND @hi AND NOT (${ACTIVE} AND m.joined_at <= @t))`,
    upsert(ACTIVE),
    `DELETE FROM risk_dirty WHERE member_id BETWEEN @lo AND @hi AND NOT ${NOT_YET_JOINED}`,
    'DELETE FROM member_view_days WHERE member_id BETWEEN @lo AND @hi AND day < @keepFrom',
  ],
  due: [
    `DELETE FROM member_risk WHERE member_id IN (
      SELECT m.id FROM members m WHERE m.id IN (${DUE}) AND NOT (${ACTIVE} AND m.joined_at <= @t))`,
    upsert(`m.id IN (${DUE}) AND ${ACTIVE}`),
    // A member who joins after @t stays marked until a run after the join scores them.
    `DELETE FROM risk_dirty WHERE member_id IN (${DUE}) AND NOT ${NOT_YET_JOINED}`,
    'DELETE FROM member_view_days WHERE member_id BETWEEN @lo AND @hi AND day < @keepFrom',
  ],
};

/** The members a daily run looks at, gathered once at its start (later marks wait for the next run). */
const GATHER_DUE = [
  'CREATE TEMP TABLE IF NOT EXISTS risk_due (member_id INTEGER PRIMARY KEY)',
  'DELETE FROM temp.risk_due',
  `INSERT INTO temp.risk_due SELECT member_id FROM member_risk WHERE recheck_day <= @dayT
    UNION SELECT member_id FROM risk_dirty`,
];

const DAY_COUNTS = `SELECT m.country, m.plan, r.band, count(*) AS n FROM member_risk r JOIN members m ON m.id = r.member_id
  WHERE r.band <> 'low' GROUP BY m.country, m.plan, r.band`;

/** The day's rows as one bare statement each (the benchmark's raw side of readDay and writeDay). */
const DAILY = [
  // Every stored score now holds as of @t: the member page counts days from this instant.
  `INSERT INTO risk_runs (day, scored_at, scored, model) VALUES (@day, @t, (SELECT count(*) FROM member_risk), @model)
    ON CONFLICT (day) DO UPDATE SET scored_at = excluded.scored_at, scored = excluded.scored, model = excluded.model`,
  'DELETE FROM risk_daily WHERE day = @day',
  `INSERT INTO risk_daily (day, country, plan, band, count)
    SELECT @day, m.country, m.plan, r.band, count(*) FROM member_risk r JOIN members m ON m.id = r.member_id
    WHERE r.band <> 'low' GROUP BY m.country, m.plan, r.band`,
];

type Params = Record<string, number | string>;
const params = (t: number, day: string, lo: number, hi: number): Params => {
  const p = countsParams(t);
  return { ...p, day, lo, hi, keepFrom: p.dayT - KEEP_VIEW_DAYS, model: MODEL_VERSION };
};

/**
 * 'full' when the stored rows cannot be trusted to move on from: no run yet, the latest under
 * another model, or at a later instant than `t` (scoring as of an earlier instant).
 */
export function scoringModeFor(sqlite: Database.Database, t: number): ScoringMode {
  const latest = sqlite.prepare('SELECT scored_at, model FROM risk_runs ORDER BY scored_at DESC LIMIT 1').get() as
    | { scored_at: number; model: string }
    | undefined;
  return latest && latest.model === MODEL_VERSION && latest.scored_at <= t ? 'due' : 'full';
}

/** The scoring job's statements, prepared once per run. */
export function riskStatements(sqlite: Database.Database) {
  sqlite.exec(GATHER_DUE[0] as string);
  const chunk = { full: CHUNK.full.map((q) => sqlite.prepare(q)), due: CHUNK.due.map((q) => sqlite.prepare(q)) };
  const run = (st: Database.Statement, p: Params) => st.run(namedParams(p, st)).changes;
  return {
    bounds: () => memberIdBounds(sqlite),
    /** Gathers the members a 'due' run looks at; returns how many. */
    gatherDue: (t: number) => {
      // Reads the main tables and writes only the temp table: no write lock, no transaction needed.
      const p = params(t, '', 0, 0);
      for (const q of GATHER_DUE.slice(1)) run(sqlite.prepare(q), p);
      return sqlite.prepare('SELECT count(*) FROM temp.risk_due').pluck().get() as number;
    },
    /** Scores the chunk's members in `mode`, drops their day buckets the windows no longer need; returns rows written. */
    scoreChunk: (mode: ScoringMode, t: number, lo: number, hi: number) => {
      const p = params(t, '', lo, hi);
      const [clear, upsertRows, undirty, prune] = chunk[mode] as Database.Statement[];
      run(clear as Database.Statement, p);
      const written = run(upsertRows as Database.Statement, p);
      run(undirty as Database.Statement, p);
      run(prune as Database.Statement, p);
      return written;
    },
    /**
     * The day's counts, read without the write lock (700k rows joined at 5M members: ~1 s): members
     * scored, and high and medium members per country and plan.
     */
    readDay: () => ({
      scored: sqlite.prepare('SELECT count(*) FROM member_risk').pluck().get() as number,
      rows: sqlite.prepare(DAY_COUNTS).all() as { country: string; plan: string; band: string; n: number }[],
    }),
    /** Records the run and replaces the day's risk_daily rows with `counts` (a few hundred rows). */
    writeDay: (
      day: string,
      t: number,
      counts: { scored: number; rows: { country: string; plan: string; band: string; n: number }[] },
    ) => {
      sqlite
        .prepare(
          `INSERT INTO risk_runs (day, scored_at, scored, model) VALUES (@day, @t, @scored, @model)
           ON CONFLICT (day) DO UPDATE SET scored_at = excluded.scored_at, scored = excluded.scored, model = excluded.model`,
        )
        .run({ day, t, scored: counts.scored, model: MODEL_VERSION });
      sqlite.prepare('DELETE FROM risk_daily WHERE day = ?').run(day);
      const insert = sqlite.prepare('INSERT INTO risk_daily (day, country, plan, band, count) VALUES (?, ?, ?, ?, ?)');
      for (const r of counts.rows) insert.run(day, r.country, r.plan, r.band, r.n);
    },
  };
}

/**
 * The bare SQL of a scoring run in `mode` (one chunk over every id, then the day's rows) and of
 * the backtest, values inlined, for the benchmark's app/raw ratios.
 */
export function rawScoreSql(
  t: number,
  day: string,
  policy: Parameters<typeof rawBacktestSql>[1],
  policyVersionId: number,
  mode: ScoringMode = 'due',
): { scoring: string; backtest: string } {
  const p = params(t, day, -9e15, 9e15);
  const gather = mode === 'due' ? GATHER_DUE.map((q) => inlineParams(q, p)) : [];
  return {
    scoring: [
      ...gather,
      'BEGIN IMMEDIATE',
      ...CHUNK[mode].map((q) => inlineParams(q, p)),
      'COMMIT',
      'BEGIN IMMEDIATE',
      ...DAILY.map((q) => inlineParams(q, p)),
      'COMMIT',
    ].join(';\n'),
    backtest: rawBacktestSql(t, policy, policyVersionId),
  };
}
