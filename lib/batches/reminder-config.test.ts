import { afterEach, describe, expect, it } from 'vitest';
import { config, resetConfigCache } from '@/lib/runtime/config';

// BATCH_REMINDER_HOURS: a non-negative number of hours, 24 when unset. Anything else stops the
// start (config() is read as the server opens its database) with a message naming the variable.

const saved = process.env.BATCH_REMINDER_HOURS;
afterEach(() => {
  if (saved === undefined) delete process.env.BATCH_REMINDER_HOURS;
  else process.env.BATCH_REMINDER_HOURS = saved;
  resetConfigCache();
});

function withValue(v: string | undefined) {
  if (v === undefined) delete process.env.BATCH_REMINDER_HOURS;
  else process.env.BATCH_REMINDER_HOURS = v;
  resetConfigCache();
  return () => config().BATCH_REMINDER_HOURS;
}

describe('BATCH_REMINDER_HOURS', () => {
  it('defaults to 24 hours, also when empty', () => {
    expect(withValue(undefined)()).toBe(24);
    expect(withValue('')()).toBe(24);
  });

  it('accepts zero and fractions of an hour', () => {
    expect(withValue('0')()).toBe(0);
    expect(withValue('1.5')()).toBe(1.5);
  });

  it.each([
    ['-1', 'must not be negative'],
    ['soon', 'must be a number of hours'],
  ])('refuses %s with a message naming the variable', (value, why) => {
    expect(withValue(value)).toThrow(`Invalid configuration: BATCH_REMINDER_HOURS: ${why}`);
  });
});
