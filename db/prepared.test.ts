import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import { preparedOnce, preparedQuery } from './prepared';

// Pages read through statements kept per connection: a kept statement must answer for the values of
// each call, and never for another connection's database.

function memoryDb(rows: [number, string][]) {
  const sqlite = new Database(':memory:');
  sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
  const ins = sqlite.prepare('INSERT INTO t VALUES (?, ?)');
  for (const r of rows) ins.run(...r);
  return { sqlite, db: drizzle(sqlite) };
}
type Db = ReturnType<typeof memoryDb>['db'];
const nameQuery = (db: Db) =>
  db
    .select({ name: sql<string>`name` })
    .from(sql`t`)
    .where(sql`id = ${sql.placeholder('id')}`)
    .prepare();

describe('statements kept per connection', () => {
  it('prepare a query once per connection and answer for each call’s values', () => {
    const a = memoryDb([
      [1, 'one'],
      [2, 'two'],
    ]);
    const b = memoryDb([[1, 'uno']]);
    const q = preparedQuery(a.db, nameQuery);
    expect(preparedQuery(a.db, nameQuery)).toBe(q);
    expect(preparedQuery(b.db, nameQuery)).not.toBe(q);
    expect(preparedQuery(a.db, nameQuery).get({ id: 2 })?.name).toBe('two');
    expect(preparedQuery(b.db, nameQuery).get({ id: 1 })?.name).toBe('uno');
    expect(preparedQuery(a.db, nameQuery).get({ id: 1 })?.name).toBe('one');
    expect(preparedQuery(a.db, nameQuery).get({ id: 3 })).toBeUndefined();
  });

  it('prepare a SQL text once per connection', () => {
    const a = memoryDb([[1, 'one']]);
    const b = memoryDb([[1, 'uno']]);
    const text = 'SELECT name FROM t WHERE id = ?';
    expect(preparedOnce(a.sqlite, text)).toBe(preparedOnce(a.sqlite, text));
    expect(preparedOnce(b.sqlite, text)).not.toBe(preparedOnce(a.sqlite, text));
    expect(preparedOnce(b.sqlite, text).get(1)).toEqual({ name: 'uno' });
  });
});
