import Link from 'next/link';
import type { BatchMemberRow } from '@/db/batch-queries';
import { BATCH_MEMBER_STATES } from '@/db/schema/batches';
import { formatMoney } from '@/lib/domain/money';
import { BatchMembersRows } from './batch-members-rows';

const STATE_LABELS: Record<string, string> = {
  included: 'To cancel',
  excluded: 'Excluded',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

/** The batch's members: search by exact account id or email, filter by state, keyset pages, CSV export. */
export function BatchMembersTable({
  batchId,
  rows,
  more,
  search,
  showEmail,
}: {
  batchId: number;
  rows: BatchMemberRow[];
  more: boolean;
  search: { q?: string; state?: string; after?: number };
  showEmail: boolean;
}) {
  const next = new URLSearchParams({
    ...(search.state ? { state: search.state } : {}),
    after: String(rows.at(-1)?.memberId ?? 0),
  });
  return (
    <section aria-labelledby="members-heading" className="mt-6">
      <div className="mb-2 flex flex-wrap items-end justify-between gap-3">
        <h2 id="members-heading" className="font-semibold">
          Members
        </h2>
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Search members">
          <div>
            <label htmlFor="member-q" className="block text-xs font-medium">
              Account id or email
            </label>
            <input
              id="member-q"
              name="q"
              defaultValue={search.q ?? ''}
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
          </div>
          <div>
            <label htmlFor="member-state" className="block text-xs font-medium">
              State
            </label>
            <select
              id="member-state"
              name="state"
              defaultValue={search.state ?? ''}
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            >
              <option value="">All</option>
              {BATCH_MEMBER_STATES.map((s) => (
                <option key={s} value={s}>
                  {STATE_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium">
            Search
          </button>
          {showEmail ? (
            <a href={`/batches/${batchId}/members.csv`} className="text-sm text-brand-700 underline" download>
              Export CSV
            </a>
          ) : null}
        </form>
      </div>
      <BatchMembersRows
        showEmail={showEmail}
        rows={rows.map((r) => ({
          id: r.memberId,
          account: r.accountId,
          ...(showEmail ? { email: r.email } : {}),
          country: r.country,
          plan: r.plan,
          price: formatMoney(r.priceMinor, r.currency),
          state: STATE_LABELS[r.state] ?? r.state,
          reason: r.reason ?? '',
        }))}
      />
      <p className="mt-2 flex gap-4 text-sm">
        {search.after || search.q ? (
          <Link href={`/batches/${batchId}${search.state ? `?state=${search.state}` : ''}`} className="text-brand-700 underline">
            First page
          </Link>
        ) : null}
        {more && !search.q ? (
          <Link href={`/batches/${batchId}?${next}`} className="text-brand-700 underline">
            Next page
          </Link>
        ) : null}
      </p>
    </section>
  );
}
