/** One cohort of an always-on campaign, as the Operations page lists it. */
export type CohortRow = { campaignId: number; campaign: string; day: string; enrolled: number; status: string };

/**
 * Each always-on campaign's daily cohorts. The read comes with always-on campaigns (their
 * enrolment job joins the cycle); until then the page passes none and says so.
 */
export function AlwaysOnCohorts({ cohorts }: { cohorts: CohortRow[] }) {
  return (
    <section aria-labelledby="cohorts-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="cohorts-h" className="mb-1 text-lg font-semibold">
        Always-on campaigns’ cohorts
      </h2>
      {cohorts.length === 0 ? (
        <p className="text-sm text-slate-600">No always-on campaign has enrolled a cohort.</p>
      ) : (
        <ul className="text-sm">
          {cohorts.map((c) => (
            <li key={`${c.campaignId}-${c.day}`}>
              {c.campaign}, {c.day}: {c.enrolled.toLocaleString('en')} enrolled ({c.status})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
