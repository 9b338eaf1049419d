import type { ReactNode } from 'react';
import { Usd } from './usd';

/** One of the forgone-revenue card's three figures: the amount large, what it is small. */
function Figure({ value, caption }: { value: ReactNode; caption: ReactNode }) {
  return (
    <span>
      <span className="block text-2xl font-semibold tabular-nums tracking-tight">{value}</span>
      <span className="block text-xs text-slate-600">{caption}</span>
    </span>
  );
}

/** The wide headline card: forgone revenue monthly, annualised and cumulative ("…" while being prepared). */
export function ForgoneCard({
  ready,
  month,
  monthMembers,
  monthUsd,
  annualUsd,
  cumulativeUsd,
}: {
  ready: boolean;
  month: string;
  monthMembers: string;
  monthUsd: number;
  annualUsd: number;
  cumulativeUsd: number;
}) {
  const usd = (minor: number) => (ready ? <Usd minor={minor} /> : '…');
  return (
    <div className="rounded-lg border border-brand-100 bg-brand-50 p-4 sm:col-span-2">
      <dt className="flex items-center justify-between text-sm font-medium text-slate-700">
        <span>Forgone revenue</span>
        <a href="#def-forgone" className="text-xs font-normal text-slate-600 underline decoration-dotted hover:text-slate-800">
          definition<span className="sr-only"> of forgone revenue</span>
        </a>
      </dt>
      <dd className="mt-1 grid gap-3 sm:grid-cols-3">
        <Figure value={usd(monthUsd)} caption={`monthly (${month}, ${ready ? monthMembers : '…'} members)`} />
        <Figure value={usd(annualUsd)} caption="annualised (12 × this month)" />
        <Figure value={usd(cumulativeUsd)} caption="cumulative since the first batch" />
      </dd>
    </div>
  );
}
