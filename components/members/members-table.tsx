'use client';
import Link from 'next/link';
import { ColumnHeaders } from '@/components/ui/column-headers';
import { ScrollRegion } from '@/components/ui/scroll-region';
import type { MemberTableRow } from './members-table-rows';
import { statusColours, statusLabel } from './status-badge';

// A client component fed already-formatted rows: the page's RSC payload then carries each row as a
// few short strings, not as an element tree of eight cells (which the HTML carries a second time);
// the server still renders the whole table into the HTML. Every style is set once on the table and
// reaches its cells by column position, instead of a class string on each of the 400 cells.
// Columns: 1 account, 2 name and email, 3 country, 4 plan, 5 price, 6 status, 7 joined, 8 last viewed, 9 language.
const TABLE = [
  'w-full text-sm',
  '[&_th]:px-3 [&_th]:py-2 [&_th]:font-medium [&_td]:px-3 [&_td]:py-2',
  '[&_thead]:border-b [&_thead]:border-slate-200 [&_thead]:bg-slate-50 [&_thead]:text-left [&_thead]:text-slate-600',
  '[&_tbody_tr]:border-b [&_tbody_tr]:border-slate-100 [&_tbody_tr:last-child]:border-0 [&_tbody_tr:hover]:bg-slate-50',
  '[&_td:nth-child(1)]:whitespace-nowrap [&_td:nth-child(1)]:font-mono [&_td:nth-child(1)]:text-xs',
  '[&_td:nth-child(1)_a]:text-brand-700 [&_td:nth-child(1)_a]:underline-offset-2 [&_td:nth-child(1)_a:hover]:underline',
  '[&_td:nth-child(2)_small]:block [&_td:nth-child(2)_small]:text-xs [&_td:nth-child(2)_small]:text-slate-600',
  '[&_td:nth-child(4)]:capitalize',
  '[&_th:nth-child(5)]:text-right [&_td:nth-child(5)]:whitespace-nowrap [&_td:nth-child(5)]:text-right [&_td:nth-child(5)]:tabular-nums',
  '[&_td:nth-child(6)>span]:inline-block [&_td:nth-child(6)>span]:whitespace-nowrap [&_td:nth-child(6)>span]:rounded-full [&_td:nth-child(6)>span]:px-2 [&_td:nth-child(6)>span]:py-0.5 [&_td:nth-child(6)>span]:text-xs [&_td:nth-child(6)>span]:font-medium [&_td:nth-child(6)>span]:ring-1 [&_td:nth-child(6)>span]:ring-inset',
  '[&_td:nth-child(n+7)]:whitespace-nowrap [&_td:nth-child(n+7)]:tabular-nums',
  '[&_td_i]:not-italic [&_td_i]:text-slate-500',
].join(' ');

const HEADERS = [
  'Account',
  'Name and email',
  'Country',
  'Plan',
  'Price/month',
  'Status',
  'Joined (UTC)',
  'Last viewed (UTC)',
  'Language',
];

export function MembersTable({ rows }: { rows: MemberTableRow[] }) {
  if (rows.length === 0)
    return (
      <p role="status" className="rounded-lg border border-slate-200 bg-white p-6 text-center text-slate-600">
        No members match these filters.
      </p>
    );
  return (
    <ScrollRegion label="Members" className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={TABLE}>
        <caption className="sr-only">Members, newest first</caption>
        <ColumnHeaders headers={HEADERS} />
        <tbody>
          {rows.map((m) => (
            <tr key={m.id}>
              <td>
                {/* Fifty rows of links: prefetching each one as it scrolls into view would cost the
                    server a render per member row; the member page loads on click instead. */}
                <Link href={`/members/${m.id}`} prefetch={false}>
                  {m.account}
                </Link>
              </td>
              <td>
                {m.name ?? <i>Name erased</i>}
                <small>{m.email ?? 'Email erased'}</small>
              </td>
              <td>{m.country}</td>
              <td>{m.plan}</td>
              <td>{m.price}</td>
              <td>
                <span className={statusColours(m.status)}>{statusLabel(m.status)}</span>
              </td>
              <td>{m.joined}</td>
              <td>{m.lastViewed ?? <i>Never</i>}</td>
              {/* Last, so the columns before it keep their places (links and tests address them by position). */}
              <td title={m.languageName}>{m.language}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
