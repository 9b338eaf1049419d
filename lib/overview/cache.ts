import 'server-only';
import type Database from 'better-sqlite3';
import { refreshMarks } from '@/db/metrics-refresh';

// The overview's figures, cached briefly per process: the key carries the refresh marks, so a
// rebuild of the aggregates invalidates every entry built from the previous snapshot.

const CACHE_TTL_MS = 30_000;
const cache = new Map<string, { at: number; value: unknown }>();

/** Memoises `build` for CACHE_TTL_MS per key. */
export function cached<T>(key: string, at: number, build: () => T): T {
  const hit = cache.get(key);
  if (hit && at - hit.at < CACHE_TTL_MS && at >= hit.at) return hit.value as T;
  const value = build();
  if (cache.size > 200) cache.clear();
  cache.set(key, { at, value });
  return value;
}

/** The part of a cache key that names the snapshot: the database and when each part was rebuilt. */
export function marksKey(sqlite: Database.Database): string {
  const m = refreshMarks(sqlite);
  return `${sqlite.name}|${m.members?.at}|${m.outcomes?.at}`;
}

export type AsOf = { members: number | null; outcomes: number | null };

/** When the member snapshot and the campaign/batch figures were last rebuilt (null: never). */
export function asOf(sqlite: Database.Database): AsOf {
  const m = refreshMarks(sqlite);
  return { members: m.members?.at ?? null, outcomes: m.outcomes?.at ?? null };
}
