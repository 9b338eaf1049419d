import { beforeAll, describe, expect, it } from 'vitest';
import { parseOverviewFilters } from '@/lib/domain/metrics/filters';
import { summariseMembers } from '@/lib/domain/metrics/members';
import { loadOverview } from '@/lib/overview/overview';
import { ensureFresh, preparing, refreshInBackground } from '@/lib/runtime/metrics-refresh';
import { getSqlite } from '@/lib/testing/db';
import { histogramRows } from './metrics';
import { refreshMarks, refreshOverviewAggregates } from './metrics-refresh';
import { seedPolicy } from './seed/policy';

// A hand-built world on 15 June 2025 (UTC), small enough to check every figure by hand.
const AT = Date.parse('2025-06-15T12:00:00Z');
const ms = (d: string) => Date.parse(`${d}T10:00:00Z`);

function build() {
  const db = getSqlite();
  seedPolicy({ sqlite: db, now: AT, members: 0, rng: Math.random, log: () => {} }); // 365 / 730 / 30 / 300
  const member = db.prepare(
    `INSERT INTO members (id, account_id, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // 1 active (watched 5 days ago); 2 never watched, joined 531 days ago → dormant (never watched);
  // 3 last view 776 days ago → dormant (inactive); 4 last view 715 days ago, in a campaign → at risk only;
  // 5 yen, last view 2022 → dormant (inactive); 6 cancelled → not a member; 7 rejoined in March, active.
  member.run(1, 'a1', 'US', 'basic', 999, 'USD', ms('2023-01-01'), ms('2025-06-10'), 'active', AT);
  member.run(2, 'a2', 'US', 'basic', 999, 'USD', ms('2024-01-01'), null, 'dormant', AT);
  member.run(3, 'a3', 'GB', 'premium', 1799, 'GBP', ms('2020-01-01'), ms('2023-05-01'), 'dormant', AT);
  member.run(4, 'a4', 'GB', 'premium', 1799, 'GBP', ms('2020-01-01'), ms('2023-07-01'), 'notified', AT);
  member.run(5, 'a5', 'JP', 'basic', 890, 'JPY', ms('2020-01-01'), ms('2022-01-01'), 'dormant', AT);
  member.run(6, 'a6', 'US', 'basic', 999, 'USD', ms('2020-01-01'), ms('2022-01-01'), 'cancelled', AT);
  member.run(7, 'a7', 'DE', 'standard', 799, 'EUR', ms('2020-01-01'), ms('2025-03-01'), 'active', AT);

  const fx = db.prepare('INSERT INTO fx_rates (currency, as_of, per_million_minor) VALUES (?, ?, ?)');
  fx.run('GBP', '2025-06-01', 1_270_000);
  fx.run('JPY', '2025-06-01', 670_000);
  fx.run('EUR', '2025-01-01', 1_080_000);

  db.prepare(
    `INSERT INTO campaigns (id, name, status, policy_version_id, segment, seed, send_started_at, deadline_at, created_by, created_at, updated_at)
     VALUES (1, 'Spring last chance', 'closed', 1, '{}', 1, ?, ?, 1, ?, ?)`,
  ).run(ms('2025-03-01'), ms('2025-04-01'), ms('2025-02-20'), ms('2025-04-01'));
  db.prepare(
    `INSERT INTO campaign_variants (id, campaign_id, key, name, split_pct, subject_template, body_template)
     VALUES (1, 1, 'A', 'Plain reminder', 100, 's', 'b')`,
  ).run();
  const cm = db.prepare(
    `INSERT INTO campaign_members (id, campaign_id, member_id, variant_id, channel, status, assigned_at, outcome)
     VALUES (?, 1, ?, ?, ?, ?, ?, ?)`,
  );
  cm.run(1, 1, null, 'none', 'holdout', ms('2025-03-01'), 'reactivated');
  cm.run(2, 2, null, 'none', 'holdout', ms('2025-03-01'), 'no_response');
  cm.run(3, 3, 1, 'email', 'sent', ms('2025-03-01'), 'confirmed');
  cm.run(4, 4, 1, 'email', 'sent', ms('2025-03-01'), 'no_response');
  cm.run(5, 5, 1, 'email', 'excluded', ms('2025-03-01'), 'pending');
  cm.run(6, 6, 1, 'email', 'sent', ms('2025-03-01'), 'no_response');
  cm.run(7, 7, 1, 'email', 'sent', ms('2025-03-01'), 'no_response');

  db.prepare(
    `INSERT INTO batches (id, campaign_id, policy_version_id, status, proposed_at, executed_at) VALUES (1, 1, 1, 'executed', ?, ?)`,
  ).run(ms('2025-01-05'), ms('2025-01-10'));
  const bm = db.prepare(
    `INSERT INTO batch_members (batch_id, member_id, campaign_member_id, state, price_minor, currency, country, plan, decided_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  bm.run(6, 6, 'cancelled', 999, 'USD', 'US', 'basic', ms('2025-01-10'));
  bm.run(7, 7, 'cancelled', 799, 'EUR', 'DE', 'standard', ms('2025-01-10'));
  bm.run(4, 4, 'skipped', 1799, 'GBP', 'GB', 'premium', ms('2025-01-10'));
  db.prepare(
    `INSERT INTO rejoins (member_id, batch_id, cancelled_at, rejoined_at, price_minor, currency, source, by)
     VALUES (7, 1, ?, ?, 799, 'EUR', 'cx', 'cx@rekindle.local')`,
  ).run(ms('2025-01-10'), ms('2025-03-05'));

  const daily = db.prepare('INSERT INTO dormancy_daily (day, country, plan, reason, count) VALUES (?, ?, ?, ?, ?)');
  for (const day of ['2025-06-14', '2025-06-15']) {
    daily.run(day, 'US', 'basic', 'never_watched', 1);
    daily.run(day, 'GB', 'premium', 'inactive', 1);
    daily.run(day, 'JP', 'basic', 'inactive', 1);
  }
}

const ctx = { today: '2025-06-15', countries: ['DE', 'GB', 'JP', 'US'], plans: ['basic', 'premium', 'standard'] };

describe('overview data layer on a hand-built world', () => {
  beforeAll(() => {
    build();
    refreshOverviewAggregates(getSqlite(), AT);
  });

  it('buckets members by whole UTC days since last view or join, leaving out the cancelled', () => {
    const rows = histogramRows(getSqlite(), { country: null, plan: null })
      .map((r) => `${r.country}:${r.watched ? 'w' : 'n'}${r.days}${r.inCampaign ? '*' : ''}×${r.n}`)
      .sort();
    expect(rows).toEqual(['DE:w106×1', 'GB:w715*×1', 'GB:w776×1', 'JP:w1261×1', 'US:n531×1', 'US:w5×1']);
  });

  it('collapses the snapshot for given thresholds without changing any answer', () => {
    const all = { country: null, plan: null };
    const full = histogramRows(getSqlite(), all);
    // Around each member's exact day count (531 never watched; 715, 776, 1261 inactive), both sides.
    for (const t of [
      { neverWatchedDays: 365, inactiveDays: 730 },
      { neverWatchedDays: 531, inactiveDays: 776 },
      { neverWatchedDays: 532, inactiveDays: 777 },
      { neverWatchedDays: 30, inactiveDays: 715 },
      { neverWatchedDays: 3650, inactiveDays: 3650 },
    ]) {
      const collapsed = histogramRows(getSqlite(), all, t);
      expect(summariseMembers(collapsed, t)).toEqual(summariseMembers(full, t));
    }
    expect(
      summariseMembers(histogramRows(getSqlite(), all, { neverWatchedDays: 532, inactiveDays: 777 }), {
        neverWatchedDays: 532,
        inactiveDays: 777,
      }).dormant,
    ).toBe(1);
  });

  it('shows every card by the DOMAIN definitions', () => {
    const { filters } = parseOverviewFilters({ horizon: '2' }, ctx);
    const o = loadOverview(getSqlite(), filters, AT);
    const c = o.cards;
    expect([c.members, c.dormant, c.dormantNeverWatched, c.dormantInactive, c.dormantShare]).toEqual([6, 3, 1, 2, 0.5]);
    // At risk: members 2, 3, 5 (dormant) and 4 (in a campaign): $9.99 + £35.98 + ¥890.
    // £35.98 × 1.27 = $45.6946 → 4569 cents; ¥890 × 0.0067 = $5.963 → 596 cents; total 999 + 4569 + 596 = 6164.
    expect([c.atRiskCount, c.atRiskUsd]).toEqual([4, 6164]);
    // Cancelled 10 Jan: member 6 ($9.99) and 7 (€7.99 = $8.6292 → 863 cents); 7 rejoined 5 Mar.
    // Jan, Feb: 999 + 863 = 1862; Mar–Jun: 999 → cumulative 2·1862 + 4·999 = 7720; annualised 12 × 999.
    expect([c.cancelledThisYear, c.forgoneMonthUsd, c.forgoneAnnualUsd, c.forgoneCumulativeUsd]).toEqual([2, 999, 11988, 7720]);
    expect([c.cancelledEver, c.rejoinedEver, c.firstBatchMonth]).toEqual([2, 1, '2025-01']);
    // Win-back, campaigns with a deadline in the last 90 days: variant 1 of 4 (member 5 excluded), holdout 1 of 2.
    expect([c.winback90.variants.wonBack, c.winback90.variants.assigned, c.winback90.holdout.rate]).toEqual([1, 4, 0.5]);
    expect(o.missingRates).toEqual([]);
  });

  it('builds the charts’ tables', () => {
    const { filters } = parseOverviewFilters({ from: '2024-12', to: '2025-06', horizon: '2' }, ctx);
    const o = loadOverview(getSqlite(), filters, AT);
    expect(o.forgone.table.rows).toEqual([
      // Nobody left at their own request in this world: the last two columns stay at zero.
      ['2024-12', 0, 0, 0, 0, 0],
      ['2025-01', 2, 1862, 1862, 0, 0],
      ['2025-02', 2, 1862, 3724, 0, 0],
      ['2025-03', 1, 999, 4723, 0, 0],
      ['2025-04', 1, 999, 5722, 0, 0],
      ['2025-05', 1, 999, 6721, 0, 0],
      ['2025-06', 1, 999, 7720, 0, 0],
    ]);
    // No retention window (300 days) has closed; the longest full month is k = 5 (10 Jan + 5 months = 10 Jun):
    // 1 of 2 rejoined → forecast keeps half: 11988 → 5994, 23976 → 11988.
    expect(o.forecast.share).toEqual({ rejoined: 1, cohort: 2, basis: { kind: 'month', k: 5 } });
    expect(o.forecast.table.rows).toEqual([
      [1, 5994, 11988],
      [2, 11988, 23976],
    ]);
    expect(o.rejoins.table.rows.slice(0, 6).map((r) => r.slice(0, 3))).toEqual([
      [1, 2, 0],
      [2, 2, 1], // rejoined 5 Mar, before 10 Mar
      [3, 2, 1],
      [4, 2, 1],
      [5, 2, 1],
      [6, 0, 0], // 10 Jul is still ahead
    ]);
    expect(o.funnel.table.rows.map((r) => r[1])).toEqual([4, 4, 1, 0, 2, 1]);
    expect(o.winback.table.rows.map((r) => r.slice(0, 6))).toEqual([
      ['Spring last chance', '2025-03-01', 'Holdout', 2, 1, 0.5],
      ['Spring last chance', '2025-03-01', 'A: Plain reminder', 4, 1, 0.25],
    ]);
    expect(o.dormant.table.rows).toEqual([
      ['2025-06-14', 1, 2, 3],
      ['2025-06-15', 1, 2, 3],
    ]);
  });

  it('filters every figure by country', () => {
    const { filters } = parseOverviewFilters({ country: 'GB' }, ctx);
    const o = loadOverview(getSqlite(), filters, AT);
    expect([o.cards.members, o.cards.dormant, o.cards.atRiskCount, o.cards.cancelledEver]).toEqual([2, 1, 2, 0]);
    // GB: members 3 (confirmed) and 4 (no response, skipped by the batch) were messaged.
    expect(o.funnel.table.rows.map((r) => r[1])).toEqual([2, 2, 1, 0, 0, 0]);
    // Both reasons show, never-watched at zero in GB.
    expect(o.dormant.series.map((s) => s.label)).toEqual(['Never watched', 'Inactive']);
    expect(o.dormant.table.rows.at(-1)).toEqual(['2025-06-15', 0, 1, 1]);
  });

  it('counts a new member at the next read, from its delta, without a rebuild', async () => {
    const db = getSqlite();
    const rebuiltAt = refreshMarks(db).members?.at;
    db.prepare(
      `INSERT INTO members (account_id, country, plan, price_minor, currency, joined_at, status, status_changed_at)
       VALUES ('a8', 'US', 'basic', 999, 'USD', ?, 'active', ?)`,
    ).run(AT, AT);
    expect(histogramRows(db, { country: null, plan: null }).reduce((s, r) => s + r.n, 0)).toBe(6);
    ensureFresh(db, AT + 60_000);
    expect(histogramRows(db, { country: null, plan: null }).reduce((s, r) => s + r.n, 0)).toBe(7);
    expect(refreshMarks(db).members).toMatchObject({ at: rebuiltAt, appliedAt: AT + 60_000 });
    await refreshInBackground(db, [], AT + 60_000); // the outcomes rebuild the read may have started
  });

  it('rebuilds in a worker thread while the previous snapshot stays readable', async () => {
    const db = getSqlite();
    db.prepare(
      `INSERT INTO members (account_id, country, plan, price_minor, currency, joined_at, status, status_changed_at)
       VALUES ('a9', 'US', 'basic', 999, 'USD', ?, 'active', ?)`,
    ).run(AT, AT);
    const before = refreshMarks(db).members?.at;
    const running = refreshInBackground(db, ['members', 'outcomes'], AT + 120_000);
    expect(histogramRows(db, { country: null, plan: null }).reduce((s, r) => s + r.n, 0)).toBe(7);
    await running;
    expect(histogramRows(db, { country: null, plan: null }).reduce((s, r) => s + r.n, 0)).toBe(8);
    expect(refreshMarks(db).members?.at).toBe(AT + 120_000);
    expect(before).not.toBe(AT + 120_000);
  });

  it('never builds a part inline for a page, not even the first time: it says the part is being prepared', async () => {
    const db = getSqlite();
    db.prepare('DELETE FROM metrics_refresh').run();
    db.prepare('DELETE FROM metrics_member_histogram').run();
    ensureFresh(db, AT + 200_000, { force: true });
    // Still unbuilt right after the call: the rebuild runs in a worker thread.
    expect(histogramRows(db, { country: null, plan: null })).toEqual([]);
    const p = preparing(db);
    expect(p.parts).toContain('members');
    expect(p.startedAt).toBe(AT + 200_000);
    await refreshInBackground(db, [], AT + 200_000); // the running rebuild's promise
    expect(preparing(db)).toEqual({ parts: [], startedAt: null });
    expect(histogramRows(db, { country: null, plan: null }).reduce((s, r) => s + r.n, 0)).toBe(8);
  });

  it('folds a member change into the members cards and today’s chart point together, the rest unchanged', async () => {
    const db = getSqlite();
    const { filters } = parseOverviewFilters({}, ctx);
    const at = AT + 300_000;
    const before = loadOverview(db, filters, at);
    await refreshInBackground(db, [], at); // a rebuild in flight folds the deltas itself: let it end
    // Never watched, joined two years ago: dormant at once.
    db.prepare(
      `INSERT INTO members (account_id, country, plan, price_minor, currency, joined_at, status, status_changed_at)
       VALUES ('a10', 'US', 'basic', 999, 'USD', ?, 'dormant', ?)`,
    ).run(ms('2023-06-01'), at);
    const after = loadOverview(db, filters, at + 1_000);
    expect([after.cards.members, after.cards.dormant, after.cards.atRiskUsd]).toEqual([
      before.cards.members + 1,
      before.cards.dormant + 1,
      before.cards.atRiskUsd + 999,
    ]);
    expect(after.dormant.table.rows.at(-1)).toEqual(['2025-06-15', 2, 2, 4]);
    expect(after.dormant.table.rows.at(-1)?.at(-1)).toBe(after.cards.dormant);
    expect([after.forgone, after.rejoins, after.winback, after.funnel]).toEqual([
      before.forgone,
      before.rejoins,
      before.winback,
      before.funnel,
    ]);
    await refreshInBackground(db, [], at + 1_000);
  });
});
