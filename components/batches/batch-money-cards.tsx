import type { BatchMoney } from '@/lib/domain/batches/summary';
import { formatMoney, REPORTING_CURRENCY } from '@/lib/domain/money';

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-sm font-medium text-slate-600">{title}</h2>
      <div className="mt-1">{children}</div>
    </div>
  );
}

/** Count, monthly revenue and its annualised value (forgone revenue), per currency and in the reporting currency. */
export function BatchMoneyCards({ money, executed, day }: { money: BatchMoney; executed: boolean; day: string }) {
  const perCurrency = (rows: { currency: string; minor: bigint }[]) =>
    rows.length ? (
      <ul className="space-y-0.5 tabular-nums">
        {rows.map((r) => (
          <li key={r.currency} className="text-lg font-semibold">
            {formatMoney(r.minor, r.currency)}
          </li>
        ))}
      </ul>
    ) : (
      <p className="text-lg font-semibold">—</p>
    );
  const rep = money.reporting;
  return (
    <div className="grid gap-4 md:grid-cols-4">
      <Card title={executed ? 'Members cancelled' : 'Members to cancel'}>
        <p className="text-3xl font-semibold tabular-nums">{money.members.toLocaleString('en-US')}</p>
      </Card>
      <Card title="Monthly revenue (per currency)">{perCurrency(money.monthly)}</Card>
      <Card title="Forgone revenue, annualised (12 × monthly)">{perCurrency(money.annual)}</Card>
      <Card title={`Total in ${REPORTING_CURRENCY}`}>
        {rep.missing.length ? (
          <p className="text-sm text-slate-600">No total: no exchange rate stored for {rep.missing.join(', ')}.</p>
        ) : (
          <>
            <p className="text-lg font-semibold tabular-nums">{formatMoney(rep.monthly, REPORTING_CURRENCY)} a month</p>
            <p className="text-lg font-semibold tabular-nums">{formatMoney(rep.annual, REPORTING_CURRENCY)} a year</p>
            <p className="mt-1 text-xs text-slate-500">At the rates stored for {day}, each currency converted once.</p>
          </>
        )}
      </Card>
    </div>
  );
}
