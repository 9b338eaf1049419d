import type { VariantDraft } from './draft';

// The next-season win-back: when a new season of a series joins the catalogue, members cancelled
// by Rekindle who watched an earlier season are invited back. Its rules, apart from the SQL.

const DAY_MS = 86_400_000;

/** A rejoin counts for a next-season message sent at most this many days before it. */
export const ATTRIBUTION_DAYS = 60;

/**
 * The leave reason "not interested" is the keep page's 'not_watching' ("I do not watch any
 * more"): a member who gave it is never invited back. The other reasons (price, too little to
 * watch, other) are what a new season may answer.
 */
export const NOT_INTERESTED_REASON = 'not_watching' as const;

/** Whether a rejoin at `rejoinedAt` is attributed to a message sent at `sentAt`: day 60 counts, day 61 does not. */
export function withinAttribution(sentAt: number, rejoinedAt: number): boolean {
  return rejoinedAt >= sentAt && rejoinedAt - sentAt <= ATTRIBUTION_DAYS * DAY_MS;
}

/** The earliest send time a rejoin at `rejoinedAt` can be attributed to. */
export const attributionSince = (rejoinedAt: number) => rejoinedAt - ATTRIBUTION_DAYS * DAY_MS;

export type Season = { id: number; name: string; series: string | null; season: number | null };

/** A season that has an earlier one in the catalogue can be the subject of a win-back. */
export function hasEarlierSeason(t: Season, catalogue: readonly Season[]): boolean {
  if (t.series == null || t.season == null) return false;
  const season = t.season;
  return catalogue.some((o) => o.series === t.series && o.season != null && o.season < season);
}

export const nextSeasonCampaignName = (series: string, season: number) => `Next season: ${series} season ${season}`;

/**
 * The draft's one variant. No keep link: its recipients are cancelled already, there is nothing to
 * keep; the message invites them to come back.
 */
export function nextSeasonVariant(series: string, season: number): VariantDraft {
  return {
    key: 'A',
    name: `${series} season ${season}`,
    splitPct: 100,
    offer: 'none',
    translations: [],
    subjectTemplate: `{{first_name}}, ${series} season ${season} is here`,
    bodyTemplate: `Hi {{first_name}},\n\nYou watched ${series}. Season ${season} has just arrived, and your account is still here for you: sign in to come back.\n\nMore for you: {{recommended_titles}}`,
  };
}

/** The keep link asks a member to keep a membership; a win-back's recipients are cancelled, so it is refused. */
export const KEEP_LINK_REFUSAL =
  'A next-season win-back goes to cancelled members, who have no membership to keep: remove {{keep_link}} from the message.';
