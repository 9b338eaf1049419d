import Link from 'next/link';
import { DATE_CELL, DataTable } from '@/components/ui/data-table';
import type { AuditLine, AuditRow, AuditSummary } from '@/lib/domain/audit-summary';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
const minuteOf = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const n = (v: number) => v.toLocaleString('en-GB');

function Change({ before, after }: { before: string | null; after: string | null }) {
  if (!before && !after) return <span className="text-slate-400">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-brand-700">Details</summary>
      {before ? <pre className="mt-1 whitespace-pre-wrap break-all text-xs text-slate-600">before: {before}</pre> : null}
      {after ? <pre className="mt-1 whitespace-pre-wrap break-all text-xs text-slate-800">after: {after}</pre> : null}
    </details>
  );
}

function SummaryChange({ s, eachHref }: { s: AuditSummary; eachHref: string }) {
  const totals = Object.entries(s.totals);
  return (
    <span className="text-sm">
      {n(s.count)} entries summarised{totals.length ? `: ${totals.map(([k, v]) => `${k} ${n(v)}`).join(', ')}` : ''}.{' '}
      <Link href={eachHref} className="text-brand-700 underline">
        Show each
      </Link>
    </span>
  );
}

type Shown = { key: string; at: string; actor: string; action: string; entity: string; change: React.ReactNode };

function shown(line: AuditLine, eachHref: (s: AuditSummary) => string): Shown {
  if (line.kind === 'summary') {
    const s = line.summary;
    return {
      key: `s${s.newestId}`,
      at: `${minuteOf.format(s.minute)} (one minute)`,
      actor: s.actorLabel,
      action: `${s.action} × ${n(s.count)}`,
      entity: s.entityType,
      change: <SummaryChange s={s} eachHref={eachHref(s)} />,
    };
  }
  const r: AuditRow = line.row;
  return {
    key: `e${r.id}`,
    at: when.format(r.at),
    actor: r.actorLabel,
    action: r.action,
    entity: `${r.entityType}${r.entityId ? ` #${r.entityId}` : ''}`,
    change: <Change before={r.before} after={r.after} />,
  };
}

export function AuditTable({ lines, eachHref }: { lines: AuditLine[]; eachHref: (s: AuditSummary) => string }) {
  if (lines.length === 0)
    return <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-slate-600">No audit entries match.</p>;
  return (
    <DataTable
      caption="Audit entries, newest first"
      frame="card"
      rows={lines.map((l) => shown(l, eachHref))}
      rowKey={(r) => r.key}
      rowClassName="align-top"
      columns={[
        { header: 'When (UTC)', cell: (r) => r.at, className: DATE_CELL },
        { header: 'Actor', cell: (r) => r.actor },
        { header: 'Action', cell: (r) => r.action, className: 'font-mono text-xs' },
        { header: 'Entity', cell: (r) => r.entity },
        { header: 'Change', cell: (r) => r.change, className: 'max-w-md' },
      ]}
    />
  );
}
