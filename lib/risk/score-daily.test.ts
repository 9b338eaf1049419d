import { beforeAll, describe, expect, it } from 'vitest';
import { memberRiskOf, type StoredRisk } from '@/db/risk';
import { mulberry32 } from '@/db/seed/context';
import { DAY_MS } from '@/lib/domain/dormancy';
import { type RiskFeatures, riskBand, riskScore } from '@/lib/domain/risk/model';
import { getDb, getSqlite } from '@/lib/testing/db';
import { scoreRisk } from './score';

// The daily run looks only at members whose score may have changed (marked by triggers, or whose
// recheck day has come). Over 45 days of views arriving (late ones too), views deleted, members
// leaving and coming back, every stored score must equal a recomputation from the views.

const D0 = Date.parse('2026-03-01T05:00:00Z');
const s = () => getSqlite();
type M = { id: number; joinedAt: number; views: number[] };
const members: M[] = [];
const rng = mulberry32(11);

function featuresAt(m: M, t: number): RiskFeatures {
  const before = m.views.filter((v) => v < t).sort((a, b) => a - b);
  const [first, last] = [before[0] ?? null, before.at(-1) ?? null];
  const days = (ms: number) => Math.floor(ms / DAY_MS);
  return {
    daysSinceLastView: days(t - (last ?? m.joinedAt)),
    usualGapDays:
      before.length >= 2 && first !== null && last !== null
        ? Math.max(1, Math.round((last - first) / (before.length - 1) / DAY_MS))
        : null,
    views90: before.filter((v) => v >= t - 90 * DAY_MS).length,
    previous90: before.filter((v) => v >= t - 180 * DAY_MS && v < t - 90 * DAY_MS).length,
    tenureDays: days(t - m.joinedAt),
  };
}

const addView = (m: M, at: number) => {
  const table = rng() < 0.5 ? 'viewing_events' : 'viewing_events_recent';
  const r = s()
    .prepare(`INSERT OR IGNORE INTO ${table} (member_id, watched_at, title_id, seconds_watched) VALUES (?, ?, 1, 600)`)
    .run(m.id, at);
  if (r.changes) m.views.push(at);
};

beforeAll(() => {
  s().exec('DELETE FROM members; DELETE FROM viewing_events; DELETE FROM viewing_events_recent; DELETE FROM risk_runs;');
  const insert = s().prepare(
    `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, status, status_changed_at)
     VALUES (?, ?, 'R', 'GB', 'standard', 999, 'GBP', ?, 'active', 0)`,
  );
  for (let i = 0; i < 400; i++) {
    const joinedAt = D0 - Math.floor((20 + rng() * 900) * DAY_MS);
    const m: M = { id: Number(insert.run(`d-${i}`, `d${i}@example.com`, joinedAt).lastInsertRowid), joinedAt, views: [] };
    const gap = 1 + rng() * 40;
    for (let t = joinedAt + rng() * 5 * DAY_MS; t < D0 && rng() > 0.01; t += rng() * gap * 2 * DAY_MS) addView(m, Math.floor(t));
    members.push(m);
  }
});

function expectAllScoredAt(t: number) {
  const active = s().prepare(`SELECT id FROM members WHERE status = 'active' AND joined_at <= ? ORDER BY id`).pluck().all(t);
  const scored = s().prepare('SELECT member_id FROM member_risk ORDER BY member_id').pluck().all();
  expect(scored).toEqual(active);
  for (const id of scored as number[]) {
    const m = members.find((x) => x.id === id) as M;
    const { scoredAt, ...stored } = memberRiskOf(getDb(), id) as StoredRisk;
    const f = featuresAt(m, t);
    const score = riskScore(f);
    expect(scoredAt).toBe(t);
    expect(stored, `member ${id} at day ${(t - D0) / DAY_MS}`).toEqual({ ...f, score, band: riskBand(score) });
  }
}

describe('the daily at-risk run', () => {
  it('keeps every score equal to a recomputation while looking at only the members that may have changed', () => {
    const first = scoreRisk(s(), { day: '2026-03-01', at: D0, backtest: 'skip' });
    expectAllScoredAt(D0);
    expect(first.looked).toBe(first.scored);
    let [looked, rewritten] = [0, 0];
    for (let day = 1; day <= 45; day++) {
      const t = D0 + day * DAY_MS + Math.floor((rng() - 0.5) * 6 * 3_600_000);
      // The day's writes, between the runs: new views (some dated before the last run, some after
      // this one), a deleted view, members becoming dormant or active again.
      for (let i = 0; i < 12; i++) {
        const m = members[Math.floor(rng() * members.length)] as M;
        addView(m, Math.floor(t - rng() * (rng() < 0.2 ? 300 : 1.5) * DAY_MS + (rng() < 0.05 ? 3_600_000 : 0)));
      }
      const victim = members[Math.floor(rng() * members.length)] as M;
      const gone = victim.views.pop();
      if (gone !== undefined)
        for (const table of ['viewing_events', 'viewing_events_recent'])
          s().prepare(`DELETE FROM ${table} WHERE member_id = ? AND watched_at = ?`).run(victim.id, gone);
      const flip = members[Math.floor(rng() * members.length)] as M;
      s()
        .prepare(`UPDATE members SET status = CASE status WHEN 'active' THEN 'dormant' ELSE 'active' END WHERE id = ?`)
        .run(flip.id);

      const r = scoreRisk(s(), { day: new Date(t).toISOString().slice(0, 10), at: t, backtest: 'skip' });
      expectAllScoredAt(t);
      looked += r.looked as number;
      rewritten += r.rewritten as number;
    }
    // What it looks at is mostly what does change (here about half the rows a day: short gaps):
    // beyond those, the day's ~14 marked members and the recheck days' one-day margin.
    expect(looked).toBeLessThan(1.3 * rewritten + 45 * 14);
    expect(looked).toBeLessThan(0.75 * 45 * members.length);
  });
});
