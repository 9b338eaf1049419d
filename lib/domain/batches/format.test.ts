import { expect, it } from 'vitest';
import { ageLabel, formatUtc } from './format';

it('labels ages in minutes, hours (under two days) and days', () => {
  expect(ageLabel(0, 59 * 60_000)).toBe('59 minutes');
  expect(ageLabel(0, 60 * 60_000)).toBe('1 hour');
  expect(ageLabel(0, 47 * 3_600_000)).toBe('47 hours');
  expect(ageLabel(0, 49 * 3_600_000)).toBe('2 days');
});
it('shows instants in UTC with the zone', () =>
  expect(formatUtc(Date.parse('2024-06-01T10:05:59Z'))).toBe('2024-06-01 10:05 UTC'));
