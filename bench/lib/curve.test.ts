import { describe, expect, it } from 'vitest';
import { buildCurve, judgeGrowth, sizeLabel, stepKey } from './curve';
import { renderCurve } from './curve-table';
import type { Sidecar, SidecarRow } from './sidecar';

const row = (step: string, kind: SidecarRow['kind'], ms: number | null, extra: Partial<SidecarRow> = {}): SidecarRow => ({
  step,
  kind,
  status: 'met',
  result: '',
  ms,
  rawMs: null,
  peakRssMb: null,
  ...extra,
});

const run = (members: number, rows: SidecarRow[], commit = 'abc1234'): Sidecar => ({
  date: '2026-12-01T00:00:00.000Z',
  commit,
  machine: { cores: 2, cpu: 'Test CPU', memoryGiB: 23.5, platform: 'linux', node: 'v20.20.2' },
  members,
  bigOperation: Math.min(900_000, members * 0.18),
  quick: false,
  load: { start: 1.5, end: 2.5 },
  rows,
});

describe('stepKey', () => {
  it('matches a step whose name carries a size that scales with the population', () => {
    expect(stepKey('Executing a 180,000-member cancellation batch (executeBatch)')).toBe(
      stepKey('Executing a 900,000-member cancellation batch (executeBatch)'),
    );
    expect(stepKey('Import of that 42 MB CSV through POST /api/import/events')).toBe(
      stepKey('Import of that 210 MB CSV through POST /api/import/events'),
    );
    expect(stepKey('One day’s enrolment: 100 newly dormant')).toBe(stepKey('One day’s enrolment: 4,000 newly dormant'));
  });

  it('keeps small figures and decimals that name different steps apart', () => {
    expect(stepKey('HTTP: Overview — full load, 50 users')).not.toBe(stepKey('HTTP: Overview — full load, 20 users'));
    const filter = 'Segment count: inactive ≥ 6 months, USD price 5.00–15.00';
    expect(stepKey(filter)).toBe(filter);
  });
});

describe('judgeGrowth', () => {
  const pts = (...p: [number, number][]) => p.map(([members, ms]) => ({ members, ms }));

  it("holds a 'set' row to linear growth with 25% tolerance between neighbouring sizes", () => {
    // ×5 members allows ×6.25 time; ×4 allows ×5.
    expect(judgeGrowth('set', pts([1e6, 1000], [5e6, 6250], [2e7, 31_250])).verdict).toBe('within');
    expect(judgeGrowth('set', pts([1e6, 1000], [5e6, 6251])).verdict).toBe('grows');
    // Linear then quadratic: the second pair fails the row.
    expect(judgeGrowth('set', pts([1e6, 1000], [5e6, 5000], [2e7, 80_000])).verdict).toBe('grows');
  });

  it("holds 'count' and 'page' rows to at most 2× from the smallest to the largest size", () => {
    expect(judgeGrowth('count', pts([1e6, 20], [5e6, 60], [2e7, 40])).verdict).toBe('within');
    expect(judgeGrowth('page', pts([1e6, 20], [2e7, 41])).verdict).toBe('grows');
    expect(judgeGrowth('page', pts([1e6, 20], [2e7, 41])).text).toBe('❌ not flat: ×2.05 from 1M to 20M members');
  });

  it('passes times under 5 ms at the larger size, and does not judge info or a single size', () => {
    expect(judgeGrowth('page', pts([1e6, 0.5], [2e7, 4.9])).verdict).toBe('within');
    expect(judgeGrowth('info', pts([1e6, 1], [2e7, 100])).verdict).toBe('not judged');
    expect(judgeGrowth('set', pts([1e6, 1])).verdict).toBe('not judged');
  });
});

describe('buildCurve', () => {
  const runs = [
    run(5_000_000, [
      row('Seeding 5,000,000 members (scripts/seed.ts)', 'set', 60_000, { peakRssMb: 800 }),
      row('Segment count: every dormant member', 'count', 30),
      row('Executing a 900,000-member cancellation batch (executeBatch)', 'set', 9_000),
      row('HTTP: Overview — full load, 20 users', 'page', 90),
    ]),
    run(1_000_000, [
      row('Seeding 1,000,000 members (scripts/seed.ts)', 'set', 10_000, { peakRssMb: 300 }),
      row('Segment count: every dormant member', 'count', 10),
      row('Database size after seeding', 'info', null, { status: 'info', result: '410 MiB' }),
      row('Executing a 180,000-member cancellation batch (executeBatch)', 'set', 1_000),
    ]),
    run(20_000_000, [
      row('Seeding 20,000,000 members (scripts/seed.ts)', 'set', 250_000, { peakRssMb: 2000 }),
      row('Segment count: every dormant member', 'count', 45),
      row('Executing a 900,000-member cancellation batch (executeBatch)', 'info', null, { status: 'failed' }),
      row('HTTP: Overview — full load, 20 users', 'page', 95),
    ]),
  ];

  it('lines up each step across sizes, smallest first, and judges its growth by kind', () => {
    const curve = buildCurve(runs);
    expect(curve.runs.map((r) => r.members)).toEqual([1_000_000, 5_000_000, 20_000_000]);
    const by = (label: string) => curve.rows.find((r) => r.label.startsWith(label));
    const seed = by('Seeding');
    expect(seed?.label).toBe('Seeding # members (scripts/seed.ts)');
    expect(seed?.cells.map((c) => c?.ms)).toEqual([10_000, 60_000, 250_000]);
    expect(seed?.cells.map((c) => c?.peakRssMb)).toEqual([300, 800, 2000]);
    // ×6.0 for ×5 members, ×4.17 for ×4.
    expect(seed?.growth.text).toBe('✅ at most linear: ×6.00 for ×5.00 members; ×4.17 for ×4.00 members');
    expect(by('Segment count')?.label).toBe('Segment count: every dormant member');
    expect(by('Segment count')?.growth.verdict).toBe('grows'); // 45 ms vs 10 ms is 4.5×
    // The batch failed at 20M: its kind comes from the sizes where it ran, and only those are judged.
    const batch = by('Executing');
    expect(batch?.kind).toBe('set');
    expect(batch?.cells[2]?.status).toBe('failed');
    expect(batch?.growth.text).toBe('❌ faster than linear: ×9.00 for ×5.00 members');
    // Not run at 1M (--no-http): no cell there, the other two judged.
    const page = by('HTTP');
    expect(page?.cells[0]).toBeNull();
    expect(page?.growth.verdict).toBe('within');
  });

  it('says so, without a kind, when a step failed at every size', () => {
    const failedEverywhere = (members: number) =>
      run(members, [row('Queuing a 180,000-recipient campaign', 'info', null, { status: 'failed' })]);
    const [queue] = buildCurve([failedEverywhere(1_000_000), failedEverywhere(5_000_000)]).rows;
    expect(queue?.kind).toBeNull();
    expect(queue?.growth.text).toBe('not judged (failed or not available at every size)');
  });

  it('refuses two runs of the same size', () => {
    expect(() => buildCurve([run(1_000_000, []), run(1_000_000, [])])).toThrow(/two runs of 1,000,000 members/);
  });

  it("renders each size's date, commit and load, and 'not run' for a missing step", () => {
    const md = renderCurve(buildCurve(runs), 'npm run bench:curve -- a.json b.json c.json');
    expect(md).toContain('| 1,000,000 members | 2026-12-01T00:00:00.000Z | abc1234 |');
    expect(md).toContain('1.5 / 2.5 on 2 cores');
    expect(md).toContain(
      '| Step | Kind | 1M: time | 1M: peak RSS | 5M: time | 5M: peak RSS | 20M: time | 20M: peak RSS | Growth |',
    );
    expect(md).toMatch(
      /\| HTTP: Overview — full load, 20 users \| page \| not run \| {2}\| 90 ms \| {2}\| 95 ms \| {2}\| ✅ flat/,
    );
    expect(md).toContain(
      '| Database size after seeding | info | 410 MiB |  | not run |  | not run |  | not judged (information) |',
    );
    expect(md).toContain('2 not (Segment count: every dormant member; Executing a #-member cancellation batch (executeBatch))');
  });
});

describe('sizeLabel', () => {
  it('writes populations the short way', () => {
    expect([20_000, 60_000, 1_000_000, 1_500_000, 5_000_000, 20_000_000].map(sizeLabel)).toEqual([
      '20k',
      '60k',
      '1M',
      '1.5M',
      '5M',
      '20M',
    ]);
  });
});
