import Link from 'next/link';
import type { PreviewSample } from '@/lib/delivery/message';
import { languageName } from '@/lib/domain/members/language';

/** The message as real sample members of the segment would get it (escaped HTML, placeholder keep link). */
export function MessagePreview({ samples, current, basePath }: { samples: PreviewSample[]; current: number; basePath: string }) {
  const sample = samples[current];
  return (
    <section aria-labelledby="preview-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="preview-h" className="text-lg font-semibold">
        Preview
      </h2>
      {!sample ? (
        <p className="mt-2 text-sm text-slate-600">No member of this segment to preview with.</p>
      ) : (
        <>
          <nav aria-label="Sample members" className="mt-2 flex flex-wrap gap-2 text-sm">
            {samples.map((s, i) => (
              <Link
                key={s.memberId}
                href={`${basePath}?sample=${i + 1}#preview-h`}
                aria-current={i === current ? 'true' : undefined}
                className={`rounded-md border px-3 py-1 ${i === current ? 'border-brand-600 bg-brand-50 font-semibold' : 'border-slate-300'}`}
              >
                Sample {i + 1} · {languageName(s.language)}
              </Link>
            ))}
          </nav>
          <p className="mt-2 text-sm text-slate-600">{sample.label}</p>
          <div className="mt-3 grid gap-4 lg:grid-cols-2">
            {sample.messages.map((m) => (
              <article
                key={`${sample.memberId}-${m.variantKey}`} // a new frame per sample: Chromium may not repaint a changed srcdoc
                aria-label={`Preview of variant ${m.variantKey}`}
                className="rounded-md border border-slate-200"
              >
                <header className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm">
                  <p className="text-xs text-slate-500">
                    Variant {m.variantKey}: {m.variantName} · in {languageName(m.language)}
                    {m.fellBack ? ' (no translation in the member’s language: default text)' : ''}
                  </p>
                  <p className="font-semibold">Subject: {m.subject}</p>
                </header>
                {/* renderHtml escapes every value and the template text; the sandboxed frame (no scripts) is a second wall. */}
                <iframe
                  title={`Message body, variant ${m.variantKey}`}
                  sandbox=""
                  srcDoc={m.html}
                  className="h-72 w-full bg-white"
                />
              </article>
            ))}
          </div>
          <p className="mt-2 text-xs text-slate-500">
            The keep link in a preview is a placeholder; real links are signed per recipient.
          </p>
        </>
      )}
    </section>
  );
}
