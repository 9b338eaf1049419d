import { describe, expect, it } from 'vitest';
import { keysetPage } from './keyset';

// Ids 1..7, page size 3, newest first: pages [7,6,5] [4,3,2] [1].
const ids = [1, 2, 3, 4, 5, 6, 7];
const key = (r: number) => r;
/** What the SQL would return for the cursor (limit + 1 rows). */
function fetch(cursor: { after?: number; before?: number }, limit = 3): number[] {
  if (cursor.before !== undefined) return ids.filter((i) => i > cursor.before!).slice(0, limit + 1);
  const desc = [...ids].reverse();
  return desc.filter((i) => cursor.after === undefined || i < cursor.after).slice(0, limit + 1);
}

describe('keysetPage', () => {
  it('first page: rows, a next cursor and no previous', () => {
    expect(keysetPage(fetch({}), 3, {}, key)).toEqual({ rows: [7, 6, 5], next: { after: 5 }, prev: undefined });
  });

  it('walking forward then back returns the same pages', () => {
    const p2 = keysetPage(fetch({ after: 5 }), 3, { after: 5 }, key);
    expect(p2).toEqual({ rows: [4, 3, 2], next: { after: 2 }, prev: { before: 4 } });
    const p3 = keysetPage(fetch({ after: 2 }), 3, { after: 2 }, key);
    expect(p3).toEqual({ rows: [1], next: undefined, prev: { before: 1 } });
    const back2 = keysetPage(fetch({ before: 1 }), 3, { before: 1 }, key);
    expect(back2).toEqual({ rows: [4, 3, 2], next: { after: 2 }, prev: { before: 4 } });
    const back1 = keysetPage(fetch({ before: 4 }), 3, { before: 4 }, key);
    expect(back1).toEqual({ rows: [7, 6, 5], next: { after: 5 }, prev: undefined });
  });

  it('an exact last page has no next link', () => {
    expect(keysetPage([3, 2, 1], 3, { after: 4 }, key)).toEqual({ rows: [3, 2, 1], next: undefined, prev: { before: 3 } });
  });

  it('an empty page past the end still offers the way back', () => {
    expect(keysetPage([], 3, { after: 1 }, key)).toEqual({ rows: [], next: undefined, prev: { before: 1 } });
    expect(keysetPage([], 3, { before: 7 }, key)).toEqual({ rows: [], next: { after: 7 }, prev: undefined });
  });

  it('works with composite keys (timeline: time, then title)', () => {
    const rows = [
      { at: 30, t: 2 },
      { at: 30, t: 1 },
      { at: 10, t: 5 },
    ];
    expect(keysetPage(rows, 2, {}, (r) => `${r.at}-${r.t}`).next).toEqual({ after: '30-1' });
  });
});
