import { config } from './config';

export const DAY_MS = 86_400_000;

/**
 * "Now" for every business rule. Tests and demos move it with REKINDLE_CLOCK_OFFSET_MS or the
 * `clock_offset_ms` app setting (see db/settings.ts); nothing else calls Date.now() for rules.
 */
let settingOffset = 0;
export function setClockOffsetFromSettings(ms: number) {
  settingOffset = ms;
}
export function now(): number {
  return Date.now() + config().REKINDLE_CLOCK_OFFSET_MS + settingOffset;
}

/** 'YYYY-MM-DD' of an instant, in UTC. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Start (00:00 UTC) of the day containing `ms`. */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
