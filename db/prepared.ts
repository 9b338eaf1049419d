import type Database from 'better-sqlite3';

// Prepared statements kept per connection and SQL text: preparing a statement costs about as much as
// running a small one (a segment's live count is ~1 ms at 5M members, its preparation ~0.2 ms), and
// the same texts come back on every call. Bounded: texts that vary (IN lists of any length) evict
// the oldest.

const MAX_PER_CONNECTION = 500;
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** `sqlite.prepare(sql)`, once per connection and text. */
export function preparedOnce(sqlite: Database.Database, sql: string): Database.Statement {
  let m = cache.get(sqlite);
  if (!m) {
    m = new Map();
    cache.set(sqlite, m);
  }
  let st = m.get(sql);
  if (!st) {
    st = sqlite.prepare(sql);
    if (m.size >= MAX_PER_CONNECTION) m.delete(m.keys().next().value as string);
    m.set(sql, st);
  }
  return st;
}

const queries = new WeakMap<object, Map<unknown, unknown>>();

/**
 * A Drizzle query written with `sql.placeholder`s and `.prepare()`d once per database handle: on a
 * page that reads a few small rows, building the query and preparing its statement on each request
 * cost more than running it. `build` is the key, so it must be a module-level function.
 */
export function preparedQuery<D extends object, Q>(db: D, build: (db: D) => Q): Q {
  let m = queries.get(db);
  if (!m) {
    m = new Map();
    queries.set(db, m);
  }
  if (!m.has(build)) m.set(build, build(db));
  return m.get(build) as Q;
}
