'use client';
import Link from 'next/link';
import { ColumnHeaders } from '@/components/ui/column-headers';
import { ScrollRegion } from '@/components/ui/scroll-region';

// A client component fed already-formatted rows, as the members list is: the page's RSC payload then
// carries each row as a few short strings, not as an element tree of seven cells with a class string
// on each (which the HTML carried a second time); the server still renders the whole table into the
// HTML. Styles are set once on the table and reach the cells by column position.

/** One member of a batch as the table shows it. `email` is absent for staff who may not see it, null once erased. */
export type BatchMemberTableRow = {
  id: number;
  account: string;
  email?: string | null;
  country: string;
  plan: string;
  price: string;
  state: string;
  reason: string;
};

const BASE = [
  'w-full text-sm',
  '[&_th]:px-3 [&_th]:py-2 [&_th]:font-medium [&_td]:px-3 [&_td]:py-1.5',
  '[&_thead]:border-b [&_thead]:border-slate-200 [&_thead]:bg-slate-50 [&_thead]:text-left [&_thead]:text-slate-600',
  '[&_tbody_tr]:border-b [&_tbody_tr]:border-slate-100 [&_tbody_tr:last-child]:border-0',
  '[&_td:nth-child(1)]:whitespace-nowrap [&_td:nth-child(1)]:font-mono [&_td:nth-child(1)]:text-xs',
  '[&_td:nth-child(1)_a]:text-brand-700 [&_td:nth-child(1)_a]:underline',
  '[&_td_i]:not-italic [&_td_i]:text-slate-500',
].join(' ');
/** The price column is the fifth with the email column, the fourth without it. */
const PRICE_5 = '[&_th:nth-child(5)]:text-right [&_td:nth-child(5)]:text-right [&_td:nth-child(5)]:tabular-nums';
const PRICE_4 = '[&_th:nth-child(4)]:text-right [&_td:nth-child(4)]:text-right [&_td:nth-child(4)]:tabular-nums';

export function BatchMembersRows({ rows, showEmail }: { rows: BatchMemberTableRow[]; showEmail: boolean }) {
  const headers = ['Account id', ...(showEmail ? ['Email'] : []), 'Country', 'Plan', 'Monthly price', 'State', 'Reason'];
  return (
    <ScrollRegion label="Members in this batch" className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={`${BASE} ${showEmail ? PRICE_5 : PRICE_4}`} aria-label="Members in this batch">
        <ColumnHeaders headers={headers} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                {showEmail ? (
                  // Fifty rows of links: prefetching each as it scrolls into view would cost the server
                  // a render per member; the member page loads on click instead.
                  <Link href={`/members/${r.id}`} prefetch={false}>
                    {r.account}
                  </Link>
                ) : (
                  r.account
                )}
              </td>
              {showEmail ? <td>{r.email ?? <i>erased</i>}</td> : null}
              <td>{r.country}</td>
              <td>{r.plan}</td>
              <td>{r.price}</td>
              <td>{r.state}</td>
              <td>{r.reason}</td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={headers.length} className="text-center text-slate-500">
                No member matches.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
