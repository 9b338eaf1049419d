import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMemberId } from './member-id';

describe('parseMemberId', () => {
  it('reads the ids the app writes', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (id) => parseMemberId(String(id)) === id));
  });

  it('names no member for anything else', () => {
    for (const raw of [
      '',
      '0',
      '-1',
      '01',
      '1e3',
      ' 12',
      '12 ',
      '0x10',
      '1.5',
      'abc',
      '%ZZ',
      '9007199254740993',
      '99999999999999999',
    ])
      expect(parseMemberId(raw), raw).toBeNull();
  });
});
