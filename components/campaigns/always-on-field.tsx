/** The choice of a new campaign: one-off, or always on (a dated cohort enrolled each day). */
export function AlwaysOnField() {
  return (
    <section aria-labelledby="always-on-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="always-on-h" className="text-lg font-semibold">
        3. One-off or always on
      </h2>
      <label className="mt-3 flex items-start gap-2 text-sm">
        <input type="checkbox" name="alwaysOn" className="mt-1" aria-describedby="always-on-help" />
        <span className="font-medium">Always on: enrol each day&apos;s newly matching members as a dated cohort</span>
      </label>
      <p id="always-on-help" className="mt-1 text-xs text-slate-600">
        Each cohort uses this segment, these variants and holdout share, gets its own holdout draw, its own response deadline
        (send start + the policy&apos;s response window) and its own proposed batch after it. Members already in a running
        campaign or cohort, suppressed, or messaged in the last 30 days are not enrolled.
      </p>
    </section>
  );
}
