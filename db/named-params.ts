import type Database from 'better-sqlite3';

type Params = Record<string, string | number>;
const names = new Map<string, Set<string>>();

/**
 * The subset of `params` a statement names (`@name`): better-sqlite3 refuses named parameters a
 * statement does not use, and several statements here share one parameter object.
 */
export function namedParams(params: Params, stmt: Database.Statement | string): Params {
  const sql = typeof stmt === 'string' ? stmt : stmt.source;
  let used = names.get(sql);
  if (!used) {
    used = new Set((sql.match(/@\w+/g) ?? []).map((s) => s.slice(1)));
    names.set(sql, used);
  }
  return Object.fromEntries(Object.entries(params).filter(([k]) => used.has(k)));
}
