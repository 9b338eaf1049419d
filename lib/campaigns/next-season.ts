import { catalogueSeasons, seasonById } from '@/db/next-season';
import { countSegment } from '@/db/segments';
import type { UnitOfWork } from '@/db/unit-of-work';
import { hasEarlierSeason, nextSeasonCampaignName, nextSeasonVariant } from '@/lib/domain/campaigns/next-season';
import { EMPTY_SEGMENT } from '@/lib/domain/campaigns/segment';
import { Refusal } from '@/lib/domain/refusal';
import { createDraft } from './drafts';

/**
 * "Invite back for <series> season N": one step from a new season to a draft win-back campaign
 * (segment next_season, one variant without a keep link, email), which the CX manager reviews and
 * schedules as usual. Refused when the title is not a season with an earlier one, or when nobody
 * would be invited. Returns the draft's id.
 */
export function createNextSeasonDraft(uow: UnitOfWork, titleId: number, seed: number): number {
  const db = uow.tx.db;
  const t = seasonById(db, titleId);
  if (!t) throw new Refusal('That title is not in the catalogue.', { code: 'not_found' });
  if (t.series == null || t.season == null || !hasEarlierSeason(t, catalogueSeasons(db)))
    throw new Refusal(`"${t.name}" has no earlier season in the catalogue, so there is nobody to invite back for it.`);
  const segment = { ...EMPTY_SEGMENT, nextSeasonTitleId: t.id };
  if (countSegment(uow.tx.sqlite, segment, uow.now) === 0)
    throw new Refusal(
      `No member cancelled by Rekindle watched an earlier season of ${t.series} (among those who did not leave for not watching and accept win-back messages). Nothing was created.`,
    );
  return createDraft(
    uow,
    {
      name: nextSeasonCampaignName(t.series, t.season),
      channel: 'email',
      defaultLanguage: 'en',
      holdoutPct: 10,
      segment,
      variants: [nextSeasonVariant(t.series, t.season)],
    },
    seed,
  );
}
