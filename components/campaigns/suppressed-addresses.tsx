import { DataTable } from '@/components/ui/data-table';
import type { SuppressedAddress } from '@/db/bounces';
import { count, formatUtc } from '@/lib/domain/delivery/format';

const SOURCE: Record<string, string> = {
  api: 'Bounce API',
  ses: 'Amazon SES',
  postmark: 'Postmark',
  smtp: 'Bounce message (DSN)',
};

/** Email addresses no campaign email goes to again after a hard bounce or complaint, with the reason. */
export function SuppressedAddresses({ rows, total }: { rows: SuppressedAddress[]; total: number }) {
  return (
    <section aria-labelledby="suppressed-addresses" className="mt-8 rounded-lg border border-slate-200 bg-white">
      <div className="border-b border-slate-200 p-4">
        <h2 id="suppressed-addresses" className="text-lg font-semibold">
          {count(total)} email address{total === 1 ? '' : 'es'} suppressed after a bounce or complaint
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          No campaign email goes to these addresses again (the sender excludes them at send time); the members can still be
          messaged in-app. A member whose email bounced counts as not reached and is never proposed for cancellation.
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="p-6 text-center text-slate-600">No address has bounced or complained.</p>
      ) : (
        <DataTable
          pad="roomy"
          rows={rows}
          rowKey={(r) => r.address}
          rowClassName="align-top"
          columns={[
            { header: 'Address', cell: (r) => r.address, className: 'font-mono text-xs leading-5 break-all' },
            { header: 'Reason', cell: (r) => r.reason, className: 'break-words' },
            { header: 'Reported by', cell: (r) => SOURCE[r.source] ?? r.source },
            { header: 'Added', cell: (r) => formatUtc(r.addedAt), className: 'whitespace-nowrap' },
          ]}
        />
      )}
      {total > rows.length ? <p className="p-4 text-xs text-slate-500">Showing the newest {rows.length}.</p> : null}
    </section>
  );
}
