import { Refusal } from '../refusal';
import type { CampaignStatus } from '../values';
import { armHash } from './assignment';
import { type ArmCounts, type ArmMetrics, armMetrics, foldArms, liftOverHoldout, type ReportRow } from './outcomes';

// Rules of always-on campaigns. The always-on row is a definition (segment, variants, holdout
// share, channel); each day's newly matching members become a cohort, an ordinary campaign of its
// own, so sending, the running-campaign rule, closing, batches and the report work per cohort.

const DAY_MS = 86_400_000;
const COHORT_SALT = 0x63;

/** The UTC day 'YYYY-MM-DD' of an instant (day boundaries are UTC, DOMAIN.md). */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The day named, refusing anything but a real calendar day 'YYYY-MM-DD'. */
export function parseDay(day: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || utcDay(ms) !== day) throw new Refusal(`"${day}" is not a day: write it as YYYY-MM-DD.`);
  return day;
}

/**
 * A cohort's assignment seed: fixed by the always-on campaign's seed (drawn once at creation, as
 * for any campaign) and the day, so each cohort's holdout is drawn afresh yet is reproducible.
 */
export function cohortSeed(parentSeed: number, day: string): number {
  return armHash(parentSeed >>> 0, Math.round(Date.parse(`${parseDay(day)}T00:00:00Z`) / DAY_MS), COHORT_SALT);
}

export const cohortName = (parentName: string, day: string) => `${parentName} · cohort ${day}`;

export type AlwaysOnCommand = 'pause' | 'resume' | 'end';

const FROM: Record<AlwaysOnCommand, readonly CampaignStatus[]> = {
  pause: ['enrolling'],
  resume: ['enrolment_paused'],
  end: ['enrolling', 'enrolment_paused'],
};
const TO: Record<AlwaysOnCommand, CampaignStatus> = { pause: 'enrolment_paused', resume: 'enrolling', end: 'ended' };

/** The status a command moves an always-on campaign to, or a refusal saying why it cannot. */
export function alwaysOnTransition(c: { status: CampaignStatus; alwaysOn: boolean } | undefined, cmd: AlwaysOnCommand) {
  if (!c) throw new Refusal('That campaign does not exist.');
  if (!c.alwaysOn) throw new Refusal('Only an always-on campaign can be paused, resumed or ended this way. Nothing was changed.');
  if (c.status === 'draft')
    throw new Refusal('This always-on campaign has not started yet: start it first. Nothing was changed.');
  if (c.status === 'ended') throw new Refusal('This always-on campaign has ended; it cannot be changed. Start a new one.');
  if (!FROM[cmd].includes(c.status))
    throw new Refusal(
      cmd === 'pause'
        ? 'This always-on campaign is already paused. Nothing was changed.'
        : 'This always-on campaign is enrolling already. Nothing was changed.',
    );
  return TO[cmd];
}

/** Whether a campaign in this status enrols a cohort today. */
export const enrols = (status: CampaignStatus) => status === 'enrolling';

export type CohortRows = { variantKey: string | null; status: string; outcome: string; n: number }[];

/**
 * The counts of several cohorts added up, variant by variant key (every cohort copies the
 * definition's variants, so key A is variant A in each), holdout with holdout. Counts are summed
 * first and rates computed from the sums, never averaged (DOMAIN.md win-back rate and lift).
 */
export function totalRows(cohorts: readonly CohortRows[], variantIdByKey: ReadonlyMap<string, number>): ReportRow[] {
  const sum = new Map<string, ReportRow>();
  for (const rows of cohorts)
    for (const r of rows) {
      const variantId = r.variantKey == null ? null : (variantIdByKey.get(r.variantKey) ?? -1);
      const k = `${variantId}|${r.status}|${r.outcome}`;
      const prev = sum.get(k);
      if (prev) prev.n += r.n;
      else sum.set(k, { variantId, status: r.status, outcome: r.outcome, n: r.n });
    }
  return [...sum.values()];
}

export type CohortFigures = {
  messaged: ArmMetrics; // every variant pooled
  holdout: ArmMetrics;
  lift: ReturnType<typeof liftOverHoldout>;
};

const zero = (): ArmCounts => ({
  assigned: 0,
  sent: 0,
  confirmed: 0,
  reactivated: 0,
  choseToLeave: 0,
  noResponse: 0,
  pending: 0,
  wonBackAmongSent: 0,
});

/** One line of the cohort table: the variants pooled against the holdout, with the same definitions as the report. */
export function cohortFigures(rows: readonly ReportRow[]): CohortFigures {
  const messaged = zero();
  let holdout = zero();
  for (const [key, c] of foldArms(rows)) {
    if (key === 'holdout') holdout = c;
    else for (const f of Object.keys(messaged) as (keyof ArmCounts)[]) messaged[f] += c[f];
  }
  const m = armMetrics(messaged);
  const h = armMetrics(holdout, true);
  return { messaged: m, holdout: h, lift: h.assigned ? liftOverHoldout(m, h) : undefined };
}
