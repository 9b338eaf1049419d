import 'server-only';
import type Database from 'better-sqlite3';
import {
  type MessageMemberRow,
  type MessageRecipient,
  messageMembersSql,
  messageRecipientSql,
  type VariantTranslation,
  variantTranslationsSql,
} from './campaign-messages.sql';

// What a campaign message is rendered from: the recipient's template fields, variant and deadline.
// Rendering and the signed keep link are lib/delivery/message.ts's; this module only reads, through
// the named statements of campaign-messages.sql.ts (the read is on the sender's path).

export type { MessageMemberRow, MessageRecipient, VariantTranslation } from './campaign-messages.sql';

/** One recipient with everything its message needs, or undefined. */
export function messageRecipient(sqlite: Database.Database, campaignMemberId: number): MessageRecipient | undefined {
  return messageRecipientSql(sqlite, campaignMemberId);
}

/** The template fields of the given members (a preview's samples), by id. */
export function messageMembers(sqlite: Database.Database, memberIds: readonly number[]): MessageMemberRow[] {
  return messageMembersSql(sqlite, memberIds);
}

/** A variant's subject and body in its other languages. */
export function variantTranslations(sqlite: Database.Database, variantId: number): VariantTranslation[] {
  return variantTranslationsSql(sqlite, variantId);
}
