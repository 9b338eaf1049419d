import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from './fields';

const NOW = Date.UTC(2026, 10, 23, 12);
const opts = { now: NOW, name: 'watched_at' };
// A leading space takes the general path (regex + Date.parse): the fast path must agree with it exactly.
const general = (s: string) => parseInstant(` ${s}`, opts);

describe('parseInstant', () => {
  it('reads canonical UTC instants (toISOString, with or without milliseconds) as the general path does', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1985, 0, 1)), max: new Date(Date.UTC(2030, 0, 1)), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString();
          for (const s of [iso, iso.replace(/\.\d{3}Z$/, 'Z')]) expect(parseInstant(s, opts)).toEqual(general(s));
        },
      ),
      { numRuns: 2000, seed: 3 },
    );
  });

  it('refuses impossible canonical-looking instants with the same message as the general path', () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    const text = fc
      .tuple(fc.integer({ min: 1980, max: 2040 }), two, two, two, two, two, fc.boolean())
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${ms ? '.123' : ''}Z`);
    fc.assert(
      fc.property(text, (s) => {
        expect(parseInstant(s, opts)).toEqual(general(s));
      }),
      { numRuns: 3000, seed: 9 },
    );
    expect(parseInstant('2024-02-30T10:00:00Z', opts).ok).toBe(false);
    expect(parseInstant('2024-02-29T23:59:59.999Z', opts)).toEqual({ ok: true, value: Date.UTC(2024, 1, 29, 23, 59, 59, 999) });
    expect(parseInstant('2026-11-23T12:10:00Z', opts)).toMatchObject({ ok: false, reason: expect.stringMatching(/future/) });
    expect(parseInstant('2026-11-2XT10:00:00Z', opts).ok).toBe(false);
  });
});
