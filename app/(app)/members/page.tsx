import { MemberFilters } from '@/components/members/member-filters';
import { MembersTable } from '@/components/members/members-table';
import { memberTableRows } from '@/components/members/members-table-rows';
import { Pager } from '@/components/members/pager';
import { PageHeader } from '@/components/shell/page-header';
import { getSqlite } from '@/db/client';
import { COUNT_CAP, countMembersCapped, listMembers, memberFacets } from '@/db/members';
import { requirePage } from '@/lib/auth/session';
import { membersHref, parseMemberFilters } from '@/lib/domain/members/filters';
import { formatCount } from '@/lib/domain/members/format';

export const metadata = { title: 'Members' };
const PAGE_SIZE = 50;

export default async function MembersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePage('members.view');
  const { filters, cursor, problems } = parseMemberFilters(await searchParams);
  const sqlite = getSqlite();
  const page = listMembers(sqlite, filters, cursor, PAGE_SIZE);
  const facets = memberFacets(sqlite);
  const filtered = Object.keys(filters).length > 0;
  // Counted only with a filter and only up to COUNT_CAP: never a count(*) over millions of rows.
  const matches = filtered ? countMembersCapped(sqlite, filters) : null;
  return (
    <>
      <PageHeader
        title="Members"
        description="Every member, newest first. Search by account id or exact email, or filter by status, country and plan."
      />
      {problems.length ? (
        <div role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : null}
      <MemberFilters filters={filters} countries={facets.countries} plans={facets.plans} />
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {matches
          ? `${matches.capped ? `More than ${formatCount(COUNT_CAP)}` : formatCount(matches.count)} ${matches.count === 1 ? 'member matches' : 'members match'}.`
          : 'All members.'}{' '}
        {page.rows.length ? `Showing ${formatCount(page.rows.length)} on this page.` : ''}
      </p>
      <MembersTable rows={memberTableRows(page.rows)} />
      <Pager
        label="Member pages"
        first={cursor.after !== undefined || cursor.before !== undefined ? membersHref(filters) : undefined}
        prev={page.prev ? membersHref(filters, page.prev) : undefined}
        next={page.next ? membersHref(filters, page.next) : undefined}
      />
    </>
  );
}
