'use client';
import { LATE_VIEW_TRUST_DAYS } from '@/lib/domain/batches/late-views';
import { REPORTING_CURRENCY } from '@/lib/domain/money';

/**
 * Every figure on the overview in words — the same definitions as lib/metrics (and DOMAIN.md).
 * Each has an anchor the cards link to. A client component only so that its 4 KB of fixed text
 * comes from the cached script, not from every page's RSC payload (the server still renders it).
 */
export function Definitions({ policy }: { policy: { neverWatchedDays: number; inactiveDays: number; retentionDays: number } }) {
  const items: [string, string, string][] = [
    ['members', 'Members', 'Members who are not cancelled, counted from the member snapshot.'],
    [
      'dormant',
      'Dormant on day D',
      `A member who is not cancelled and either has never watched and joined on or before D − ${policy.neverWatchedDays} days (reason: never watched), or last watched on or before D − ${policy.inactiveDays} days (reason: inactive), under the current policy. Day boundaries are UTC; a threshold day counts as reached at 00:00 UTC. Share of the base = dormant ÷ members.`,
    ],
    [
      'at-risk',
      'Revenue at risk (now)',
      'Σ monthly price of members who are dormant or in an open campaign and not yet cancelled.',
    ],
    [
      'cancelled',
      'Members cancelled this year',
      'Members cancelled by Rekindle in an executed batch since 1 January (UTC) of this year.',
    ],
    [
      'forgone',
      'Forgone revenue',
      'Monthly (month M): Σ monthly price at cancellation of members cancelled by Rekindle who have not rejoined by the end of M. Annualised: 12 × the latest month’s forgone revenue. Cumulative: Σ of monthly forgone revenue over the months since the first batch.',
    ],
    [
      'forecast',
      'Forecast over H years',
      'Annualised forgone × H × (1 − expected rejoin share), with the expected rejoin share taken from observed rejoins and stated on the chart.',
    ],
    [
      'winback',
      'Win-back rate',
      'Won back ÷ assigned (intention to treat, so a variant and its holdout compare like with like). Won back = confirmed (pressed “Keep my membership” before the deadline) or reactivated (any view after the message was sent — for the holdout, after assignment — and before the deadline); a member counts once. The rate per sent is shown beside it in the table, labelled as such. Intervals are 95% Wilson score intervals. Lift = variant rate − holdout rate, with a 95% confidence interval for a difference of two proportions by Newcombe’s method from Wilson intervals. The card pools campaigns whose response deadline passed in the last 90 days.',
    ],
    [
      'rejoins',
      'Rejoins',
      `A cancelled member restored within ${policy.retentionDays} days (the retention window) of cancellation. Rejoin rate by month k = members rejoined within k months ÷ members cancelled at least k months ago (only cohorts that have had the full k months).`,
    ],
    [
      'reached',
      'Reached (asked)',
      'A member counts as asked only when at least one channel delivered the last-chance message and it did not bounce: sent (SMTP 2xx, or the in-app notice acknowledged) and no hard bounce or spam complaint reported for it since (a soft bounce counts after three). The response window runs from that delivery. A member never reached is never proposed for cancellation, and campaign pages show them as “not reached” beside sent.',
    ],
    [
      'late-views',
      'Cancellations undone by late views',
      `Members cancelled by a Rekindle batch and restored automatically because a view watched before the cancellation (at most ${LATE_VIEW_TRUST_DAYS} days before it) reached Rekindle after it, within the retention window. They were not dormant when cancelled, so they count as never cancelled: they are left out of the members cancelled, forgone revenue, rejoins and the rejoin rate.`,
    ],
    [
      'chose-to-leave',
      'Chose to leave (cancelled at own request)',
      'Members who answered “cancel now” on the keep page and confirmed it. Their membership ends at the end of the month they paid for (the monthly anniversary of their join date), when the period-end job cancels it at their own request; they are never in a batch. They are not won back and not “no response”, and they are left out of the members cancelled by Rekindle, forgone revenue, rejoins and the forecast; the forgone chart shows their monthly price beside it, in grey. A rejoin within the retention window restores them as for a batch cancellation.',
    ],
    [
      'funnel',
      'Funnel',
      'Members assigned to a message variant of a campaign started in the range (the holdout is never messaged) → messaged (the channel accepted the message) → won back, chose to leave (cancelled at their own request), or cancelled in an executed batch → rejoined. Shares are of those assigned.',
    ],
    [
      'money',
      'Money',
      `Prices are summed in minor units per currency and converted to ${REPORTING_CURRENCY} with the stored exchange rate in force on the day (for past months, the month’s last day), one rounding per currency; currencies without minor units (JPY, KRW) are whole units.`,
    ],
  ];
  return (
    <section
      id="definitions"
      aria-labelledby="definitions-title"
      className="mt-8 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="definitions-title" className="text-base font-semibold">
        Definitions
      </h2>
      <dl className="mt-3 grid gap-x-8 gap-y-3 text-sm lg:grid-cols-2">
        {items.map(([id, term, text]) => (
          <div key={id} id={`def-${id}`} className="scroll-mt-6">
            <dt className="font-medium text-slate-900">{term}</dt>
            <dd className="text-slate-700">{text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
