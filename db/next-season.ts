import 'server-only';
import { and, asc, desc, eq, gte, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { attributionSince } from '@/lib/domain/campaigns/next-season';
import type { Db } from './client';
import { campaignMembers, campaigns, members, rejoins, titles } from './schema';
import type { Tx } from './unit-of-work';

// Next-season win-backs: the catalogue's seasons, the message a rejoin is attributed to, the
// overview's count, and members' consent to win-back messages.

const isNextSeason = sql`json_extract(${campaigns.segment}, '$.nextSeasonTitleId') IS NOT NULL`;

/**
 * The next-season campaign whose message reached the member most recently within the attribution
 * window before `rejoinedAt` (sent, not bounced), or null.
 */
export function attributedCampaign(tx: Tx, memberId: number, rejoinedAt: number): number | null {
  return (
    tx.db
      .select({ id: campaignMembers.campaignId })
      .from(campaignMembers)
      .innerJoin(campaigns, eq(campaigns.id, campaignMembers.campaignId))
      .where(
        and(
          eq(campaignMembers.memberId, memberId),
          isNotNull(campaignMembers.sentAt),
          isNull(campaignMembers.bouncedAt),
          gte(campaignMembers.sentAt, attributionSince(rejoinedAt)),
          lte(campaignMembers.sentAt, rejoinedAt),
          isNextSeason,
        ),
      )
      .orderBy(desc(campaignMembers.sentAt))
      .limit(1)
      .get()?.id ?? null
  );
}

/** Rejoins attributed to a next-season message: ever, and since `since` (the start of this year). */
export function nextSeasonWinBacks(db: Db, since: number): { ever: number; sinceStart: number } {
  const r = db
    .select({
      ever: sql<number>`count(*)`,
      sinceStart: sql<number>`coalesce(sum(${rejoins.rejoinedAt} >= ${since}), 0)`,
    })
    .from(rejoins)
    .where(isNotNull(rejoins.nextSeasonCampaignId))
    .get();
  return { ever: r?.ever ?? 0, sinceStart: r?.sinceStart ?? 0 };
}

export type CatalogueSeason = { id: number; name: string; series: string | null; season: number | null };

/** Every season of every series, by series then season (the catalogue page; a few thousand rows at most). */
export function catalogueSeasons(db: Db): CatalogueSeason[] {
  return db
    .select({ id: titles.id, name: titles.name, series: titles.series, season: titles.season })
    .from(titles)
    .where(and(isNotNull(titles.series), isNotNull(titles.season)))
    .orderBy(asc(titles.series), asc(titles.season))
    .all();
}

/** One title's series and season, or undefined. */
export function seasonById(db: Db, id: number): CatalogueSeason | undefined {
  return db
    .select({ id: titles.id, name: titles.name, series: titles.series, season: titles.season })
    .from(titles)
    .where(eq(titles.id, id))
    .get();
}

/** The member's id and consent by account id, or undefined. */
export function memberConsentByAccount(tx: Tx, accountId: string) {
  return tx.db
    .select({ id: members.id, consent: members.winbackConsent, purgedAt: members.purgedAt })
    .from(members)
    .where(eq(members.accountId, accountId))
    .get();
}

export function setMemberConsent(tx: Tx, id: number, consent: boolean) {
  tx.db.update(members).set({ winbackConsent: consent }).where(eq(members.id, id)).run();
}
