import 'server-only';
import { desc, eq, ne, sql } from 'drizzle-orm';
import { cutoffs, type PolicyValues } from '@/lib/domain/dormancy';
import type { Db } from './client';
import { preparedQuery } from './prepared';
import { members, type PolicyVersion, policyVersions } from './schema';

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

export type PolicyRow = PolicyValues & { id: number };

/** The values of a policy version (default: the current one) with its id, for the scan and the recording of views. */
export function policyRow(db: Db, id?: number): PolicyRow {
  const row = id == null ? preparedQuery(db, currentRowQuery).get() : preparedQuery(db, rowByIdQuery).get({ id });
  if (!row)
    throw new Error(id == null ? 'No policy version exists: seed the database first.' : `Policy version ${id} does not exist.`);
  return row;
}

// Read on every view of a member's page and by each recorded view, so prepared once per connection.
const policyRowQuery = (db: Db, byId: boolean) =>
  db
    .select({
      id: policyVersions.id,
      neverWatchedDays: policyVersions.neverWatchedDays,
      inactiveDays: policyVersions.inactiveDays,
      responseDays: policyVersions.responseDays,
      retentionDays: policyVersions.retentionDays,
    })
    .from(policyVersions)
    .where(byId ? eq(policyVersions.id, sql.placeholder('id')) : undefined)
    .orderBy(desc(policyVersions.id))
    .limit(1)
    .prepare();
const currentRowQuery = (db: Db) => policyRowQuery(db, false);
const rowByIdQuery = (db: Db) => policyRowQuery(db, true);

export const policyValues = (p: PolicyValues): PolicyValues => ({
  neverWatchedDays: p.neverWatchedDays,
  inactiveDays: p.inactiveDays,
  responseDays: p.responseDays,
  retentionDays: p.retentionDays,
});

/**
 * Appends a new version (never overwrites one). Call inside a unit of work; the use case audits it
 * with the version it replaced, returned as `before`.
 */
export function savePolicyVersion(
  db: Db,
  values: PolicyValues,
  v: { note: string | null; createdBy: string; at: number },
): { row: PolicyVersion; before: PolicyVersion | undefined } {
  const before = findCurrentPolicy(db);
  const row = db
    .insert(policyVersions)
    .values({ ...policyValues(values), createdBy: v.createdBy, createdAt: v.at, note: v.note })
    .returning()
    .get();
  return { row, before };
}

export type DormantCounts = { neverWatched: number; inactive: number; total: number };

/**
 * How many members are dormant on the day of `asOf` under each of two policies, by reason, in one
 * pass over members (no writes). Used by the policy page's preview.
 */
export function previewDormantCounts(db: Db, current: PolicyValues, proposed: PolicyValues, asOf: number) {
  const a = cutoffs(current, asOf);
  const b = cutoffs(proposed, asOf);
  const never = (joinedBefore: number) =>
    sql<number>`coalesce(sum(${members.lastViewedAt} IS NULL AND ${members.joinedAt} < ${joinedBefore}), 0)`;
  const inactive = (viewedBefore: number) => sql<number>`coalesce(sum(${members.lastViewedAt} < ${viewedBefore}), 0)`;
  const row = db
    .select({
      aNever: never(a.joinedBefore),
      aInactive: inactive(a.viewedBefore),
      bNever: never(b.joinedBefore),
      bInactive: inactive(b.viewedBefore),
    })
    .from(members)
    .where(ne(members.status, 'cancelled'))
    .get() ?? { aNever: 0, aInactive: 0, bNever: 0, bInactive: 0 };
  const counts = (n: number, i: number): DormantCounts => ({ neverWatched: n, inactive: i, total: n + i });
  return { current: counts(row.aNever, row.aInactive), proposed: counts(row.bNever, row.bInactive) };
}
