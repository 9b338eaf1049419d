import { describe, expect, it } from 'vitest';
import { filtersToSearch, parseOverviewFilters, parseSimulatorInput } from './filters';

const ctx = { today: '2025-06-15', countries: ['US', 'GB'], plans: ['basic', 'premium'] };

describe('overview filters from the URL', () => {
  it('defaults to the last 24 months, all countries and plans, by reason, 10 years', () => {
    expect(parseOverviewFilters({}, ctx)).toEqual({
      filters: { from: '2023-07', to: '2025-06', country: null, plan: null, by: 'reason', horizon: 10 },
      messages: [],
    });
  });

  it('keeps valid values and round-trips through the URL', () => {
    const raw = { from: '2024-01', to: '2024-12', country: 'gb', plan: 'premium', by: 'plan', horizon: '50' };
    const { filters, messages } = parseOverviewFilters(raw, ctx);
    expect(messages).toEqual([]);
    expect(filters).toEqual({ from: '2024-01', to: '2024-12', country: 'GB', plan: 'premium', by: 'plan', horizon: 50 });
    const again = parseOverviewFilters(Object.fromEntries(new URLSearchParams(filtersToSearch(filters))), ctx);
    expect(again.filters).toEqual(filters);
  });

  it('explains and replaces bad input instead of failing', () => {
    const { filters, messages } = parseOverviewFilters(
      { from: '2025-05', to: '2024-01', country: 'ZZ', plan: 'gold', by: 'colour', horizon: '1000' },
      ctx,
    );
    expect(filters).toEqual({ from: '2024-01', to: '2025-05', country: null, plan: null, by: 'reason', horizon: 10 });
    expect(messages).toEqual([
      'The start month 2025-05 was after the end month 2024-01; they were swapped.',
      'Unknown country “ZZ”; showing all countries.',
      'Unknown plan “gold”; showing all plans.',
      'Unknown breakdown “colour”; showing dormant members by reason.',
      'The forecast horizon must be a whole number of years from 1 to 50; showing 10.',
    ]);
    expect(parseOverviewFilters({ horizon: '0' }, ctx).filters.horizon).toBe(10);
    expect(parseOverviewFilters({ horizon: '2.5' }, ctx).filters.horizon).toBe(10);
    const absurd = parseOverviewFilters({ from: '1900-01', to: '2999-13' }, ctx);
    expect(absurd.filters).toMatchObject({ from: '2015-07', to: '2025-06' });
    expect(absurd.messages).toEqual([
      '“2999-13” is not a month (use YYYY-MM); the range ends 2025-06.',
      'The range is limited to 10 years; it starts 2015-07.',
    ]);
    expect(parseOverviewFilters({ from: '2030-01', to: '2031-01' }, ctx).filters).toMatchObject({
      from: '2023-07',
      to: '2025-06',
    });
  });
});

describe('simulator input', () => {
  const current = { neverWatchedDays: 365, inactiveDays: 730 };
  it('starts from the current policy without an offer', () => {
    expect(parseSimulatorInput({}, current)).toEqual({
      input: { neverWatchedDays: 365, inactiveDays: 730, offerSharePct: 0, upliftBp: 0 },
      messages: [],
      changed: false,
    });
  });
  it('reads changed thresholds and an uplift in percentage points', () => {
    const r = parseSimulatorInput(
      { neverWatchedDays: '180', inactiveDays: '365', offerSharePct: '40', upliftPct: '2.5' },
      current,
    );
    expect(r.input).toEqual({ neverWatchedDays: 180, inactiveDays: 365, offerSharePct: 40, upliftBp: 250 });
    expect(r.changed).toBe(true);
  });
  it('ignores non-numeric and out-of-range values with a message', () => {
    const r = parseSimulatorInput({ neverWatchedDays: 'abc', inactiveDays: '5', offerSharePct: '150', upliftPct: '-1' }, current);
    expect(r.input).toEqual({ neverWatchedDays: 365, inactiveDays: 730, offerSharePct: 0, upliftBp: 0 });
    expect(r.messages).toHaveLength(4);
    expect(r.messages[0]).toBe('Never-watched days must be a whole number from 30 to 3650 (“abc” was ignored).');
  });
});
