import { languageName } from '@/lib/domain/members/language';

export type LanguageCoverageRow = { language: string; n: number; fallsBackIn: string[] };

/**
 * Before scheduling: the segment's reachable members per language, and which of those languages
 * some variant would send in the default language instead. A warning, not a refusal: sending
 * English to a few members may be the right call.
 */
export function LanguageCoverage({ rows, defaultLanguage }: { rows: LanguageCoverageRow[]; defaultLanguage: string }) {
  const falling = rows.filter((r) => r.fallsBackIn.length);
  const fallingMembers = falling.reduce((s, r) => s + r.n, 0);
  const def = languageName(defaultLanguage);
  return (
    <section aria-labelledby="lang-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="lang-h" className="text-lg font-semibold">
        Recipients by language
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Reachable members of the saved segment by their language, and the text each variant sends them.
      </p>
      {falling.length ? (
        <p role="alert" className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {fallingMembers.toLocaleString('en')} member{fallingMembers === 1 ? '' : 's'} in{' '}
          {falling.map((r) => languageName(r.language)).join(', ')} will get the {def} text in at least one variant: no
          translation in their language. Add one, or schedule anyway.
        </p>
      ) : null}
      {rows.length ? (
        <table className="mt-3 w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">
                Language
              </th>
              <th scope="col" className="py-1 pr-4 text-right font-medium">
                Recipients
              </th>
              <th scope="col" className="py-1 font-medium">
                Written in their language
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.language} className="border-t border-slate-100">
                <th scope="row" className="py-1 pr-4 font-normal">
                  {languageName(r.language)} <span className="text-slate-500">({r.language})</span>
                </th>
                <td className="py-1 pr-4 text-right tabular-nums">{r.n.toLocaleString('en')}</td>
                <td className="py-1">
                  {r.fallsBackIn.length ? (
                    <span className="text-amber-800">
                      Falls back to {def} in variant{r.fallsBackIn.length > 1 ? 's' : ''} {r.fallsBackIn.join(', ')}
                    </span>
                  ) : (
                    'Yes, in every variant'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mt-2 text-sm text-slate-600">No reachable member in this segment.</p>
      )}
    </section>
  );
}
