import { DAY_MS } from '@/lib/domain/time';
import { config } from './config';

export { DAY_MS };

/**
 * "Now" for every business rule. Tests and demos move it with REKINDLE_CLOCK_OFFSET_MS or the
 * `clock_offset_ms` app setting (see db/settings.ts); nothing else calls Date.now() for rules.
 */
let settingOffset = 0;
export function setClockOffsetFromSettings(ms: number) {
  settingOffset = ms;
}
export function now(): number {
  return Date.now() + config().REKINDLE_CLOCK_OFFSET_MS + settingOffset + testClockOffset();
}

// Test clock (docs/notes/batches.md): e2e tests move "now" without restarting the server by writing
// the `clock_offset_ms` app setting. Honoured only when REKINDLE_ALLOW_TEST_CLOCK=1; db/client.ts
// registers the reader. Cached briefly so now() stays cheap (other processes see a change within it).
// Kept on globalThis: Next bundles this module more than once (routes, instrumentation), and the
// reader registered by whichever bundle opened the database must serve them all.
const TEST_CLOCK_CACHE_MS = 250;
type TestClock = { read?: () => number; readAt: number; value: number };
const clockHolder = globalThis as unknown as { __rekindleTestClock?: TestClock };
const testClock = (): TestClock => {
  clockHolder.__rekindleTestClock ??= { readAt: Number.NEGATIVE_INFINITY, value: 0 };
  return clockHolder.__rekindleTestClock;
};
export function setTestClockReader(read: (() => number) | undefined) {
  clockHolder.__rekindleTestClock = { read, readAt: Number.NEGATIVE_INFINITY, value: 0 };
}
function testClockOffset(): number {
  if (process.env.REKINDLE_ALLOW_TEST_CLOCK !== '1') return 0;
  const c = testClock();
  if (!c.read) return 0;
  const t = Date.now();
  if (t - c.readAt > TEST_CLOCK_CACHE_MS) {
    try {
      c.value = c.read();
    } catch {
      // A closed or busy connection keeps the last value.
    }
    c.readAt = t;
  }
  return c.value;
}

/** 'YYYY-MM-DD' of an instant, in UTC. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Start (00:00 UTC) of the day containing `ms`. */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
