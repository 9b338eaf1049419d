// Keyset pagination for lists ordered by a unique key, newest (highest) first. The query fetches
// limit + 1 rows past the cursor so we know whether another page exists without counting:
//   no cursor / after=X : key < X  ORDER BY key DESC  LIMIT limit + 1
//   before=X            : key > X  ORDER BY key ASC   LIMIT limit + 1  (then reversed here)
// Page 5,000 costs what page 1 costs: an index seek, never an OFFSET walk.

export type Direction = 'forward' | 'backward';
export type Cursor<K> = { after?: K; before?: K };
export type KeysetPage<T, K> = { rows: T[]; next?: { after: K }; prev?: { before: K } };

export function direction<K>(cursor: Cursor<K>): Direction {
  return cursor.before !== undefined ? 'backward' : 'forward';
}

/** Turns the limit + 1 rows fetched for `cursor` into the page (newest first) and its neighbour cursors. */
export function keysetPage<T, K>(fetched: T[], limit: number, cursor: Cursor<K>, key: (row: T) => K): KeysetPage<T, K> {
  const more = fetched.length > limit;
  if (direction(cursor) === 'forward') {
    const rows = fetched.slice(0, limit);
    const first = rows[0];
    const last = rows[rows.length - 1];
    return {
      rows,
      next: more && last !== undefined ? { after: key(last) } : undefined,
      // Came from a later page: the rows before the first one shown (or, on an empty page, before the cursor).
      prev: cursor.after !== undefined ? { before: first !== undefined ? key(first) : cursor.after } : undefined,
    };
  }
  const rows = fetched.slice(0, limit).reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    prev: more && first !== undefined ? { before: key(first) } : undefined,
    next: { after: last !== undefined ? key(last) : (cursor.before as K) },
  };
}
