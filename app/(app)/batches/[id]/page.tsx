import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { DecideBatchForms, ExcludeMemberForm, ExecuteBatchForm, SubmitBatchForm } from '@/components/batches/batch-forms';
import { BatchMembersTable } from '@/components/batches/batch-members-table';
import { BatchMoneyCards } from '@/components/batches/batch-money-cards';
import { BatchStatusBadge } from '@/components/batches/status-badge';
import { PageHeader } from '@/components/shell/page-header';
import { DataTable } from '@/components/ui/data-table';
import { batchBreakdown, batchMembersPage, batchTotals, executionJob, getBatch, skipReasonCounts } from '@/db/batch-queries';
import { getDb, getSqlite } from '@/db/client';
import { loadFxTable } from '@/db/fx';
import { BATCH_MEMBER_STATES } from '@/db/schema/batches';
import { requirePage } from '@/lib/auth/session';
import { ageLabel, formatUtc } from '@/lib/domain/batches/format';
import { batchMoney } from '@/lib/domain/batches/summary';
import { formatMoney } from '@/lib/domain/money';
import { can } from '@/lib/domain/roles';
import { now, utcDay } from '@/lib/runtime/clock';

export const metadata = { title: 'Cancellation batch' };

const PAGE = 50;
const search = z.object({
  after: z.coerce.number().int().positive().optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  state: z.enum(BATCH_MEMBER_STATES).optional().catch(undefined),
  done: z.enum(['submitted', 'approved', 'rejected', 'executed']).optional().catch(undefined),
});

export default async function BatchPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const staff = await requirePage('batches.view');
  const id = z.coerce
    .number()
    .int()
    .positive()
    .safeParse((await params).id);
  if (!id.success) notFound();
  const sqlite = getSqlite();
  const db = getDb();
  const b = getBatch(db, id.data);
  if (!b) notFound();
  const sp = search.parse(await searchParams);
  const at = now();
  const executed = b.status === 'executed';
  const subject: (typeof BATCH_MEMBER_STATES)[number][] = executed ? ['cancelled'] : ['included'];
  const totals = batchTotals(db, b.id);
  const money = batchMoney(totals, subject, loadFxTable(sqlite), utcDay(b.executedAt ?? b.proposedAt));
  const counts = Object.fromEntries(
    BATCH_MEMBER_STATES.map((s) => [s, totals.filter((t) => t.state === s).reduce((n, t) => n + t.members, 0)]),
  );
  const breakdown = batchBreakdown(db, b.id, subject);
  const rows = batchMembersPage(db, b.id, { afterId: sp.after, q: sp.q || undefined, state: sp.state, limit: PAGE + 1 });
  const job = executionJob(db, b.id);
  const skipReasons = executed ? skipReasonCounts(db, b.id) : [];
  const showEmail = can(staff.role, 'members.view');
  const fmt = (n: number) => n.toLocaleString('en-US');
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/batches" className="text-brand-700 underline">
          ← All batches
        </Link>
      </p>
      <PageHeader
        title={`Batch #${b.id} — ${b.campaignName ?? `campaign ${b.campaignId}`}`}
        description={
          <>
            <BatchStatusBadge status={b.status} /> Proposed {formatUtc(b.proposedAt)} ({ageLabel(b.proposedAt, at)} ago) under
            policy version {b.policyVersionId} (never watched {b.neverWatchedDays} days, inactive {b.inactiveDays} days, retention{' '}
            {b.retentionDays} days).
          </>
        }
      />

      {sp.done ? <DoneBanner done={sp.done} status={b.status} counts={counts} /> : null}
      <BatchMoneyCards money={money} executed={executed} day={utcDay(b.executedAt ?? b.proposedAt)} />

      <section aria-labelledby="trail-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="trail-heading" className="mb-2 font-semibold">
          Decision trail
        </h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600">Members</dt>
          <dd>
            {fmt(counts.included ?? 0)} to cancel · {fmt(counts.excluded ?? 0)} excluded · {fmt(counts.cancelled ?? 0)} cancelled
            · {fmt(counts.skipped ?? 0)} skipped
          </dd>
          <dt className="text-slate-600">Submitted by (proposer)</dt>
          <dd>{b.proposer ? `${b.proposer}, ${formatUtc(b.submittedAt)}` : 'Not submitted yet'}</dd>
          <dt className="text-slate-600">{b.status === 'rejected' ? 'Rejected by' : 'Approved by'}</dt>
          <dd>{b.decidedBy ? `${b.decidedBy}, ${formatUtc(b.decidedAt)} — “${b.decisionComment}”` : 'No decision yet'}</dd>
          <dt className="text-slate-600">Executed by</dt>
          <dd>{b.executedBy ? `${b.executedBy}, ${formatUtc(b.executedAt)}` : 'Not executed'}</dd>
          {job ? (
            <>
              <dt className="text-slate-600">Execution job</dt>
              <dd>
                <span role="status">
                  {job.status === 'running'
                    ? `Running since ${formatUtc(job.startedAt)}: checking ${fmt(job.total ?? 0)} members (started by ${job.startedBy}).`
                    : `${job.status === 'done' ? 'Done' : 'Failed'} ${formatUtc(job.finishedAt)}: ${job.message ?? ''} (${fmt(job.progress)}/${fmt(job.total ?? 0)} checked)`}
                </span>
              </dd>
            </>
          ) : null}
        </dl>
        {skipReasons.length ? (
          <div className="mt-3">
            <h3 className="text-sm font-semibold">Skipped at execution, by reason</h3>
            <ul className="mt-1 list-disc pl-5 text-sm">
              {skipReasons.map((r) => (
                <li key={r.reason}>
                  {r.reason}: {fmt(r.n)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <BatchActionsPanel staff={staff} b={b} toCancel={counts.included ?? 0} />

      <section aria-labelledby="breakdown-heading" className="mt-6">
        <h2 id="breakdown-heading" className="mb-2 font-semibold">
          By country and plan ({executed ? 'cancelled' : 'to cancel'})
        </h2>
        <DataTable
          label="Members by country and plan"
          frame="card"
          pad="dense"
          rows={breakdown}
          rowKey={(r) => `${r.country}-${r.plan}-${r.currency}`}
          empty="Nobody."
          columns={[
            { header: 'Country', cell: (r) => r.country },
            { header: 'Plan', cell: (r) => r.plan },
            { header: 'Members', numeric: true, cell: (r) => fmt(r.members) },
            { header: 'Monthly revenue', numeric: true, cell: (r) => formatMoney(r.monthlyMinor, r.currency) },
          ]}
        />
      </section>

      <BatchMembersTable batchId={b.id} rows={rows.slice(0, PAGE)} more={rows.length > PAGE} search={sp} showEmail={showEmail} />
    </>
  );
}

/** The outcome of the step just taken (the form that sent it has left the page). */
// Shown only when the batch really is in the state the step leads to: the query string alone (a
// shared or hand-typed link) never announces a step that did not happen.
function DoneBanner({ done, status, counts }: { done: string; status: string; counts: Record<string, number> }) {
  if (done !== status) return null;
  const skipped = counts.skipped ?? 0;
  const text =
    done === 'submitted'
      ? 'Submitted for approval. Another approver must now decide it.'
      : done === 'approved'
        ? 'Batch approved. It can now be executed.'
        : done === 'rejected'
          ? 'Batch rejected. Nobody in it will be cancelled.'
          : `Batch executed: ${(counts.cancelled ?? 0).toLocaleString('en-US')} cancelled, ${skipped.toLocaleString('en-US')} skipped${skipped ? ' (reasons below)' : ''}.`;
  if (!text) return null;
  return (
    <div role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      {text}
    </div>
  );
}

function BatchActionsPanel({
  staff,
  b,
  toCancel,
}: {
  staff: { id: number; role: Parameters<typeof can>[0] };
  b: { id: number; status: string; proposerId: number | null };
  toCancel: number;
}) {
  const canSubmit = b.status === 'proposed' && can(staff.role, 'batches.submit');
  const canExclude = (b.status === 'proposed' || b.status === 'submitted') && can(staff.role, 'batches.decide');
  const canDecide = b.status === 'submitted' && can(staff.role, 'batches.decide');
  const canExecute = b.status === 'approved' && can(staff.role, 'batches.execute');
  if (!canSubmit && !canExclude && !canDecide && !canExecute) return null;
  return (
    <section aria-labelledby="actions-heading" className="mt-6 space-y-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="actions-heading" className="font-semibold">
        Review
      </h2>
      {canSubmit ? <SubmitBatchForm batchId={b.id} /> : null}
      {canExclude ? <ExcludeMemberForm batchId={b.id} /> : null}
      {canDecide && b.proposerId === staff.id ? (
        <p className="text-sm text-amber-800">
          You submitted this batch, so another approver must approve or reject it (four-eyes rule).
        </p>
      ) : canDecide ? (
        <DecideBatchForms batchId={b.id} />
      ) : null}
      {canExecute ? <ExecuteBatchForm batchId={b.id} members={toCancel} /> : null}
    </section>
  );
}
