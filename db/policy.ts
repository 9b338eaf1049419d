import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { cutoffs, type PolicyValues } from '@/lib/domain/dormancy';
import type { Actor } from './audit';
import { audit } from './audit';
import type { Db } from './client';
import { type PolicyVersion, policyVersions } from './schema';

export type { PolicyVersion };

/** The current (highest id) policy version. Throws if none exists yet (the seed writes version 1). */
export function currentPolicy(db: Db): PolicyVersion {
  const row = findCurrentPolicy(db);
  if (!row) throw new Error('No policy version exists yet: run `npm run db:seed` (it writes version 1).');
  return row;
}

export function findCurrentPolicy(db: Db): PolicyVersion | undefined {
  return db.select().from(policyVersions).orderBy(desc(policyVersions.id)).limit(1).get();
}

export function getPolicy(db: Db, id: number): PolicyVersion | undefined {
  return db.select().from(policyVersions).where(eq(policyVersions.id, id)).get();
}

export function listPolicyVersions(db: Db, limit = 50): PolicyVersion[] {
  return db.select().from(policyVersions).orderBy(desc(policyVersions.id)).limit(limit).all();
}

export const policyValues = (p: PolicyValues): PolicyValues => ({
  neverWatchedDays: p.neverWatchedDays,
  inactiveDays: p.inactiveDays,
  responseDays: p.responseDays,
  retentionDays: p.retentionDays,
});

/** Appends a new version (never overwrites) and audits it. Call inside tx(). */
export function savePolicyVersion(db: Db, actor: Actor, values: PolicyValues, note: string | null, at: number): PolicyVersion {
  const before = findCurrentPolicy(db);
  const row = db
    .insert(policyVersions)
    .values({ ...policyValues(values), createdBy: actor.label, createdAt: at, note })
    .returning()
    .get();
  audit(db, actor, {
    action: 'policy.save',
    entityType: 'policy_version',
    entityId: row.id,
    before: before ? { version: before.id, ...policyValues(before) } : null,
    after: { version: row.id, ...policyValues(row), note },
    at,
  });
  return row;
}

export type DormantCounts = { neverWatched: number; inactive: number; total: number };

/**
 * How many members are dormant on the day of `asOf` under each of two policies, by reason, in one
 * pass over members (no writes). Used by the policy page's preview.
 */
export function previewDormantCounts(db: Db, current: PolicyValues, proposed: PolicyValues, asOf: number) {
  const a = cutoffs(current, asOf);
  const b = cutoffs(proposed, asOf);
  const row = db.$client
    .prepare(
      `SELECT
         coalesce(sum(last_viewed_at IS NULL AND joined_at < @aJoined), 0) AS aNever,
         coalesce(sum(last_viewed_at < @aViewed), 0) AS aInactive,
         coalesce(sum(last_viewed_at IS NULL AND joined_at < @bJoined), 0) AS bNever,
         coalesce(sum(last_viewed_at < @bViewed), 0) AS bInactive
       FROM members WHERE status <> 'cancelled'`,
    )
    .get({ aJoined: a.joinedBefore, aViewed: a.viewedBefore, bJoined: b.joinedBefore, bViewed: b.viewedBefore }) as Record<
    'aNever' | 'aInactive' | 'bNever' | 'bInactive',
    number
  >;
  const counts = (n: number, i: number): DormantCounts => ({ neverWatched: n, inactive: i, total: n + i });
  return { current: counts(row.aNever, row.aInactive), proposed: counts(row.bNever, row.bInactive) };
}
