import { describe, expect, it } from 'vitest';
import { formatDay, formatDayTime, formatMinor } from './format';

describe('formatMinor', () => {
  it('divides by the currency minor unit', () => {
    expect(formatMinor(1549, 'USD')).toBe('$15.49');
    expect(formatMinor(599, 'GBP')).toBe('£5.99');
    expect(formatMinor(1490, 'JPY')).toBe('¥1,490'); // no minor unit: whole yen
    expect(formatMinor(13500, 'KRW')).toBe('₩13,500');
    expect(formatMinor(49900, 'INR')).toBe('₹499.00');
  });
});

describe('dates', () => {
  it('shows the UTC day, and the zone with times', () => {
    expect(formatDay(Date.parse('2024-03-05T23:30:00Z'))).toBe('5 Mar 2024');
    expect(formatDayTime(Date.parse('2024-03-05T23:30:00Z'))).toBe('5 Mar 2024, 23:30 UTC');
    expect(formatDay(null)).toBe('—');
  });
});
