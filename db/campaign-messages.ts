import type Database from 'better-sqlite3';
import { type MessageMember, messageVars, type Offer } from '@/lib/domain/campaigns/message-vars';
import { renderHtml, renderText } from '@/lib/domain/campaigns/template';
import { signKeepToken } from '@/lib/keep/keep-token';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';

// The contract with delivery: the rendered message for one recipient (campaign_members.id).
// Delivery stores it in `messages` before calling SMTP, so what was sent is what was rendered.

export type BuiltMessage = {
  to: string | null; // null for in-app notices, or when the address was erased
  subject: string;
  html: string;
  text: string;
  channel: 'email' | 'in_app';
};

type Row = MessageMember & {
  email: string | null;
  channel: 'email' | 'in_app' | 'none';
  status: string;
  variantId: number | null;
  offer: Offer | null;
  subjectTemplate: string | null;
  bodyTemplate: string | null;
  deadlineAt: number | null;
};

const MEMBER_FIELDS = `m.display_name AS displayName, m.plan, m.price_minor AS priceMinor, m.currency,
  m.joined_at AS joinedAt, m.last_viewed_at AS lastViewedAt, t.name AS lastTitle,
  coalesce((SELECT pt.name FROM popular_titles p JOIN titles pt ON pt.id = p.title_id
      WHERE p.country = m.country ORDER BY p.rank LIMIT 1),
    (SELECT pt.name FROM popular_titles p JOIN titles pt ON pt.id = p.title_id ORDER BY p.rank, p.country LIMIT 1)) AS popularTitle`;

/** SELECT list + joins for the template fields of a member aliased `m` (shared with preview). */
export const MESSAGE_MEMBER_SQL = { fields: MEMBER_FIELDS, join: 'LEFT JOIN titles t ON t.id = m.last_title_id' };

export function keepLinkFor(campaignMemberId: number, expiresAt: number): string {
  const c = config();
  return `${c.PUBLIC_BASE_URL.replace(/\/$/, '')}/keep/${signKeepToken(campaignMemberId, expiresAt, c.KEEP_LINK_SECRET)}`;
}

/** Subjects are one header line: no line breaks, whatever a name or template holds. */
export function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').trim();
}

export function wrapHtml(bodyHtml: string): string {
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${bodyHtml}</body></html>`;
}

/**
 * Renders the message for one recipient. Throws for a holdout or excluded member (they get
 * nothing) and for a campaign without a deadline (the keep link must expire).
 */
export function buildMessageFor(sqlite: Database.Database, campaignMemberId: number, at: number = now()) {
  const row = sqlite
    .prepare(
      `SELECT ${MEMBER_FIELDS}, m.email, cm.channel, cm.status, cm.variant_id AS variantId,
         v.offer, v.subject_template AS subjectTemplate, v.body_template AS bodyTemplate, c.deadline_at AS deadlineAt
       FROM campaign_members cm
       JOIN members m ON m.id = cm.member_id
       JOIN campaigns c ON c.id = cm.campaign_id
       LEFT JOIN campaign_variants v ON v.id = cm.variant_id
       ${MESSAGE_MEMBER_SQL.join}
       WHERE cm.id = ?`,
    )
    .get(campaignMemberId) as Row | undefined;
  if (!row) throw new Error(`No campaign recipient ${campaignMemberId}`);
  if (row.channel === 'none' || row.variantId == null || !row.subjectTemplate || !row.bodyTemplate)
    throw new Error(`Campaign recipient ${campaignMemberId} receives no message (${row.status})`);
  if (row.deadlineAt == null) throw new Error(`Campaign of recipient ${campaignMemberId} has no deadline yet`);
  const vars = messageVars(row, row.offer ?? 'none', keepLinkFor(campaignMemberId, row.deadlineAt), at);
  const built: BuiltMessage = {
    to: row.channel === 'email' ? row.email : null,
    subject: oneLine(renderText(row.subjectTemplate, vars)),
    html: wrapHtml(renderHtml(row.bodyTemplate, vars)),
    text: renderText(row.bodyTemplate, vars),
    channel: row.channel,
  };
  return built;
}

export type PreviewMessage = { variantKey: string; variantName: string; subject: string; html: string };
export type PreviewSample = { memberId: number; label: string; messages: PreviewMessage[] };

/**
 * The draft's message rendered for real members of its segment (up to `limit` samples), with a
 * placeholder keep link: nothing is signed for a preview. Same renderer as delivery.
 */
export function previewSamples(
  sqlite: Database.Database,
  memberIds: readonly number[],
  variants: readonly { key: string; name: string; offer: Offer; subjectTemplate: string; bodyTemplate: string }[],
  at: number,
): PreviewSample[] {
  if (!memberIds.length) return [];
  const rows = sqlite
    .prepare(
      `SELECT m.id, m.country, ${MEMBER_FIELDS} FROM members m ${MESSAGE_MEMBER_SQL.join}
       WHERE m.id IN (${memberIds.map(() => '?').join(', ')}) ORDER BY m.id`,
    )
    .all(...memberIds) as (MessageMember & { id: number; country: string })[];
  const link = `${config().PUBLIC_BASE_URL.replace(/\/$/, '')}/keep/preview`;
  return rows.map((m) => ({
    memberId: m.id,
    label: `Member #${m.id} · ${m.country} · ${m.plan}${m.lastViewedAt == null ? ' · never watched' : ''}`,
    messages: variants.map((v) => {
      const vars = messageVars(m, v.offer, link, at);
      return {
        variantKey: v.key,
        variantName: v.name,
        subject: oneLine(renderText(v.subjectTemplate, vars)),
        html: wrapHtml(renderHtml(v.bodyTemplate, vars)),
      };
    }),
  }));
}
