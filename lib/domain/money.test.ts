import { describe, expect, it } from 'vitest';
import { convertMinor, divRound, formatMoney, minorDigits, minorToDecimal } from './money';

describe('money', () => {
  it('knows currencies without minor units', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KRW')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
  });

  it('rounds half away from zero', () => {
    expect(divRound(5n, 2n)).toBe(3n); // 2.5 → 3
    expect(divRound(-5n, 2n)).toBe(-3n); // −2.5 → −3
    expect(divRound(7n, 3n)).toBe(2n); // 2.33 → 2
    expect(divRound(8n, 3n)).toBe(3n); // 2.67 → 3
  });

  it('converts with the per-million rate, exactly, beyond 2^53', () => {
    // 1,499 euro cents at 1,085,000 USD cents per 1,000,000 euro cents = 1,626.415 → 1,626 cents.
    expect(convertMinor(1499, 1_085_000)).toBe(1626n);
    // 1,000 yen at 6,700 USD cents per million yen... 1000 × 6700 / 1e6 = 6.7 → 7 cents.
    expect(convertMinor(1000, 6_700)).toBe(7n);
    // 10^13 won × 74,000 = 7.4e17 (> 2^53): 10^13 × 74,000 / 10^6 = 740,000,000,000 exactly.
    expect(convertMinor(10n ** 13n, 74_000)).toBe(740_000_000_000n);
  });

  it('prints exact decimals and formats by the currency’s digits', () => {
    expect(minorToDecimal(123456, 'USD')).toBe('1234.56');
    expect(minorToDecimal(5, 'USD')).toBe('0.05');
    expect(minorToDecimal(-5, 'USD')).toBe('-0.05');
    expect(minorToDecimal(1500, 'JPY')).toBe('1500');
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
    expect(formatMoney(1500, 'KRW')).toBe('₩1,500');
    expect(formatMoney(123_456_789_00, 'USD', { compact: true })).toBe('$123.5M');
  });
});
