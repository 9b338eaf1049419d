'use client';
import { useEffect, useId, useState } from 'react';
import { DataTable } from '@/components/ui/data-table';
import { ScrollRegion } from '@/components/ui/scroll-region';

type CsvError = { line: number; column: string; reason: string };
type Progress = { phase: 'reading' | 'checking' | 'writing'; rows: number };
type Result = { ok: boolean; message?: string; rows?: number; errors?: CsvError[]; errorCount?: number; [k: string]: unknown };

/**
 * Uploads one CSV file to a streaming route handler (the body is the file itself, never buffered in a
 * server action) and shows either the counts or the list of problems by line and column.
 */
export function CsvUpload({
  endpoint,
  label,
  button,
  summarise,
}: {
  endpoint: string;
  label: string;
  button: string;
  summarise: (r: Result) => string;
}) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const progress = useImportProgress(importId);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = (e.currentTarget.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (!file) return setResult({ ok: false, message: 'Choose a CSV file first.' });
    const id = crypto.randomUUID();
    setBusy(true);
    setResult(null);
    setImportId(id);
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        body: file,
        headers: { 'content-type': 'text/csv', 'x-import-id': id },
      });
      const body = (await res.json().catch(() => ({ ok: false, message: `The server answered ${res.status}.` }))) as Result;
      setResult(body);
    } catch {
      setResult({ ok: false, message: 'The upload did not reach the server. Check the connection and try again.' });
    } finally {
      setBusy(false);
      setImportId(null);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        <input
          id={id}
          name="file"
          type="file"
          accept=".csv,text/csv"
          className="mt-1 block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
        />
      </div>
      <button
        type="submit"
        disabled={busy}
        aria-disabled={busy}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:cursor-wait disabled:opacity-60"
      >
        {busy ? 'Importing…' : button}
      </button>
      <div aria-live="polite">
        {busy && progress ? (
          <p role="status" className="text-sm text-slate-700">
            {describe(progress)}
          </p>
        ) : null}
        {result ? (
          <div
            role={result.ok ? 'status' : 'alert'}
            className={`rounded-md px-3 py-2 text-sm ${result.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}
          >
            {result.ok ? summarise(result) : result.message}
          </div>
        ) : null}
      </div>
      {result?.errors?.length ? (
        <ScrollRegion label="Problems in the file" className="max-h-96 overflow-auto">
          <DataTable
            label="Problems in the file"
            head="plain"
            pad="inlineDense"
            rows={result.errors}
            rowKey={(e) => `${e.line}-${e.column}`}
            rowClassName="align-top"
            columns={[
              { header: 'Line', cell: (e) => e.line, className: 'tabular-nums' },
              { header: 'Column', cell: (e) => e.column, className: 'font-mono text-xs' },
              { header: 'Problem', cell: (e) => e.reason },
            ]}
          />
          {result.errorCount && result.errorCount > result.errors.length ? (
            <p className="mt-1 text-xs text-slate-600">
              {result.errorCount - result.errors.length} more problems not listed: fix these and upload again to see them.
            </p>
          ) : null}
        </ScrollRegion>
      ) : null}
    </form>
  );
}

const PHASES = {
  reading: 'Reading the file',
  checking: 'Checking every row against the members',
  writing: 'Writing all rows in one step (all or nothing)',
} as const;

function describe(p: Progress): string {
  if (p.rows === 0) return `${PHASES[p.phase]}…`;
  return `${PHASES[p.phase]}: ${p.rows.toLocaleString()} rows${p.phase === 'reading' ? ' so far' : ''}…`;
}

/** Polls the running import's phase and row count (GET /api/import/progress) while `id` is set. */
function useImportProgress(id: string | null): Progress | null {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!id) return;
    let stopped = false;
    const poll = async () => {
      try {
        const res = await fetch(`/api/import/progress?id=${encodeURIComponent(id)}`);
        const body = (await res.json()) as { progress?: Progress | null };
        if (!stopped && body.progress) setProgress(body.progress);
      } catch {
        // The next poll tries again; the upload's own answer is what counts.
      }
    };
    const timer = setInterval(poll, 700);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id]);
  return progress;
}
