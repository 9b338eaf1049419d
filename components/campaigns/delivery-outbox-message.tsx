import type { OutboxMessage } from '@/db/delivery-reads';
import { CHANNEL_LABEL, formatUtc, RECIPIENT_STATUS_LABEL } from '@/lib/domain/delivery/format';
import { languageName } from '@/lib/domain/members/language';

const BADGE: Record<string, string> = {
  sent: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  failed: 'bg-red-50 text-red-800 ring-red-200',
  sending: 'bg-amber-50 text-amber-800 ring-amber-200',
  queued: 'bg-slate-50 text-slate-700 ring-slate-200',
  excluded: 'bg-slate-50 text-slate-700 ring-slate-200',
};

/** One rendered message. The HTML part is shown in a sandboxed frame: no scripts, no navigation. */
export function OutboxMessageCard({ message: m }: { message: OutboxMessage }) {
  const to = m.channel === 'email' ? (m.to ?? '(address erased)') : `in-app notice for ${m.accountId}`;
  return (
    <article aria-label={`Message to ${to}`} className="rounded-lg border border-slate-200 bg-white p-5">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="truncate text-base font-semibold">{m.subject}</h2>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm text-slate-600">
            <dt>To</dt>
            <dd className="break-all">{to}</dd>
            <dt>Account</dt>
            <dd className="font-mono text-xs leading-5">{m.accountId}</dd>
            <dt>Channel</dt>
            <dd>{CHANNEL_LABEL[m.channel] ?? m.channel}</dd>
            <dt>Language</dt>
            <dd>{m.language ? `${languageName(m.language)} (${m.language})` : 'not recorded'}</dd>
            <dt>Rendered</dt>
            <dd>{formatUtc(m.createdAt)}</dd>
            <dt>Delivered</dt>
            <dd>{m.deliveredAt ? formatUtc(m.deliveredAt) : 'not yet'}</dd>
            {m.serverResponse ? (
              <>
                <dt>Server reply</dt>
                <dd className="break-words">{m.serverResponse}</dd>
              </>
            ) : null}
          </dl>
        </div>
        <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ${BADGE[m.status] ?? BADGE.queued}`}>
          {RECIPIENT_STATUS_LABEL[m.status] ?? m.status}
        </span>
      </header>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium text-brand-700">Show the message</summary>
        <div className="mt-3 grid gap-4 lg:grid-cols-2">
          <section aria-label="HTML part">
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">HTML</h3>
            <iframe
              title={`HTML part of the message to ${to}`}
              sandbox=""
              srcDoc={m.html}
              className="h-64 w-full rounded border border-slate-200 bg-white"
            />
          </section>
          <section aria-label="Text part">
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Plain text</h3>
            <pre className="h-64 overflow-auto whitespace-pre-wrap rounded border border-slate-200 bg-slate-50 p-3 text-sm">
              {m.text}
            </pre>
          </section>
        </div>
      </details>
    </article>
  );
}
