import 'server-only';
import type Database from 'better-sqlite3';
import type { CatalogueTitle, RecommendationInputs, WatchedTitle } from '@/lib/domain/campaigns/recommendations';

// What a member's recommended titles are chosen from, as named statements: the sender renders each
// message inside its claim, so these reads are on the send path, like campaign-messages.sql.ts.
// Each is one index range: the member's events (both event tables are clustered by member), the
// seasons of their series (titles_series_season_uq), the country's top list (popular_titles key).

const TITLE_FIELDS = 't.id, t.name, t.kind, t.series, t.season';

const WATCHED_SQL = `SELECT ${TITLE_FIELDS}, max(v.watched_at) AS lastWatchedAt
  FROM (SELECT title_id, watched_at FROM viewing_events WHERE member_id = @memberId
        UNION ALL SELECT title_id, watched_at FROM viewing_events_recent WHERE member_id = @memberId) v
  JOIN titles t ON t.id = v.title_id
  GROUP BY t.id`;

const SEASONS_SQL = `SELECT ${TITLE_FIELDS} FROM titles t WHERE t.series = ? AND t.season > ? ORDER BY t.season LIMIT 1`;

const POPULAR_SQL = `SELECT ${TITLE_FIELDS} FROM popular_titles p JOIN titles t ON t.id = p.title_id
  WHERE p.country = ? ORDER BY p.rank`;

/** The three statements, for the bench to run bare beside recommendationsFor. */
export const RECOMMENDATION_SQL = { watched: WATCHED_SQL, seasons: SEASONS_SQL, popular: POPULAR_SQL };

type Statements = { watched: Database.Statement; seasons: Database.Statement; popular: Database.Statement };
const prepared = new WeakMap<Database.Database, Statements>();

function statements(sqlite: Database.Database): Statements {
  let s = prepared.get(sqlite);
  if (!s) {
    s = { watched: sqlite.prepare(WATCHED_SQL), seasons: sqlite.prepare(SEASONS_SQL), popular: sqlite.prepare(POPULAR_SQL) };
    prepared.set(sqlite, s);
  }
  return s;
}

/** The member's watched titles, the next catalogue season of each series they watched, and the country's list. */
export function recommendationInputsSql(sqlite: Database.Database, memberId: number, country: string): RecommendationInputs {
  const s = statements(sqlite);
  const watched = s.watched.all({ memberId }) as WatchedTitle[];
  const highest = new Map<string, number>();
  for (const t of watched)
    if (t.series != null && t.season != null) highest.set(t.series, Math.max(highest.get(t.series) ?? 0, t.season));
  const seriesSeasons: CatalogueTitle[] = [];
  for (const [series, season] of highest) {
    const next = s.seasons.get(series, season) as CatalogueTitle | undefined;
    if (next) seriesSeasons.push(next);
  }
  return { watched, seriesSeasons, popular: s.popular.all(country) as CatalogueTitle[] };
}
