import 'server-only';
import type Database from 'better-sqlite3';
import { refreshMarks, sourcesFingerprint } from '@/db/metrics-refresh';
import { membersCurrentAt } from '@/lib/runtime/metrics-refresh';

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

export type SnapshotKeys = { base: string; members: string };

/**
 * The parts of cache keys that name the snapshot, read once: `base`, what a fold of member changes
 * cannot move (the database, when each part was last rebuilt, and the fingerprints of the outcomes'
 * and dormancy_daily's sources — a finished scan, a batch executed, a rejoin, a campaign changed —
 * so those show at once); `members`, that and the last fold.
 */
export function snapshotKeys(sqlite: Database.Database): SnapshotKeys {
  const m = refreshMarks(sqlite);
  const base = `${sqlite.name}|${m.members?.at}|${m.outcomes?.at}|${sourcesFingerprint(sqlite)}`;
  return { base, members: `${base}|${m.members?.appliedAt}` };
}

export type AsOf = { members: number | null; outcomes: number | null };

/**
 * The instant each part's figures are current as of (null: never built): members, the last time
 * every committed write was folded in; campaign and batch figures, their last rebuild.
 */
export function asOf(sqlite: Database.Database): AsOf {
  const m = refreshMarks(sqlite);
  const members = m.members ? Math.max(m.members.appliedAt ?? m.members.at, membersCurrentAt(sqlite) ?? 0) : null;
  return { members, outcomes: m.outcomes?.at ?? null };
}
