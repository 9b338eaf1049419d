import type { ReactNode } from 'react';
import type { OverviewModel } from '@/lib/domain/metrics/overview';
import { pctString } from '@/lib/domain/metrics/table';
import { ForgoneCard } from './forgone-card';
import { StatCard } from './stat-card';
import { Usd } from './usd';

const intFormat = new Intl.NumberFormat('en-US');
const int = (n: number) => intFormat.format(n);
const pctOr = (rate: number | null) => (rate === null ? '—' : `${pctString(rate)}%`);

type Cards = OverviewModel['cards'];
/** Which aggregate a card is drawn from: the member snapshot or the campaign and batch outcomes. */
type Source = 'members' | 'outcomes';
type CardSpec = { label: string; definition: string; source: Source; value: ReactNode; detail: ReactNode };

/** The headline cards in the order shown, each with its figure, its detail line and its definition's anchor. */
function cardSpecs(c: Cards): CardSpec[] {
  const wb = c.winback90;
  return [
    { label: 'Members', definition: 'members', source: 'members', value: int(c.members), detail: 'not cancelled' },
    {
      label: 'Dormant now',
      definition: 'dormant',
      source: 'members',
      value: int(c.dormant),
      detail: (
        <>
          {c.dormantShare === null ? '—' : `${pctString(c.dormantShare)}%`} of members · {int(c.dormantNeverWatched)} never
          watched, {int(c.dormantInactive)} inactive
        </>
      ),
    },
    {
      label: 'Revenue at risk (now)',
      definition: 'at-risk',
      source: 'members',
      value: <Usd minor={c.atRiskUsd} />,
      detail: `a month, from ${int(c.atRiskCount)} members dormant or in an open campaign`,
    },
    {
      label: 'Win-back rate, last 90 days',
      definition: 'winback',
      source: 'outcomes',
      value: pctOr(wb.variants.rate),
      detail:
        wb.variants.assigned > 0
          ? `${int(wb.variants.wonBack)} of ${int(wb.variants.assigned)} assigned, ${wb.campaigns} campaign${wb.campaigns === 1 ? '' : 's'}; holdout ${pctOr(wb.holdout.rate)}`
          : 'no campaign deadline in the last 90 days',
    },
    {
      label: `Members cancelled in ${c.year}`,
      definition: 'cancelled',
      source: 'outcomes',
      value: int(c.cancelledThisYear),
      detail: `${int(c.cancelledEver)} since the first batch${c.firstBatchMonth ? ` (${c.firstBatchMonth})` : ''}`,
    },
    {
      label: 'Rejoins within the retention window',
      definition: 'rejoins',
      source: 'outcomes',
      value: int(c.rejoinedEver),
      detail: `${c.cancelledEver > 0 ? `${pctString(c.rejoinedEver / c.cancelledEver)}%` : '—'} of ${int(c.cancelledEver)} cancelled; window ${c.retentionDays} days`,
    },
    {
      label: 'Cancellations undone by late views',
      definition: 'late-views',
      source: 'outcomes',
      value: int(c.cancellationsUndone),
      detail: 'restored: a view from before the cancellation arrived after it; not counted as cancelled or rejoined',
    },
    {
      label: `Left at own request in ${c.year}`,
      definition: 'chose-to-leave',
      source: 'outcomes',
      value: int(c.ownRequestThisYear),
      detail: `${int(c.ownRequestEver)} in all: chose to leave on the keep page; not cancelled by Rekindle, not forgone`,
    },
  ];
}

/** The headline figures. A card whose aggregate is not built yet shows that, never a zero. */
export function HeadlineCards({ cards, month, preparing }: { cards: Cards; month: string; preparing: readonly Source[] }) {
  const ready = (s: Source) => !preparing.includes(s);
  return (
    <section aria-label="Headline figures">
      <dl className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {cardSpecs(cards).map((s) => (
          <StatCard
            key={s.definition}
            label={s.label}
            value={ready(s.source) ? s.value : '…'}
            detail={ready(s.source) ? s.detail : 'being prepared'}
            definition={s.definition}
          />
        ))}
        <ForgoneCard
          ready={ready('outcomes')}
          month={month}
          monthMembers={int(cards.forgoneMonthMembers)}
          monthUsd={cards.forgoneMonthUsd}
          annualUsd={cards.forgoneAnnualUsd}
          cumulativeUsd={cards.forgoneCumulativeUsd}
        />
      </dl>
    </section>
  );
}
