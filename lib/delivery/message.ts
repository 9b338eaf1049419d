import type Database from 'better-sqlite3';
import { messageMembers, messageRecipient, variantTranslations } from '@/db/campaign-messages';
import type { BuiltMessage } from '@/db/delivery';
import { type LocalizedTexts, templateFor } from '@/lib/domain/campaigns/localized';
import { messageVars, type Offer } from '@/lib/domain/campaigns/message-vars';
import { renderHtml, renderText } from '@/lib/domain/campaigns/template';
import { oneLine, wrapHtml } from '@/lib/domain/delivery/message-html';
import { languageName } from '@/lib/domain/members/language';
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
  // The member's language picks the text (fallback chain to the campaign's default); values are
  // formatted in the language actually sent, so a French text never carries an English price.
  const texts = {
    subjectTemplate: row.subjectTemplate,
    bodyTemplate: row.bodyTemplate,
    translations: variantTranslations(sqlite, row.variantId),
  };
  const t = templateFor(texts, row.language, row.defaultLanguage);
  const vars = messageVars(
    { ...row, language: t.locale },
    row.offer ?? 'none',
    keepLinkFor(campaignMemberId, row.deadlineAt),
    at,
    row.deadlineAt,
  );
  return {
    to: row.channel === 'email' ? row.email : null,
    subject: oneLine(renderText(t.subjectTemplate, vars)),
    html: wrapHtml(renderHtml(t.bodyTemplate, vars), t.language),
    text: renderText(t.bodyTemplate, vars),
    channel: row.channel,
    language: t.language,
  };
}

export type PreviewMessage = {
  variantKey: string;
  variantName: string;
  subject: string;
  html: string;
  language: string;
  fellBack: boolean;
};
export type PreviewSample = { memberId: number; label: string; language: string; messages: PreviewMessage[] };

/**
 * The draft's message rendered for real members of its segment (up to `limit` samples), with a
 * placeholder keep link: nothing is signed for a preview. Same renderer as delivery.
 */
export function previewSamples(
  sqlite: Database.Database,
  memberIds: readonly number[],
  variants: readonly (LocalizedTexts & { key: string; name: string; offer: Offer })[],
  at: number,
  o: { defaultLanguage: string; deadlineAt: number | null; responseDays: number },
): PreviewSample[] {
  if (!memberIds.length) return [];
  const rows = messageMembers(sqlite, memberIds);
  const link = keepPreviewLink();
  return rows.map((m) => ({
    memberId: m.id,
    language: m.language,
    label: `Member #${m.id} · ${m.country} · ${languageName(m.language)} · ${m.plan}${m.lastViewedAt == null ? ' · never watched' : ''}`,
    messages: variants.map((v) => {
      const t = templateFor(v, m.language, o.defaultLanguage);
      const vars = messageVars({ ...m, language: t.locale }, v.offer, link, at, o.deadlineAt, o.responseDays);
      return {
        variantKey: v.key,
        variantName: v.name,
        subject: oneLine(renderText(t.subjectTemplate, vars)),
        html: wrapHtml(renderHtml(t.bodyTemplate, vars), t.language),
        language: t.language,
        fellBack: t.fellBack,
      };
    }),
  }));
}
