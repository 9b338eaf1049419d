import 'server-only';

// The template fields of a member aliased `m`, as SQL for the seeder's bulk history (db/seed):
// the same fields db/campaign-messages.ts reads through Drizzle for one recipient or a preview.

const MEMBER_FIELDS = `m.display_name AS displayName, m.plan, m.price_minor AS priceMinor, m.currency,
  m.joined_at AS joinedAt, m.last_viewed_at AS lastViewedAt, t.name AS lastTitle,
  coalesce((SELECT pt.name FROM popular_titles p JOIN titles pt ON pt.id = p.title_id
      WHERE p.country = m.country ORDER BY p.rank LIMIT 1),
    (SELECT pt.name FROM popular_titles p JOIN titles pt ON pt.id = p.title_id ORDER BY p.rank, p.country LIMIT 1)) AS popularTitle`;

/** SELECT list + joins for the template fields of a member aliased `m`. */
export const MESSAGE_MEMBER_SQL = { fields: MEMBER_FIELDS, join: 'LEFT JOIN titles t ON t.id = m.last_title_id' };
