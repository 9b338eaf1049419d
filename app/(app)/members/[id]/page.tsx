import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { MemberActions } from '@/components/members/member-actions';
import { MemberBatches } from '@/components/members/member-batches';
import { MemberCampaigns } from '@/components/members/member-campaigns';
import { MemberRisk } from '@/components/members/member-risk';
import { MemberTimeline } from '@/components/members/member-timeline';
import { Pager } from '@/components/members/pager';
import { StatusBadge } from '@/components/members/status-badge';
import { PageHeader } from '@/components/shell/page-header';
import { getDb, getSqlite } from '@/db/client';
import { latestLeaveRequest } from '@/db/leave-requests';
import { getMember, memberBatches, memberCampaigns, memberTimeline, parseTimelineCursor } from '@/db/members';
import { policyRow } from '@/db/policy';
import { lastUndoneCancellation, rejoinState } from '@/db/rejoins';
import { memberRiskOf } from '@/db/risk';
import { requirePage } from '@/lib/auth/session';
import { leaveReasonLabel } from '@/lib/domain/keep/reason-labels';
import { shownDormancy } from '@/lib/domain/members/dormancy-shown';
import { formatDay, formatDayTime, formatMinor } from '@/lib/domain/members/format';
import { languageName } from '@/lib/domain/members/language';
import { parseMemberId } from '@/lib/domain/members/member-id';

export const metadata = { title: 'Member' };
const TIMELINE_PAGE = 25;
const countryName = new Intl.DisplayNames(['en'], { type: 'region' });

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  // aria-labelledby takes a space-separated list of ids: an id with spaces ("Viewing timeline") named nothing.
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="mb-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <h2 id={id} className="border-b border-slate-200 px-4 py-3 font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function MemberPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requirePage('members.view');
  const id = parseMemberId((await params).id);
  if (id === null) notFound();
  const sqlite = getSqlite();
  const m = getMember(getDb(), id);
  if (!m) notFound();

  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  // A malformed timeline cursor simply shows the newest views.
  const after = parseTimelineCursor(one(sp.after)) ? one(sp.after) : undefined;
  const before = !after && parseTimelineCursor(one(sp.before)) ? one(sp.before) : undefined;
  const timeline = memberTimeline(sqlite, m.id, { after, before }, TIMELINE_PAGE);
  const campaigns = memberCampaigns(getDb(), m.id);
  const batches = memberBatches(getDb(), m.id);
  const here = `/members/${m.id}`;

  const undone = lastUndoneCancellation(getDb(), m.id);
  const leave = latestLeaveRequest(getSqlite(), m.id);
  const dormancy = shownDormancy(m, policyRow(getDb()).inactiveDays);
  // Only active members are scored; a score left from before a change of status is not shown.
  const risk = m.status === 'active' ? memberRiskOf(getDb(), m.id) : undefined;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/members" className="text-slate-600 underline">
          ← All members
        </Link>
      </p>
      <PageHeader
        title={m.displayName ?? 'Erased member'}
        description={
          <>
            <span className="font-mono">{m.accountId}</span>
            {m.email ? ` · ${m.email}` : ''}
          </>
        }
        actions={<MemberActions memberId={m.id} state={rejoinState(getDb(), m.id)} staff={staff} />}
      />
      <section aria-label="Membership" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <dl className="grid grid-cols-2 gap-x-6 gap-y-4 md:grid-cols-4">
          <Fact label="Status">
            <StatusBadge status={m.status} />
          </Fact>
          <Fact label="Status since">{formatDayTime(m.statusChangedAt)}</Fact>
          <Fact label="Plan">
            <span className="capitalize">{m.plan}</span>
          </Fact>
          <Fact label="Price per month">{formatMinor(m.priceMinor, m.currency)}</Fact>
          <Fact label="Country">
            {countryName.of(m.country) ?? m.country} ({m.country})
          </Fact>
          <Fact label="Language">
            {languageName(m.language)} ({m.language})
          </Fact>
          <Fact label="Joined">{formatDayTime(m.joinedAt)}</Fact>
          <Fact label="Last viewed">
            {m.lastViewedAt ? (
              <>
                {formatDayTime(m.lastViewedAt)}
                {m.lastTitleName ? <span className="block text-slate-600">{m.lastTitleName}</span> : null}
              </>
            ) : (
              'Never'
            )}
          </Fact>
          <Fact label="Dormant since">
            {dormancy.state === 'dormant' ? (
              <>
                {formatDayTime(dormancy.since)}
                <span className="block text-slate-600">{dormancy.why}</span>
              </>
            ) : dormancy.state === 'ended' ? (
              <>
                Not dormant
                <span className="block text-slate-600">
                  Watched {formatDay(dormancy.byViewAt)}, after the dormancy recorded from {formatDay(dormancy.recordedSince)}
                </span>
              </>
            ) : (
              'Not dormant'
            )}
          </Fact>
          {m.lastContactedAt ? <Fact label="Last contacted">{formatDayTime(m.lastContactedAt)}</Fact> : null}
          {m.cancelledAt ? (
            <Fact label="Cancelled">
              {formatDayTime(m.cancelledAt)}
              <span className="block text-slate-600">
                {m.cancellationSource === 'member_request' ? 'Cancelled at own request' : 'Cancelled by a batch'}
              </span>
            </Fact>
          ) : null}
          {leave ? (
            <Fact label="Chose to leave">
              {formatDayTime(leave.requestedAt)}
              <span className="block text-slate-600">
                {leaveReasonLabel(leave.reason)} ·{' '}
                {leave.cancelledAt == null
                  ? `membership ends ${formatDay(leave.endsAt)}`
                  : 'carried out at the end of the paid month'}
              </span>
            </Fact>
          ) : null}
          {undone ? (
            <Fact label="Cancellation undone">
              {formatDayTime(undone.undoneAt)}
              <span className="block text-slate-600">
                A view from before the cancellation of {formatDay(undone.cancelledAt)} arrived late
                {undone.batchId ? ` (batch #${undone.batchId})` : ''}
              </span>
            </Fact>
          ) : null}
          {m.retentionUntil ? <Fact label="Data kept until">{formatDay(m.retentionUntil)}</Fact> : null}
          {m.purgedAt ? <Fact label="Personal data erased">{formatDayTime(m.purgedAt)}</Fact> : null}
        </dl>
      </section>
      {risk ? <MemberRisk risk={{ ...risk, scoredDay: formatDay(risk.scoredAt) }} /> : null}
      <Section title="Viewing timeline">
        <MemberTimeline rows={timeline.rows} />
        <div className="border-t border-slate-100 px-4 pb-3">
          <Pager
            label="Timeline pages"
            firstLabel="Most recent"
            prevLabel="← Newer views"
            nextLabel="Older views →"
            first={after || before ? here : undefined}
            prev={timeline.prev ? `${here}?before=${timeline.prev.before}` : undefined}
            next={timeline.next ? `${here}?after=${timeline.next.after}` : undefined}
          />
        </div>
      </Section>
      <Section title="Campaigns">
        <MemberCampaigns rows={campaigns} />
      </Section>
      <Section title="Cancellation batches">
        <MemberBatches rows={batches} />
      </Section>
    </>
  );
}
