import type Database from 'better-sqlite3';

/** What every demo-seed step receives. All randomness comes from `rng`, so a seed is reproducible. */
export type SeedContext = {
  sqlite: Database.Database;
  now: number; // the seed's "today" (ms, UTC)
  members: number; // population size asked for
  rng: () => number; // uniform [0, 1), deterministic
  log: (message: string) => void;
};

/** mulberry32: tiny, fast, deterministic PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
