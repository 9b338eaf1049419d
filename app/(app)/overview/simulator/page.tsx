import Link from 'next/link';
import { Notices } from '@/components/overview/notices';
import { PageHeader } from '@/components/shell/page-header';
import { DataTable } from '@/components/ui/data-table';
import { getSqlite } from '@/db/client';
import { requirePage } from '@/lib/auth/session';
import { parseSimulatorInput } from '@/lib/domain/metrics/filters';
import { toReporting } from '@/lib/domain/metrics/fx';
import { rejoinAssumption } from '@/lib/domain/metrics/overview';
import { type ScenarioResult, simulate } from '@/lib/domain/metrics/simulator';
import { formatMoney, REPORTING_CURRENCY } from '@/lib/domain/money';
import { can } from '@/lib/domain/roles';
import { freshEnough } from '@/lib/overview/fresh';
import type { SearchParams } from '@/lib/overview/overview';
import { loadSimulatorBase, simulatorRows } from '@/lib/overview/simulator';
import { now } from '@/lib/runtime/clock';
import { preparing } from '@/lib/runtime/metrics-refresh';

export const metadata = { title: 'What-if simulator' };

const intFormat = new Intl.NumberFormat('en-US');
const int = (n: number) => intFormat.format(n);
const money = (m: bigint) => formatMoney(m, REPORTING_CURRENCY);
const signedMoney = (m: bigint) => (m > 0n ? `+${money(m)}` : money(m));
const signedInt = (n: number) => (n > 0 ? `+${int(n)}` : int(n));

const figure = (r: { money: boolean }, v: bigint | number) => (r.money ? money(v as bigint) : int(v as number));

const ROWS: { key: keyof ScenarioResult; label: string; money: boolean }[] = [
  { key: 'dormant', label: 'Dormant members', money: false },
  { key: 'dormantMonthly', label: 'Their monthly price', money: true },
  { key: 'offered', label: 'Offered a last free month', money: false },
  { key: 'wonBack', label: 'Won back', money: false },
  { key: 'cancelled', label: 'Cancelled', money: false },
  { key: 'revenueKept', label: 'Revenue kept, a year (hypothetical)', money: true },
  { key: 'offerCost', label: 'Cost of the free months', money: true },
  {
    key: 'forgone',
    label: 'Forgone revenue, a year — hypothetical, if the policy cancelled them (net of expected rejoins)',
    money: true,
  },
  { key: 'net', label: 'Net effect a year (hypothetical): −(forgone + offer cost)', money: true },
];

export default async function SimulatorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requirePage('simulator.use');
  await freshEnough(getSqlite(), now());
  const at = now();
  const prep = preparing(getSqlite());
  if (prep.parts.length > 0)
    return (
      <>
        <PageHeader title="What-if simulator" description="Change the dormancy thresholds and a last-free-month offer." />
        <Notices
          tone="info"
          messages={[
            `The figures the simulator starts from are being prepared${prep.startedAt === null ? '' : ` — started ${Math.max(0, Math.round((at - prep.startedAt) / 1000))} seconds ago`}; reload in a moment.`,
          ]}
        />
      </>
    );
  const base = loadSimulatorBase(getSqlite(), at);
  const { input, messages } = parseSimulatorInput(await searchParams, base.policy);
  const convert = (t: Record<string, bigint>) => toReporting(t, base.fx, base.today).minor;
  const baseline = { num: base.baseline.num, den: base.baseline.den };
  const rejoin = { num: base.rejoin.rejoined, den: base.rejoin.cohort };
  const sqlite = getSqlite();
  const current = simulate(
    simulatorRows(sqlite, base.policy, at),
    { ...base.policy, offerSharePct: 0, upliftBp: 0 },
    baseline,
    rejoin,
    convert,
  );
  const scenario = simulate(simulatorRows(sqlite, input, at), input, baseline, rejoin, convert);
  const field = 'mt-1 block w-40 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';
  const b = base.baseline.den > 0 ? (100 * base.baseline.num) / base.baseline.den : 0;

  return (
    <>
      <PageHeader
        title="What-if simulator"
        description="Change the dormancy thresholds and a last-free-month offer, and see what the current members would mean under them, next to the current policy. Nothing is saved."
        actions={
          <Link href="/overview" className="text-sm text-slate-600 underline hover:text-slate-900">
            Back to the overview
          </Link>
        }
      />
      <Notices messages={messages} />
      <form
        method="get"
        action="/overview/simulator"
        aria-label="Scenario"
        className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4"
      >
        <label className="text-sm font-medium text-slate-700">
          Never-watched days
          <input
            name="neverWatchedDays"
            type="number"
            min={30}
            max={3650}
            step={1}
            defaultValue={input.neverWatchedDays}
            className={field}
          />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Inactive days
          <input
            name="inactiveDays"
            type="number"
            min={30}
            max={3650}
            step={1}
            defaultValue={input.inactiveDays}
            className={field}
          />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Share offered a free month (%)
          <input
            name="offerSharePct"
            type="number"
            min={0}
            max={100}
            step={1}
            defaultValue={input.offerSharePct}
            className={field}
          />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Expected win-back uplift (percentage points)
          <input
            name="upliftPct"
            type="number"
            min={0}
            max={100}
            step={0.1}
            defaultValue={input.upliftBp / 100}
            className={field}
          />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Simulate
        </button>
      </form>

      <section aria-labelledby="result-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h2 id="result-title" className="text-base font-semibold">
            Hypothetical result: {input.neverWatchedDays} never-watched days, {input.inactiveDays} inactive days,{' '}
            {input.offerSharePct}% offered a free month
            {input.offerSharePct > 0 ? ` at +${input.upliftBp / 100} pp` : ''}
          </h2>
          {can(staff.role, 'policy.edit') ? (
            <Link
              href={`/policy?neverWatchedDays=${input.neverWatchedDays}&inactiveDays=${input.inactiveDays}`}
              className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-900"
            >
              Make this a policy version
            </Link>
          ) : null}
        </div>
        <DataTable
          caption="What-if figures, not actual results: the scenario next to the current policy (the overview’s forgone revenue counts real cancellations)"
          className="mt-4 max-w-4xl"
          head="plain"
          pad="inline"
          rows={ROWS}
          rowKey={(r) => r.key}
          rowClassName={(r) => (r.key === 'net' ? 'font-semibold' : undefined)}
          columns={[
            { header: 'Figure', rowHeader: true, className: 'font-normal', cell: (r) => r.label },
            {
              header: `Current policy (${base.policy.neverWatchedDays} / ${base.policy.inactiveDays} days, no offer)`,
              numeric: true,
              cell: (r) => figure(r, current[r.key]),
            },
            {
              header: 'This scenario',
              numeric: true,
              cell: (r) => figure(r, scenario[r.key]),
            },
            {
              header: 'Difference',
              numeric: true,
              cell: (r) =>
                r.money
                  ? signedMoney((scenario[r.key] as bigint) - (current[r.key] as bigint))
                  : signedInt((scenario[r.key] as number) - (current[r.key] as number)),
            },
          ]}
        />
        <h3 className="mt-5 text-sm font-semibold">How it is worked out</h3>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>
            Dormant members follow the dormancy rule on the member snapshot of{' '}
            {new Date(base.asOf.members ?? at).toISOString().slice(0, 16).replace('T', ' ')} UTC: never watched and joined at
            least the never-watched days ago, or last watched at least the inactive days ago.
          </li>
          <li>
            Every dormant member gets the last-chance message. The observed win-back rate, {b.toFixed(1)}% (
            {int(base.baseline.num)} of {int(base.baseline.den)} assigned to a message in {base.baseline.campaigns} closed
            campaign{base.baseline.campaigns === 1 ? '' : 's'}), applies to all; members offered the free month win back that rate
            plus the uplift (at most 100%).
          </li>
          <li>
            Revenue kept = a year of the won-back members’ price. The offer costs one month’s price for each offered member who is
            won back.
          </li>
          <li>
            Forgone = a year of the cancelled members’ price, less the expected rejoin share. {rejoinAssumption(base.rejoin)}
          </li>
          <li>
            Net effect = −(forgone + offer cost): what the policy costs in a year compared with leaving every dormant member
            billed. Amounts in US dollars at today’s rates.
          </li>
        </ul>
      </section>
    </>
  );
}
