// Confidence intervals for rates and their differences (win-back rate, lift over holdout).
// Wilson score interval for one proportion; Newcombe's hybrid score interval (his method 10,
// Statistics in Medicine 1998) for a difference of two independent proportions.

export const Z95 = 1.959963984540054;

export type Interval = { low: number; high: number };

export function wilson(successes: number, n: number, z = Z95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At 0 or n successes the bound is exactly 0 or 1; say so rather than trust rounding.
  return { low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === n ? 1 : Math.min(1, centre + half) };
}

/** Difference p1 − p2 with its 95% CI (Newcombe). Undefined when either group is empty. */
export function newcombeDifference(
  s1: number,
  n1: number,
  s2: number,
  n2: number,
  z = Z95,
): { difference: number; low: number; high: number } | undefined {
  if (n1 <= 0 || n2 <= 0) return undefined;
  const p1 = s1 / n1;
  const p2 = s2 / n2;
  const a = wilson(s1, n1, z);
  const b = wilson(s2, n2, z);
  const d = p1 - p2;
  return {
    difference: d,
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}
