import { afterEach, describe, expect, it } from 'vitest';
import { now, setTestClockReader } from '@/lib/runtime/clock';

describe('test clock (app_settings clock_offset_ms)', () => {
  afterEach(() => {
    delete process.env.REKINDLE_ALLOW_TEST_CLOCK;
    setTestClockReader(undefined);
  });
  it('is ignored unless REKINDLE_ALLOW_TEST_CLOCK=1', () => {
    setTestClockReader(() => 10 * 86_400_000);
    expect(Math.abs(now() - Date.now())).toBeLessThan(1000);
  });
  it('moves now() by the stored offset when allowed, reading it at most every 250 ms', () => {
    process.env.REKINDLE_ALLOW_TEST_CLOCK = '1';
    let reads = 0;
    setTestClockReader(() => {
      reads++;
      return 10 * 86_400_000;
    });
    const shifted = now() - Date.now();
    expect(shifted).toBeGreaterThan(10 * 86_400_000 - 1000);
    now();
    now();
    expect(reads).toBe(1);
  });
});
