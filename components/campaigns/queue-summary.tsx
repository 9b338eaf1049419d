import type { QueueSummary } from '@/db/campaign-reports';
import { int } from './format';

const REASON_LABEL: Record<string, string> = {
  suppressed: 'On the suppression list',
  frequency_cap: 'Sent a last-chance message in the last 30 days',
  no_email: 'No email address (email-only campaign)',
};
const NOT_SENT_LABEL: Record<string, string> = {
  suppressed: 'Suppressed after queueing',
  cancelled_before_send: 'Cancelled before sending',
  reactivated_before_send: 'Watched again before sending',
  no_email_address: 'No email address at send time',
  address_suppressed: 'Email address bounced or complained before',
};

/** Exactly who is reached on which channel and why the others are not (from the queued rows). */
export function QueueSummaryPanel({ summary, sent = false }: { summary: QueueSummary; sent?: boolean }) {
  const excluded = Object.entries(summary.excluded);
  const excludedTotal = excluded.reduce((s, [, n]) => s + n, 0);
  const reached = summary.queuedByChannel.email + summary.queuedByChannel.in_app;
  return (
    <section aria-labelledby="queue-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="queue-h" className="text-lg font-semibold">
        {sent ? 'Who was queued' : 'Who will be reached'}
      </h2>
      <table className="mt-3 w-full max-w-xl text-sm">
        <caption className="sr-only">Recipients by channel, holdout and exclusions</caption>
        <tbody className="divide-y divide-slate-100">
          <tr>
            <th scope="row" className="py-1.5 text-left font-normal">
              By email
            </th>
            <td className="text-right font-semibold tabular-nums">{int(summary.queuedByChannel.email)}</td>
          </tr>
          <tr>
            <th scope="row" className="py-1.5 text-left font-normal">
              By in-app notice
            </th>
            <td className="text-right font-semibold tabular-nums">{int(summary.queuedByChannel.in_app)}</td>
          </tr>
          <tr className="bg-slate-50">
            <th scope="row" className="py-1.5 text-left">
              To message in total
            </th>
            <td className="text-right font-semibold tabular-nums">{int(reached)}</td>
          </tr>
          <tr>
            <th scope="row" className="py-1.5 text-left font-normal">
              Holdout (receives nothing, measured the same way)
            </th>
            <td className="text-right tabular-nums">{int(summary.holdout)}</td>
          </tr>
          {excluded.map(([reason, n]) => (
            <tr key={reason}>
              <th scope="row" className="py-1.5 text-left font-normal text-slate-600">
                Excluded: {REASON_LABEL[reason] ?? reason}
              </th>
              <td className="text-right tabular-nums text-slate-600">{int(n)}</td>
            </tr>
          ))}
          {Object.entries(summary.notSent).map(([reason, n]) => (
            <tr key={`ns-${reason}`}>
              <th scope="row" className="py-1.5 text-left font-normal text-slate-600">
                Assigned, not sent: {NOT_SENT_LABEL[reason] ?? reason}
              </th>
              <td className="text-right tabular-nums text-slate-600">{int(n)}</td>
            </tr>
          ))}
          {excluded.length === 0 ? (
            <tr>
              <th scope="row" className="py-1.5 text-left font-normal text-slate-600">
                Excluded
              </th>
              <td className="text-right tabular-nums text-slate-600">0</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-500">
        Exclusions apply before assignment, to variants and holdout alike, so both are drawn from the same reachable members (
        {int(excludedTotal)} excluded). Members assigned but not sent still count in their variant&apos;s results (intention to
        treat).
      </p>
    </section>
  );
}

/** Shown once, after scheduling: what was queued (the schedule form is gone from the page by then). */
export function ScheduledNotice({ summary, sending }: { summary: QueueSummary; sending: boolean }) {
  const messaged = summary.queuedByChannel.email + summary.queuedByChannel.in_app;
  const excluded = Object.values(summary.excluded).reduce((a, n) => a + n, 0);
  return (
    <p role="status" className="mb-6 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
      Campaign {sending ? 'queued and sending' : 'scheduled'}: {messaged.toLocaleString('en')} to message,{' '}
      {summary.holdout.toLocaleString('en')} in the holdout, {excluded.toLocaleString('en')} excluded.
    </p>
  );
}
