import 'server-only';
import type Database from 'better-sqlite3';
import type { MessageMember, Offer } from '@/lib/domain/campaigns/message-vars';

// What a campaign message is rendered from, as named statements: the sender renders one message per
// recipient inside its claim, so this read is on the send path. Built through Drizzle's query
// builder, rendering one message took 5.3 ms against 0.6 ms with this SQL prepared directly (2-core
// machine at load average 11), and bench/smtp-throughput.ts fell from 285 to 86 messages/s. The
// seeded history (db/seed) and the preview use the same member fields: one definition of them.

const MEMBER_FIELDS = `m.display_name AS displayName, m.language, m.plan, m.price_minor AS priceMinor, m.currency,
  m.joined_at AS joinedAt, m.last_viewed_at AS lastViewedAt, t.name AS lastTitle,
  coalesce((SELECT pt.name FROM popular_titles p JOIN titles pt ON pt.id = p.title_id
      WHERE p.country = m.country ORDER BY p.rank LIMIT 1),
    (SELECT pt.name FROM popular_titles p JOIN titles pt ON pt.id = p.title_id ORDER BY p.rank, p.country LIMIT 1)) AS popularTitle`;

/** SELECT list + joins for the template fields of a member aliased `m`. */
export const MESSAGE_MEMBER_SQL = { fields: MEMBER_FIELDS, join: 'LEFT JOIN titles t ON t.id = m.last_title_id' };

export type MessageRecipient = MessageMember & {
  email: string | null;
  channel: 'email' | 'in_app' | 'none';
  status: string;
  variantId: number | null;
  offer: Offer | null;
  subjectTemplate: string | null;
  bodyTemplate: string | null;
  deadlineAt: number | null;
  defaultLanguage: string;
};

export type VariantTranslation = { language: string; subjectTemplate: string; bodyTemplate: string };

/** One recipient with everything its message needs (template fields, variant, deadline), or undefined. */
export function messageRecipientSql(sqlite: Database.Database, campaignMemberId: number): MessageRecipient | undefined {
  return sqlite
    .prepare(
      `SELECT ${MEMBER_FIELDS}, m.email, cm.channel, cm.status, cm.variant_id AS variantId,
         v.offer, v.subject_template AS subjectTemplate, v.body_template AS bodyTemplate, c.deadline_at AS deadlineAt,
         c.default_language AS defaultLanguage
       FROM campaign_members cm
       JOIN members m ON m.id = cm.member_id
       JOIN campaigns c ON c.id = cm.campaign_id
       LEFT JOIN campaign_variants v ON v.id = cm.variant_id
       ${MESSAGE_MEMBER_SQL.join}
       WHERE cm.id = ?`,
    )
    .get(campaignMemberId) as MessageRecipient | undefined;
}

/** A variant's translations (a handful of rows, by primary key). */
export function variantTranslationsSql(sqlite: Database.Database, variantId: number): VariantTranslation[] {
  return sqlite
    .prepare(
      `SELECT language, subject_template AS subjectTemplate, body_template AS bodyTemplate
       FROM campaign_variant_translations WHERE variant_id = ? ORDER BY language`,
    )
    .all(variantId) as VariantTranslation[];
}

export type MessageMemberRow = MessageMember & { id: number; country: string };

/** The template fields of the given members (a preview's samples), by id. */
export function messageMembersSql(sqlite: Database.Database, memberIds: readonly number[]): MessageMemberRow[] {
  if (!memberIds.length) return [];
  return sqlite
    .prepare(
      `SELECT m.id, m.country, ${MEMBER_FIELDS} FROM members m ${MESSAGE_MEMBER_SQL.join}
       WHERE m.id IN (${memberIds.map(() => '?').join(', ')}) ORDER BY m.id`,
    )
    .all(...memberIds) as MessageMemberRow[];
}
