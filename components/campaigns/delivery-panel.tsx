import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import type { DeliveryPanelData } from '@/db/delivery-reads';
import type { SessionStaff } from '@/lib/auth/session';
import { CHANNEL_LABEL, count, deliveryRowLabel } from '@/lib/domain/delivery/format';
import { can } from '@/lib/domain/roles';
import { config } from '@/lib/runtime/config';
import { PauseResumeButton, RetryFailedForm } from './delivery-controls';
import { DeliveryRefresh } from './delivery-refresh';

const STATUS_TEXT: Record<string, string> = {
  draft: 'Not sent yet: delivery starts when the campaign is sent.',
  scheduled: 'Scheduled: delivery starts at the send time.',
  sending: 'Sending now.',
  paused: 'Paused: nobody else is contacted until sending is resumed.',
  awaiting_responses: 'Every message has been handed over; waiting for responses until the deadline.',
  closed: 'Closed.',
  cancelled: 'Cancelled: nobody was messaged.',
};

/**
 * Send progress, per-channel counts, failures with the server's reasons, pause/resume and retry.
 * The page reads `delivery` (db/delivery-reads.ts deliveryPanel) and passes it in.
 */
export function DeliveryPanel({
  campaignId,
  delivery,
  staff,
}: {
  campaignId: number;
  delivery: DeliveryPanelData;
  staff: SessionStaff;
}) {
  const { counts: d, failed, notReached } = delivery;
  if (!d.campaign) return null;
  const status = d.campaign.status;
  const totals = d.byChannel.reduce(
    (t, c) => ({
      queued: t.queued + c.queued,
      sending: t.sending + c.sending,
      sent: t.sent + c.sent,
      notReached: t.notReached + c.notReached,
      failed: t.failed + c.failed,
      excluded: t.excluded + c.excluded,
      total: t.total + c.total,
    }),
    { queued: 0, sending: 0, sent: 0, notReached: 0, failed: 0, excluded: 0, total: 0 },
  );
  const done = totals.sent + totals.failed + totals.excluded;
  const pct = totals.total ? Math.floor((done / totals.total) * 100) : 0;
  const canEdit = can(staff.role, 'campaigns.edit');
  const started = !['draft', 'scheduled', 'cancelled'].includes(status);
  const smtp = config().SMTP_URL.trim() !== '';

  return (
    <section aria-labelledby="delivery-heading" className="rounded-lg border border-slate-200 bg-white p-6">
      {status === 'sending' ? <DeliveryRefresh /> : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id="delivery-heading" className="text-lg font-semibold">
            Delivery
          </h2>
          <p className="mt-1 text-sm text-slate-600">{STATUS_TEXT[status] ?? status}</p>
          <p className="mt-1 text-xs text-slate-500">
            Email goes to {smtp ? 'the configured SMTP server' : 'the outbox (no SMTP server configured)'}; in-app notices count
            as sent when the streaming app acknowledges them.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {canEdit && (status === 'sending' || status === 'paused') ? (
            <PauseResumeButton campaignId={campaignId} status={status} />
          ) : null}
          {started && can(staff.role, 'members.view') ? (
            <Link href={`/campaigns/${campaignId}/outbox`} className="text-sm font-medium text-brand-700 underline">
              Open the outbox
            </Link>
          ) : null}
        </div>
      </div>

      {totals.total > 0 ? (
        <>
          <div className="mt-5">
            <div className="flex justify-between text-sm">
              <span id="delivery-progress-label" className="font-medium">
                Delivery progress
              </span>
              <span>
                {count(done)} of {count(totals.total)} recipients handled ({pct}%)
              </span>
            </div>
            <div
              role="progressbar"
              aria-labelledby="delivery-progress-label"
              aria-valuemin={0}
              aria-valuemax={totals.total}
              aria-valuenow={done}
              aria-valuetext={`${done} of ${totals.total} handled: ${totals.sent} sent, ${totals.failed} failed, ${totals.excluded} excluded`}
              className="mt-2 flex h-3 w-full overflow-hidden rounded-full bg-slate-100"
            >
              <div className="bg-emerald-500" style={{ width: `${(totals.sent / totals.total) * 100}%` }} />
              <div className="bg-red-500" style={{ width: `${(totals.failed / totals.total) * 100}%` }} />
              <div className="bg-slate-400" style={{ width: `${(totals.excluded / totals.total) * 100}%` }} />
            </div>
            <p className="mt-1 flex flex-wrap gap-4 text-xs text-slate-600">
              <span>
                <span aria-hidden className="mr-1 inline-block h-2 w-2 rounded-full bg-emerald-500" />
                sent
              </span>
              <span>
                <span aria-hidden className="mr-1 inline-block h-2 w-2 rounded-full bg-red-500" />
                failed
              </span>
              <span>
                <span aria-hidden className="mr-1 inline-block h-2 w-2 rounded-full bg-slate-400" />
                excluded at send time
              </span>
              <span>
                <span aria-hidden className="mr-1 inline-block h-2 w-2 rounded-full bg-slate-100 ring-1 ring-slate-300" />
                still to go
              </span>
            </p>
          </div>

          <DataTable
            caption="Recipients by channel and delivery status (holdout not included)"
            className="mt-5"
            head="muted"
            pad="inline"
            rows={d.byChannel}
            rowKey={(c) => `${c.channel}:${c.excludedReason ?? ''}`}
            columns={[
              {
                header: 'Channel',
                rowHeader: true,
                className: 'font-medium',
                cell: (c) => deliveryRowLabel(c.channel, c.excludedReason),
              },
              { header: 'Queued', numeric: true, cell: (c) => count(c.queued) },
              {
                header: 'In flight',
                numeric: true,
                cell: (c) => (
                  <>
                    {count(c.sending)}
                    {c.channel === 'in_app' && c.sending ? (
                      <span className="block text-xs text-slate-500">awaiting app</span>
                    ) : null}
                  </>
                ),
              },
              { header: 'Sent', numeric: true, cell: (c) => count(c.sent) },
              {
                header: 'Not reached',
                numeric: true,
                cell: (c) => count(c.notReached),
                className: (c) => (c.notReached ? 'font-semibold text-amber-800' : undefined),
              },
              {
                header: 'Failed',
                numeric: true,
                cell: (c) => count(c.failed),
                className: (c) => (c.failed ? 'font-semibold text-red-700' : undefined),
              },
              { header: 'Excluded', numeric: true, cell: (c) => count(c.excluded) },
              { header: 'Total', numeric: true, cell: (c) => count(c.total) },
            ]}
          />
          <p className="mt-2 text-xs text-slate-500">
            Excluded includes members left out at queueing and members found suppressed, cancelled or watching again at send time.
            Holdout members are not messaged and are not counted here.
          </p>
          <p className="mt-1 text-xs text-slate-500">
            <strong>Sent</strong>: the channel accepted the message (SMTP 2xx, or the in-app notice acknowledged).{' '}
            <strong>Not reached</strong>: sent, but the email bounced or drew a spam complaint afterwards (counted within sent). A
            member counts as <strong>reached</strong> (asked) only when a channel delivered and did not bounce; a member never
            reached is never proposed for cancellation.
          </p>
        </>
      ) : null}

      {failed.length ? (
        <div className="mt-6">
          <h3 className="text-base font-semibold text-red-800">
            Failed messages ({count(totals.failed)}
            {d.interrupted ? `, of which ${count(d.interrupted)} interrupted` : ''})
          </h3>
          <DataTable
            caption="Failed recipients with the server's reason"
            className="mt-2"
            head="muted"
            pad="inline"
            rows={failed}
            rowKey={(f) => f.id}
            rowClassName="align-top"
            columns={[
              { header: 'Account', cell: (f) => f.accountId, className: 'font-mono text-xs' },
              { header: 'Channel', cell: (f) => CHANNEL_LABEL[f.channel] ?? f.channel },
              { header: 'Attempts', numeric: true, cell: (f) => f.attempts },
              { header: 'Reason', cell: (f) => f.reason, className: 'break-words' },
            ]}
          />
          {totals.failed > failed.length ? (
            <p className="mt-1 text-xs text-slate-500">Showing the first {failed.length}; the outbox lists every message.</p>
          ) : null}
        </div>
      ) : null}
      {notReached.length ? (
        <div className="mt-6">
          <h3 className="text-base font-semibold text-amber-900">Not reached ({count(totals.notReached)})</h3>
          <DataTable
            caption="Recipients whose email bounced after it was sent, with the reason"
            className="mt-2"
            head="muted"
            pad="inline"
            rows={notReached}
            rowKey={(f) => f.id}
            rowClassName="align-top"
            columns={[
              { header: 'Account', cell: (f) => f.accountId, className: 'font-mono text-xs' },
              { header: 'Reason', cell: (f) => f.reason, className: 'break-words' },
              {
                header: 'Now',
                cell: (f) => (f.inAppOffered ? 'Offered in-app, not acknowledged yet' : 'No other channel'),
              },
            ]}
          />
          {totals.notReached > notReached.length ? (
            <p className="mt-1 text-xs text-slate-500">Showing the first {notReached.length}.</p>
          ) : null}
        </div>
      ) : null}
      {/* Always mounted while retrying is possible, so its confirmation survives the list emptying. */}
      {canEdit && ['sending', 'paused', 'awaiting_responses'].includes(status) ? (
        <RetryFailedForm campaignId={campaignId} failed={totals.failed} interrupted={d.interrupted} />
      ) : null}
    </section>
  );
}
