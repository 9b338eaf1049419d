import 'server-only';
import type Database from 'better-sqlite3';
import { awaitRefresh, ensureFresh, preparing } from '@/lib/runtime/metrics-refresh';

/**
 * How long a request may wait for a background rebuild of a part never built before rendering it
 * as "being prepared". A small database is ready well within it (so a fresh demo or test shows its
 * figures at once); at 5M members the rebuild takes far longer and the page does not wait for it.
 * Awaiting a worker blocks nothing: other requests are served meanwhile.
 */
export const FIRST_BUILD_WAIT_MS = 1_500;

/** Starts a rebuild of whatever is stale, and waits up to FIRST_BUILD_WAIT_MS for a part never built. */
export async function freshEnough(sqlite: Database.Database, at: number): Promise<void> {
  ensureFresh(sqlite, at);
  if (preparing(sqlite).parts.length > 0) await awaitRefresh(FIRST_BUILD_WAIT_MS);
}
