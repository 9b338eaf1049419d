import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasMalformedPercentEncoding } from './percent-encoding';

describe('hasMalformedPercentEncoding', () => {
  it('finds the broken links of the issue', () => {
    for (const part of ['/keep/%ZZ', '/keep/%', '/keep/abc%2', '/members/%ZZ', '/keep/%C3%28', '?after=%E0%A4%A'])
      expect(hasMalformedPercentEncoding(part), part).toBe(true);
  });

  it('accepts ordinary and correctly encoded paths', () => {
    for (const part of ['/', '/members/12', '/keep/MS4xMDAw.abc-_', '/keep/a%20b', '/members/%25ZZ', '?q=%C3%A9t%C3%A9'])
      expect(hasMalformedPercentEncoding(part), part).toBe(false);
  });

  it('accepts anything encodeURIComponent produced', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(hasMalformedPercentEncoding(`/keep/${encodeURIComponent(s)}`)).toBe(false);
      }),
    );
  });

  it('refuses a % not followed by two hex digits', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^([^0-9a-fA-F].?)?$/), (before, after) => {
        expect(hasMalformedPercentEncoding(`${encodeURIComponent(before)}%${after}`)).toBe(true);
      }),
    );
  });
});
