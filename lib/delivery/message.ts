import type Database from 'better-sqlite3';
import { messageMembers, messageRecipient } from '@/db/campaign-messages';
import type { BuiltMessage } from '@/db/delivery';
import { recommendationsFor } from '@/db/recommendations';
import { type MessageMember, messageVars, type Offer } from '@/lib/domain/campaigns/message-vars';
import { recommendationText } from '@/lib/domain/campaigns/recommendations';
import { renderHtml, renderText, usesVariable } from '@/lib/domain/campaigns/template';
import { oneLine, wrapHtml } from '@/lib/domain/delivery/message-html';
import { keepLinkFor, keepPreviewLink } from '@/lib/keep/keep-link';
import { now } from '@/lib/runtime/clock';

// The contract with delivery: the rendered message for one recipient (campaign_members.id).
// Delivery stores it in `messages` before calling SMTP, so what was sent is what was rendered.

export type { BuiltMessage } from '@/db/delivery';

/**
 * Renders the message for one recipient, on the given connection (the sender's open transaction).
 * Throws for a holdout or excluded member (they get nothing) and for a campaign without a deadline
 * (the keep link must expire).
 */
export function buildMessageFor(sqlite: Database.Database, campaignMemberId: number, at: number = now()): BuiltMessage {
  const row = messageRecipient(sqlite, campaignMemberId);
  if (!row) throw new Error(`No campaign recipient ${campaignMemberId}`);
  if (row.channel === 'none' || row.variantId == null || !row.subjectTemplate || !row.bodyTemplate)
    throw new Error(`Campaign recipient ${campaignMemberId} receives no message (${row.status})`);
  if (row.deadlineAt == null) throw new Error(`Campaign of recipient ${campaignMemberId} has no deadline yet`);
  const member = withRecommendations(sqlite, row, row.memberId, row.country, [row.subjectTemplate, row.bodyTemplate]);
  const vars = messageVars(member, row.offer ?? 'none', keepLinkFor(campaignMemberId, row.deadlineAt), at);
  return {
    to: row.channel === 'email' ? row.email : null,
    subject: oneLine(renderText(row.subjectTemplate, vars)),
    html: wrapHtml(renderHtml(row.bodyTemplate, vars)),
    text: renderText(row.bodyTemplate, vars),
    channel: row.channel,
  };
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
  const rows = messageMembers(sqlite, memberIds);
  const link = keepPreviewLink();
  const templates = variants.flatMap((v) => [v.subjectTemplate, v.bodyTemplate]);
  return rows
    .map((row) => withRecommendations(sqlite, row, row.id, row.country, templates))
    .map((m) => ({
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

/**
 * The member's fields plus their recommended titles when a template uses {{recommended_titles}}.
 * Chosen at render time, from the history as it is when the message is built: queuing pays nothing
 * for it, and a title watched between queuing and sending is never recommended.
 */
function withRecommendations<M extends MessageMember>(
  sqlite: Database.Database,
  member: M,
  memberId: number,
  country: string,
  templates: readonly string[],
): M {
  if (!templates.some((t) => usesVariable(t, 'recommended_titles'))) return member;
  return { ...member, recommendedTitles: recommendationText(recommendationsFor(sqlite, memberId, country)) };
}
