// The dormancy rule (DOMAIN.md "Dormant on day D under P"), as a pure function. The set-based
// SQL in db/dormancy.ts must agree with it member for member (db/dormancy.test.ts checks that).

export const DAY_MS = 86_400_000;

export type PolicyValues = {
  neverWatchedDays: number;
  inactiveDays: number;
  responseDays: number;
  retentionDays: number;
};

export type DormancyInput = {
  joinedAt: number;
  /** Latest recorded view (ms, UTC); null = never watched. */
  lastViewedAt: number | null;
  status?: string;
  cancelledAt?: number | null;
};

export type Classification = { state: 'active' } | { state: 'dormant'; reason: 'never_watched' | 'inactive'; since: number };

/** Day number (days since 1970-01-01, UTC) of an instant; floors, so it is right before 1970 too. */
export const dayNumber = (ms: number) => Math.floor(ms / DAY_MS);

/**
 * First instant at which a member is dormant: 00:00 UTC of the day `days` after the day of `from`.
 * (The threshold day counts as reached at its start, whatever the time of the view or the join.)
 */
export const thresholdInstant = (from: number, days: number) => (dayNumber(from) + days) * DAY_MS;

/**
 * Dormant on the UTC day of `asOf` under the policy, or active. Cancelled members are never dormant
 * ('active' here means only "not dormant"; the member's status says whether they are cancelled).
 */
export function classify(member: DormancyInput, policy: PolicyValues, asOf: number): Classification {
  if (member.status === 'cancelled' || member.cancelledAt != null) return { state: 'active' };
  const since =
    member.lastViewedAt == null
      ? thresholdInstant(member.joinedAt, policy.neverWatchedDays)
      : thresholdInstant(member.lastViewedAt, policy.inactiveDays);
  if (asOf < since) return { state: 'active' };
  return { state: 'dormant', reason: member.lastViewedAt == null ? 'never_watched' : 'inactive', since };
}

/**
 * Instants below which a join (never watched) or a last view makes a member dormant on the day of
 * `asOf`: day(x) <= day(asOf) - N  <=>  x < (day(asOf) - N + 1) * DAY_MS. The SQL scan uses these,
 * so it compares plain integers (no date arithmetic per row) and agrees with `classify` exactly.
 */
export function cutoffs(policy: Pick<PolicyValues, 'neverWatchedDays' | 'inactiveDays'>, asOf: number) {
  const today = dayNumber(asOf);
  return {
    joinedBefore: (today - policy.neverWatchedDays + 1) * DAY_MS,
    viewedBefore: (today - policy.inactiveDays + 1) * DAY_MS,
  };
}

export const POLICY_LIMITS = { minDays: 1, maxDays: 3650 } as const;

/** Human messages for a policy a person typed, by field; empty when it is acceptable. */
export function policyProblems(p: PolicyValues): Partial<Record<keyof PolicyValues, string>> {
  const out: Partial<Record<keyof PolicyValues, string>> = {};
  const { minDays, maxDays } = POLICY_LIMITS;
  for (const key of ['neverWatchedDays', 'inactiveDays', 'responseDays', 'retentionDays'] as const) {
    const v = p[key];
    if (!Number.isInteger(v)) out[key] = 'Enter a whole number of days.';
    else if (v < minDays) out[key] = 'Must be at least 1 day (zero or negative days would make everyone dormant).';
    else if (v > maxDays) out[key] = `Must be at most ${maxDays} days (ten years).`;
  }
  if (!out.responseDays && !out.inactiveDays && p.responseDays > p.inactiveDays)
    out.responseDays = `The response window (${p.responseDays} days) cannot be longer than the inactivity threshold (${p.inactiveDays} days).`;
  return out;
}
