import { beforeAll, describe, expect, it } from 'vitest';
import { memberRiskOf, type StoredRisk } from '@/db/risk';
import { mulberry32 } from '@/db/seed/context';
import { countSegment } from '@/db/segments';
import { EMPTY_SEGMENT, segmentSchema } from '@/lib/domain/campaigns/segment';
import { classify, DAY_MS, type PolicyValues } from '@/lib/domain/dormancy';
import { aucFromCounts } from '@/lib/domain/risk/auc';
import { type RiskFeatures, riskBand, riskScore } from '@/lib/domain/risk/model';
import { getDb, getSqlite } from '@/lib/testing/db';
import { BACKTEST_DAYS, runBacktest } from './backtest';
import { scoreRisk } from './score';

// A generated population with a known drift pattern, under a policy whose 120-day inactivity
// threshold lets members become dormant inside the backtest's 180 days. The score, the stored
// features, the daily counts and the backtest are each recomputed here from the raw views.

const P: PolicyValues = { neverWatchedDays: 365, inactiveDays: 120, responseDays: 30, retentionDays: 300 };
const D = Date.parse('2026-06-01T00:00:00Z');
type Member = { id: number; joinedAt: number; views: number[]; cancelledAt: number | null; country: string };
const members: Member[] = [];

beforeAll(() => {
  const s = getSqlite();
  s.exec('DELETE FROM members; DELETE FROM viewing_events; DELETE FROM viewing_events_recent; DELETE FROM policy_versions;');
  s.prepare(
    `INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at) VALUES (?, ?, ?, ?, 'test', 0)`,
  ).run(P.neverWatchedDays, P.inactiveDays, P.responseDays, P.retentionDays);
  const rng = mulberry32(7);
  s.exec('BEGIN');
  const add = (table: string) =>
    s.prepare(`INSERT INTO ${table} (member_id, watched_at, title_id, seconds_watched) VALUES (?, ?, 1, 600)`);
  const [addOld, addRecent] = [add('viewing_events'), add('viewing_events_recent')];
  const exp = (mean: number) => Math.max(3_600_000, Math.floor(-Math.log(1 - rng()) * mean * DAY_MS));
  for (let i = 0; i < 1200; i++) {
    const joinedAt = D - Math.floor((300 + rng() * 1500) * DAY_MS);
    const gap0 = 4 + rng() * 20;
    const fate = rng();
    const views: number[] = [];
    let gap = gap0;
    // steady (62%) · drifting: gaps grow ×1.3–1.9 per view from 120–300 days before D−180, then leave (25%)
    // · drifting, then back to normal (5%) · stops without warning after D−180 (5%) · never watches (3%)
    const driftFrom = D - (300 + rng() * 180) * DAY_MS;
    const growth = 1.3 + rng() * 0.6;
    const stopAt = D - (120 + rng() * 60) * DAY_MS;
    for (let t = joinedAt + exp(3); t < D && fate < 0.97; t += exp(gap)) {
      if (fate >= 0.92 && t > stopAt) break;
      views.push(t);
      if (fate >= 0.62 && fate < 0.92 && t > driftFrom) gap *= growth;
      if (gap > 60 && fate < 0.87) break; // drifting members leave once their gaps pass two months
      if (fate >= 0.87 && fate < 0.92 && t > D - 60 * DAY_MS) gap = gap0;
    }
    const cancelledAt = i % 97 === 0 ? D - 40 * DAY_MS : null;
    const country = i % 2 ? 'GB' : 'DE';
    const last = views.at(-1) ?? null;
    const state = classify({ joinedAt, lastViewedAt: last, cancelledAt }, P, D).state;
    const status = cancelledAt ? 'cancelled' : state === 'dormant' ? 'dormant' : 'active';
    const id = Number(
      s
        .prepare(
          `INSERT INTO members (account_id, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at, cancelled_at)
           VALUES (?, ?, 'standard', 999, 'USD', ?, ?, ?, ?, ?)`,
        )
        .run(`risk-${i}`, country, joinedAt, last, status, joinedAt, cancelledAt).lastInsertRowid,
    );
    // The newest views sit in the recent table, as after an import not yet rolled up.
    for (const t of views) (t > D - 20 * DAY_MS ? addRecent : addOld).run(id, t);
    members.push({ id, joinedAt, views, cancelledAt, country });
  }
  s.exec('COMMIT');
}, 30_000);

/** The features of lib/domain/risk/model.ts from a member's raw views, as defined there. */
function featuresAt(m: Member, t: number): RiskFeatures {
  const before = m.views.filter((v) => v < t);
  const last = before.at(-1) ?? null;
  const first = before[0] ?? null;
  const days = (ms: number) => Math.floor(ms / DAY_MS);
  return {
    daysSinceLastView: days(t - (last ?? m.joinedAt)),
    usualGapDays:
      before.length >= 2 && last !== null && first !== null
        ? Math.max(1, Math.round((last - first) / (before.length - 1) / DAY_MS))
        : null,
    views90: before.filter((v) => v >= t - 90 * DAY_MS).length,
    previous90: before.filter((v) => v >= t - 180 * DAY_MS && v < t - 90 * DAY_MS).length,
    tenureDays: days(t - m.joinedAt),
  };
}

/** Every active member as of `t`, and what the member page reads of each one's stored score. */
function storedAndActiveAt(t: number) {
  // Scored: the members whose status is active (set by the dormancy scan; this file's rows hold it as of D).
  const active = members.filter(
    (m) => !m.cancelledAt && classify({ joinedAt: m.joinedAt, lastViewedAt: m.views.at(-1) ?? null }, P, D).state === 'active',
  );
  const ids = getSqlite().prepare('SELECT member_id FROM member_risk ORDER BY member_id').pluck().all() as number[];
  const stored = ids.map((id) => {
    const { scoredAt, ...r } = memberRiskOf(getDb(), id) as StoredRisk;
    expect(scoredAt).toBe(t);
    return { id, ...r };
  });
  return { active, stored };
}

function expectScoredExactlyAt(t: number, stored: ReturnType<typeof storedAndActiveAt>['stored'], active: Member[]) {
  expect(stored.map((x) => x.id)).toEqual(active.map((m) => m.id));
  for (const [i, m] of active.entries()) {
    const f = featuresAt(m, t);
    const score = riskScore(f);
    expect(stored[i]).toEqual({ id: m.id, ...f, score, band: riskBand(score) });
  }
}

describe('scoring every active member', () => {
  it('stores each active member’s score, band and features exactly as recomputed from the views', () => {
    const r = scoreRisk(getSqlite(), { day: '2026-06-01', at: D, chunkSize: 97 });
    const { active, stored } = storedAndActiveAt(D);
    expectScoredExactlyAt(D, stored, active);
    const byBand = (b: string) => stored.filter((x) => x.band === b).length;
    expect(r).toMatchObject({ scored: active.length, high: byBand('high'), medium: byBand('medium'), low: byBand('low') });
    expect(byBand('high')).toBeGreaterThan(0);

    // The day's counts: high and medium members per country, as the overview charts them.
    const daily = getSqlite().prepare(`SELECT country, band, count FROM risk_daily WHERE day = '2026-06-01' ORDER BY 1, 2`).all();
    const expected = ['DE', 'GB'].flatMap((country) =>
      ['high', 'medium'].map((band) => ({
        country,
        band,
        count: stored.filter((x) => x.band === band && members.find((m) => m.id === x.id)?.country === country).length,
      })),
    );
    expect(daily).toEqual(expected.filter((e) => e.count > 0));
  });

  it('re-running the same day rewrites the same rows', () => {
    const snapshot = () => JSON.stringify(getSqlite().prepare('SELECT * FROM member_risk ORDER BY 1').all());
    const before = snapshot();
    scoreRisk(getSqlite(), { day: '2026-06-01', at: D });
    expect(snapshot()).toBe(before);
  });

  it('a later day’s run rewrites only the rows that moved, and every score then equals a recomputation as of that day', () => {
    const later = D + 3 * DAY_MS + 7 * 3_600_000;
    const r = scoreRisk(getSqlite(), { day: '2026-06-04', at: later, backtest: 'skip' });
    const { active, stored } = storedAndActiveAt(later);
    expectScoredExactlyAt(later, stored, active);
    expect(r.rewritten).toBeGreaterThan(0);
    expect(r.rewritten).toBeLessThan(r.scored as number);
    scoreRisk(getSqlite(), { day: '2026-06-01', at: D, backtest: 'skip' }); // back to D for the tests below
  });

  it('re-runs the backtest only once its stored outcome day is a week old, or when asked', () => {
    const stored = () => getSqlite().prepare('SELECT DISTINCT outcome_day FROM risk_backtest').pluck().all();
    expect(stored()).toEqual(['2026-06-01']);
    const at = (days: number) => D + days * DAY_MS + 5 * 3_600_000;
    const run = (days: number, backtest?: 'now') =>
      scoreRisk(getSqlite(), { day: new Date(at(days)).toISOString().slice(0, 10), at: at(days), backtest }).backtestRan;
    expect([run(6), stored()]).toEqual([0, ['2026-06-01']]);
    expect([run(6, 'now'), stored()]).toEqual([1, ['2026-06-07']]);
    expect([run(12), stored()]).toEqual([0, ['2026-06-07']]);
    expect([run(13), stored()]).toEqual([1, ['2026-06-14']]);
    scoreRisk(getSqlite(), { day: '2026-06-01', at: D, backtest: 'now' }); // back to D for the tests below
  });
});

describe('an at-risk segment', () => {
  it('counts the active members scored in the chosen bands, with the other filters', () => {
    const n = (sql: string) => getSqlite().prepare(sql).pluck().get() as number;
    const high = n(`SELECT count(*) FROM member_risk WHERE band = 'high'`);
    const both = n(`SELECT count(*) FROM member_risk WHERE band IN ('high', 'medium')`);
    const highGb = n(
      `SELECT count(*) FROM member_risk r JOIN members m ON m.id = r.member_id WHERE band = 'high' AND m.country = 'GB'`,
    );
    expect(high).toBeGreaterThan(0);
    expect(countSegment(getSqlite(), { ...EMPTY_SEGMENT, riskBands: ['high'] }, D)).toBe(high);
    expect(countSegment(getSqlite(), { ...EMPTY_SEGMENT, riskBands: ['high', 'medium'] }, D)).toBe(both);
    expect(countSegment(getSqlite(), { ...EMPTY_SEGMENT, riskBands: ['high'], countries: ['GB'] }, D)).toBe(highGb);
  });

  it('cannot be mixed with dormancy filters', () => {
    const r = segmentSchema.safeParse({ ...EMPTY_SEGMENT, riskBands: ['high'], reasons: ['inactive'] });
    expect(r.success).toBe(false);
  });
});

describe('the backtest', () => {
  it('counts, by band, the members active on D−180 who became dormant or were cancelled by D, as recomputed from the views', () => {
    const bt = runBacktest(getSqlite(), D);
    const t = D - BACKTEST_DAYS * DAY_MS;
    const counts = new Map<number, { positives: number; negatives: number }>();
    for (const m of members) {
      if (m.joinedAt > t || (m.cancelledAt !== null && m.cancelledAt < t)) continue;
      const lastAt = (x: number) => m.views.filter((v) => v < x).at(-1) ?? null;
      if (classify({ joinedAt: m.joinedAt, lastViewedAt: lastAt(t) }, P, t).state === 'dormant') continue;
      const became =
        (m.cancelledAt !== null && m.cancelledAt < D) ||
        classify({ joinedAt: m.joinedAt, lastViewedAt: lastAt(D) }, P, D).state === 'dormant';
      const score = riskScore(featuresAt(m, t));
      const c = counts.get(score) ?? { positives: 0, negatives: 0 };
      if (became) c.positives++;
      else c.negatives++;
      counts.set(score, c);
    }
    const rows = [...counts].map(([score, c]) => ({ score, ...c }));
    const band = (b: string) => rows.filter((r) => riskBand(r.score) === b);
    for (const b of bt.bands) {
      expect(b.members).toBe(band(b.band).reduce((s, r) => s + r.positives + r.negatives, 0));
      expect(b.became).toBe(band(b.band).reduce((s, r) => s + r.positives, 0));
    }
    expect(bt.auc).toBeCloseTo(aucFromCounts(rows) ?? Number.NaN, 12);
  });

  it('predicts the drift: AUC of at least 0.75, and the high band becomes dormant far more often than the low', () => {
    const bt = runBacktest(getSqlite(), D);
    expect(bt.auc).toBeGreaterThanOrEqual(0.75);
    const rate = (b: string) => bt.bands.find((x) => x.band === b)?.rate ?? 0;
    expect(rate('high')).toBeGreaterThan(3 * rate('low'));
  });
});
