import { describe, expect, it } from 'vitest';
import { getSqlite } from '@/lib/testing/db';
import { loadFxTable } from './fx';

// The batch page converts a batch's revenue at the rates stored for its day. The table is kept
// between views, so a rate added, changed or removed must show on the very next view.

const rate = (currency: string, day: string) => loadFxTable(getSqlite()).rateOn(currency, day)?.perMillionMinor;

describe('the exchange rates as the pages read them', () => {
  it('shows a rate added, changed or removed on the next read', () => {
    const db = getSqlite();
    db.exec('DELETE FROM fx_rates');
    db.prepare("INSERT INTO fx_rates (currency, as_of, per_million_minor) VALUES ('EUR', '2026-01-01', 1080000)").run();
    expect(rate('EUR', '2026-03-01')).toBe(1_080_000);
    expect(loadFxTable(db)).toBe(loadFxTable(db)); // kept while nothing changes

    db.prepare("INSERT INTO fx_rates (currency, as_of, per_million_minor) VALUES ('EUR', '2026-02-01', 1100000)").run();
    expect(rate('EUR', '2026-03-01')).toBe(1_100_000);

    db.prepare("UPDATE fx_rates SET per_million_minor = 1090000 WHERE as_of = '2026-02-01'").run();
    expect(rate('EUR', '2026-03-01')).toBe(1_090_000);

    // Two rates swapped between rows: the plain sum is unchanged, the weighted one is not.
    db.prepare("UPDATE fx_rates SET per_million_minor = iif(as_of = '2026-01-01', 1090000, 1080000)").run();
    expect(rate('EUR', '2026-03-01')).toBe(1_080_000);
    expect(rate('EUR', '2026-01-15')).toBe(1_090_000);

    db.prepare("DELETE FROM fx_rates WHERE as_of = '2026-02-01'").run();
    expect(rate('EUR', '2026-03-01')).toBe(1_090_000);
    db.exec('DELETE FROM fx_rates');
    expect(rate('EUR', '2026-03-01')).toBeUndefined();
  });
});
