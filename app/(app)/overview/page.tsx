import Link from 'next/link';
import { Definitions } from '@/components/overview/definitions';
import { FiltersForm } from '@/components/overview/filters-form';
import { HeadlineCards } from '@/components/overview/headline-cards';
import { NextSeasonCard } from '@/components/overview/next-season-card';
import { Notices } from '@/components/overview/notices';
import { OverviewCharts } from '@/components/overview/overview-charts';
import { PageHeader } from '@/components/shell/page-header';
import { getDb } from '@/db/client';
import { nextSeasonWinBacks } from '@/db/next-season';
import { requirePage } from '@/lib/auth/session';
import { can } from '@/lib/domain/roles';
import { overviewFor, type SearchParams } from '@/lib/overview/overview';

export const metadata = { title: 'Executive overview' };

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
const ago = (ms: number, at: number) => {
  const s = Math.max(0, Math.round((at - ms) / 1000));
  return s < 120 ? `${s} s ago` : s < 7200 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
};

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requirePage('overview.view');
  const { filters, messages, options, model: o, at } = await overviewFor(await searchParams);
  const prepMembers = o.preparing.parts.includes('members');
  const prepOutcomes = o.preparing.parts.includes('outcomes');
  const scope = [filters.country ?? 'all countries', filters.plan ? `${filters.plan} plan` : 'all plans'].join(', ');

  return (
    <>
      <PageHeader
        title="Executive overview"
        description={
          <>
            Dormant members, what cancelling them costs, and what campaigns win back — {scope}, {filters.from} to {filters.to}.{' '}
            {/* A date never breaks across lines (nowrap on each timestamp). */}
            {o.asOf.members === null || o.asOf.outcomes === null ? (
              'Figures are being prepared'
            ) : (
              <>
                Figures as of <span className="whitespace-nowrap">{utc(Math.min(o.asOf.members, o.asOf.outcomes))}</span>,{' '}
                <span className="whitespace-nowrap">{ago(Math.min(o.asOf.members, o.asOf.outcomes), at)}</span> (members{' '}
                {ago(o.asOf.members, at)}, campaigns and batches {ago(o.asOf.outcomes, at)})
              </>
            )}
            . Amounts in US dollars.
          </>
        }
        actions={
          can(staff.role, 'simulator.use') ? (
            <Link
              href="/overview/simulator"
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
            >
              What-if simulator
            </Link>
          ) : null
        }
      />
      {o.preparing.parts.length > 0 ? (
        <Notices
          tone="info"
          messages={[
            `Figures are being prepared${o.preparing.startedAt === null ? '' : ` — started ${Math.max(0, Math.round((at - o.preparing.startedAt) / 1000))} seconds ago`}; reload in a moment. ${prepMembers ? 'Member figures' : ''}${prepMembers && prepOutcomes ? ' and ' : ''}${prepOutcomes ? 'campaign and batch figures' : ''} appear once ready; the rest of the page is current.`,
          ]}
        />
      ) : null}
      <Notices messages={messages} />
      {o.missingRates.length > 0 ? (
        <Notices
          messages={[
            `No exchange rate is stored for ${o.missingRates.join(', ')}; amounts in those currencies are left out of the dollar totals.`,
          ]}
        />
      ) : null}
      <FiltersForm filters={filters} countries={options.countries} plans={options.plans} maxMonth={o.currentMonth} />
      <HeadlineCards cards={o.cards} month={o.currentMonth} preparing={o.preparing.parts} />
      <NextSeasonWinBacks at={at} />
      <OverviewCharts model={o} filters={filters} outcomesPreparing={prepOutcomes} />
      <Definitions policy={o.policy} />
    </>
  );
}

/** Read live (one small count over the rejoins table), so a rejoin shows at once. */
function NextSeasonWinBacks({ at }: { at: number }) {
  const year = new Date(at).getUTCFullYear();
  const n = nextSeasonWinBacks(getDb(), Date.UTC(year, 0, 1));
  return <NextSeasonCard year={year} thisYear={n.sinceStart} ever={n.ever} />;
}
