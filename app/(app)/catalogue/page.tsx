import { InviteBackButton } from '@/components/catalogue/invite-back-button';
import { PageHeader } from '@/components/shell/page-header';
import { getDb } from '@/db/client';
import { catalogueSeasons } from '@/db/next-season';
import { requirePage } from '@/lib/auth/session';
import { ATTRIBUTION_DAYS, hasEarlierSeason } from '@/lib/domain/campaigns/next-season';
import { can } from '@/lib/domain/roles';

export const metadata = { title: 'Catalogue' };

export default async function CataloguePage() {
  const staff = await requirePage('campaigns.view');
  const seasons = catalogueSeasons(getDb());
  const bySeries = new Map<string, typeof seasons>();
  for (const s of seasons) bySeries.set(s.series ?? '', [...(bySeries.get(s.series ?? '') ?? []), s]);
  const canEdit = can(staff.role, 'campaigns.edit');
  return (
    <>
      <PageHeader
        title="Catalogue"
        description={`Series and their seasons (added through POST /api/titles or the titles CSV on the Import page). For a new season, invite back the members Rekindle cancelled who watched an earlier one: this builds a draft win-back campaign to review and schedule. Members who left because they no longer watch, and those who opted out of win-back messages, are never invited. A rejoin within ${ATTRIBUTION_DAYS} days of the message counts as a next-season win-back on the overview.`}
      />
      {bySeries.size === 0 ? (
        <p className="text-sm text-slate-600">No series in the catalogue yet.</p>
      ) : (
        <div className="space-y-4">
          {[...bySeries].map(([series, list]) => (
            <section key={series} aria-label={series} className="rounded-lg border border-slate-200 bg-white p-5">
              <h2 className="text-lg font-semibold">{series}</h2>
              <ul className="mt-2 divide-y divide-slate-100">
                {list.map((t) => (
                  <li key={t.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                    <span>
                      Season {t.season} · {t.name}
                    </span>
                    {canEdit && t.season != null && hasEarlierSeason(t, list) ? (
                      <InviteBackButton titleId={t.id} series={series} season={t.season} />
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
