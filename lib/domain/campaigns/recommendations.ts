// Titles chosen for one member (the `{{recommended_titles}}` template variable). Pure, so the
// preview, the sent message and the tests choose exactly the same titles.
//
// Order of choice, up to RECOMMENDATION_LIMIT, never a title the member has watched:
// 1. the next season of each series the member watched, most recently watched series first
//    (the lowest season above the highest one they watched that the catalogue holds);
// 2. titles popular in the member's country in the kinds they watched most (kinds by number of
//    titles watched, ties broken by the most recent view), in the country's rank order;
// 3. other titles popular in the country, in rank order.

export const RECOMMENDATION_LIMIT = 3;

export type CatalogueTitle = {
  id: number;
  name: string;
  kind: string;
  series: string | null;
  season: number | null;
};

/** A title the member watched, with their latest view of it. */
export type WatchedTitle = CatalogueTitle & { lastWatchedAt: number };

export type RecommendationInputs = {
  watched: readonly WatchedTitle[];
  /** Catalogue seasons of the series the member watched (any season; watched ones are skipped). */
  seriesSeasons: readonly CatalogueTitle[];
  /** The member's country's popular titles, best rank first. */
  popular: readonly CatalogueTitle[];
};

export type Recommendation = { title: CatalogueTitle; because: string };

export function chooseRecommendations(inputs: RecommendationInputs): Recommendation[] {
  const watchedIds = new Set(inputs.watched.map((t) => t.id));
  const chosen: Recommendation[] = [];
  const take = (title: CatalogueTitle, because: string) => {
    if (chosen.length >= RECOMMENDATION_LIMIT || watchedIds.has(title.id) || chosen.some((c) => c.title.id === title.id)) return;
    chosen.push({ title, because });
  };

  // 1. Next seasons: for each series, its highest watched season and the view that made it latest.
  const bySeries = new Map<string, { season: number; watched: WatchedTitle; lastAt: number }>();
  for (const t of inputs.watched) {
    if (t.series == null || t.season == null) continue;
    const cur = bySeries.get(t.series);
    const lastAt = Math.max(cur?.lastAt ?? 0, t.lastWatchedAt);
    if (!cur || t.season > cur.season) bySeries.set(t.series, { season: t.season, watched: t, lastAt });
    else cur.lastAt = lastAt;
  }
  const series = [...bySeries.entries()].sort((a, b) => b[1].lastAt - a[1].lastAt || a[0].localeCompare(b[0]));
  for (const [name, { season, watched }] of series) {
    const next = inputs.seriesSeasons
      .filter((t) => t.series === name && t.season != null && t.season > season)
      .sort((a, b) => (a.season ?? 0) - (b.season ?? 0))[0];
    if (next) take(next, watched.name);
  }

  // 2. Popular in the country, in the kinds watched most.
  const kinds = new Map<string, { n: number; latest: WatchedTitle }>();
  for (const t of inputs.watched) {
    const k = kinds.get(t.kind);
    if (!k) kinds.set(t.kind, { n: 1, latest: t });
    else {
      k.n += 1;
      if (t.lastWatchedAt > k.latest.lastWatchedAt) k.latest = t;
    }
  }
  const kindOrder = [...kinds.entries()].sort(
    (a, b) => b[1].n - a[1].n || b[1].latest.lastWatchedAt - a[1].latest.lastWatchedAt || a[0].localeCompare(b[0]),
  );
  for (const [kind, { latest }] of kindOrder) for (const t of inputs.popular) if (t.kind === kind) take(t, latest.name);

  // 3. Anything else popular in the country.
  for (const t of inputs.popular) take(t, '');
  return chosen;
}

/**
 * The variable's text: one title per line, then a "Because you watched …" line naming what led to
 * the first choice (absent when nothing the member watched did). Empty when nothing can be chosen.
 */
export function recommendationText(chosen: readonly Recommendation[]): string {
  if (!chosen.length) return '';
  const lines = chosen.map((c) => `• ${c.title.name}`);
  const because = chosen.find((c) => c.because)?.because;
  if (because) lines.push(`Because you watched ${because}.`);
  return lines.join('\n');
}
