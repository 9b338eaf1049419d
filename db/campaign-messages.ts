import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client';
import { campaignMembers, campaigns, campaignVariants, members, titles } from './schema';

// What a campaign message is rendered from: the recipient's template fields, variant and deadline.
// Rendering and the signed keep link are lib/delivery/message.ts's; this module only reads.

/** The most popular title in the member's country, else the most popular anywhere (never-watched members). */
const popularTitle = sql<string | null>`coalesce(
  (SELECT pt.name FROM popular_titles p JOIN titles pt ON pt.id = p.title_id
    WHERE p.country = ${members.country} ORDER BY p.rank LIMIT 1),
  (SELECT pt.name FROM popular_titles p JOIN titles pt ON pt.id = p.title_id ORDER BY p.rank, p.country LIMIT 1))`;

/** The template fields of a member (lib/domain/campaigns/message-vars.ts MessageMember); needs the titles join. */
const memberFields = {
  displayName: members.displayName,
  plan: members.plan,
  priceMinor: members.priceMinor,
  currency: members.currency,
  joinedAt: members.joinedAt,
  lastViewedAt: members.lastViewedAt,
  lastTitle: titles.name,
  popularTitle,
};

/** One recipient with everything its message needs, or undefined. */
export function messageRecipient(db: Db, campaignMemberId: number) {
  return db
    .select({
      ...memberFields,
      email: members.email,
      channel: campaignMembers.channel,
      status: campaignMembers.status,
      variantId: campaignMembers.variantId,
      offer: campaignVariants.offer,
      subjectTemplate: campaignVariants.subjectTemplate,
      bodyTemplate: campaignVariants.bodyTemplate,
      deadlineAt: campaigns.deadlineAt,
    })
    .from(campaignMembers)
    .innerJoin(members, eq(members.id, campaignMembers.memberId))
    .innerJoin(campaigns, eq(campaigns.id, campaignMembers.campaignId))
    .leftJoin(campaignVariants, eq(campaignVariants.id, campaignMembers.variantId))
    .leftJoin(titles, eq(titles.id, members.lastTitleId))
    .where(eq(campaignMembers.id, campaignMemberId))
    .get();
}

/** The template fields of the given members (a preview's samples), by id. */
export function messageMembers(db: Db, memberIds: readonly number[]) {
  if (!memberIds.length) return [];
  return db
    .select({ id: members.id, country: members.country, ...memberFields })
    .from(members)
    .leftJoin(titles, eq(titles.id, members.lastTitleId))
    .where(inArray(members.id, [...memberIds]))
    .orderBy(members.id)
    .all();
}
