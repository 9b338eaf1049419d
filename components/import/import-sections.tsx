'use client';
import { CsvUpload } from './csv-upload';

const n = (v: unknown) => Number(v ?? 0).toLocaleString('en');

/** The two uploads of the Import page (client side: the result messages are built from the JSON). */
export function ImportSections() {
  return (
    <div className="space-y-8">
      <section aria-labelledby="events-h" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="events-h" className="text-lg font-semibold">
          Viewing events
        </h2>
        <p className="mb-3 mt-1 text-sm text-slate-600">
          Columns: <code>account_id, title, watched_at, seconds</code> — <code>watched_at</code> in ISO 8601 with a zone (e.g.{' '}
          <code>2025-05-01T20:15:00Z</code>). The same event twice counts once. If any row is wrong, nothing is imported and each
          problem is listed by line.
        </p>
        <CsvUpload
          endpoint="/api/import/events"
          label="Viewing events CSV"
          button="Import events"
          summarise={(r) =>
            `Imported ${n(r.rows)} rows: ${n(r.inserted)} new events, ${n(r.duplicates)} already known. ${n(r.membersBroughtBack)} member${r.membersBroughtBack === 1 ? '' : 's'} brought back to active.`
          }
        />
      </section>
      <section aria-labelledby="members-h" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="members-h" className="text-lg font-semibold">
          Members
        </h2>
        <p className="mb-3 mt-1 text-sm text-slate-600">
          Columns: <code>account_id, email, display_name, country, plan, price_minor, currency, joined_at</code>, and optionally{' '}
          <code>language</code> — country ISO 3166 alpha-2, price in minor units (cents), currency ISO 4217, language a BCP 47 tag
          (e.g. fr, pt-BR; left out or empty, it is the country's language). Adds new members only: an account id that already
          exists is refused. All or nothing.
        </p>
        <CsvUpload
          endpoint="/api/import/members"
          label="Members CSV"
          button="Import members"
          summarise={(r) =>
            `Imported ${n(r.inserted)} new members (${n(r.dormant)} of them already dormant under the current policy).`
          }
        />
      </section>
    </div>
  );
}
