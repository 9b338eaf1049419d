import 'server-only';
import type Database from 'better-sqlite3';
import { executionJobKind } from './batches';
import type { BatchStatus } from './schema/batches';

// Read side of cancellation batches: only the fields the pages show.

export type BatchListRow = {
  id: number;
  campaignId: number;
  campaignName: string | null;
  status: BatchStatus;
  proposedAt: number;
  proposer: string | null;
  included: number;
  excluded: number;
  cancelled: number;
  skipped: number;
};

const COUNTS = `sum(bm.state = 'included') AS included, sum(bm.state = 'excluded') AS excluded,
  sum(bm.state = 'cancelled') AS cancelled, sum(bm.state = 'skipped') AS skipped`;

/** Newest first, keyset by id. Counts come from the batch's own rows (PK prefix range). */
export function listBatches(
  sqlite: Database.Database,
  opts: { beforeId?: number; status?: BatchStatus; limit: number },
): BatchListRow[] {
  const heads = sqlite
    .prepare(
      `SELECT b.id, b.campaign_id AS campaignId, c.name AS campaignName, b.status, b.proposed_at AS proposedAt, s.email AS proposer
       FROM batches b LEFT JOIN campaigns c ON c.id = b.campaign_id LEFT JOIN staff s ON s.id = b.proposer_id
       WHERE (@before IS NULL OR b.id < @before) AND (@status IS NULL OR b.status = @status)
       ORDER BY b.id DESC LIMIT @limit`,
    )
    .all({ before: opts.beforeId ?? null, status: opts.status ?? null, limit: opts.limit }) as Omit<
    BatchListRow,
    'included' | 'excluded' | 'cancelled' | 'skipped'
  >[];
  const counts = sqlite.prepare(`SELECT ${COUNTS} FROM batch_members bm WHERE bm.batch_id = ?`);
  return heads.map((h) => {
    const c = counts.get(h.id) as Record<'included' | 'excluded' | 'cancelled' | 'skipped', number | null>;
    return {
      ...h,
      included: c.included ?? 0,
      excluded: c.excluded ?? 0,
      cancelled: c.cancelled ?? 0,
      skipped: c.skipped ?? 0,
    };
  });
}

export type BatchDetail = {
  id: number;
  status: BatchStatus;
  campaignId: number;
  campaignName: string | null;
  policyVersionId: number;
  neverWatchedDays: number;
  inactiveDays: number;
  retentionDays: number;
  proposedAt: number;
  proposerId: number | null;
  proposer: string | null;
  submittedAt: number | null;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionComment: string | null;
  executedBy: string | null;
  executedAt: number | null;
};

export function getBatch(sqlite: Database.Database, id: number): BatchDetail | undefined {
  return sqlite
    .prepare(
      `SELECT b.id, b.status, b.campaign_id AS campaignId, c.name AS campaignName, b.policy_version_id AS policyVersionId,
         p.never_watched_days AS neverWatchedDays, p.inactive_days AS inactiveDays, p.retention_days AS retentionDays,
         b.proposed_at AS proposedAt, b.proposer_id AS proposerId, sp.email AS proposer, b.submitted_at AS submittedAt,
         sd.email AS decidedBy, b.decided_at AS decidedAt, b.decision_comment AS decisionComment,
         se.email AS executedBy, b.executed_at AS executedAt
       FROM batches b
       LEFT JOIN campaigns c ON c.id = b.campaign_id
       LEFT JOIN policy_versions p ON p.id = b.policy_version_id
       LEFT JOIN staff sp ON sp.id = b.proposer_id
       LEFT JOIN staff sd ON sd.id = b.decided_by
       LEFT JOIN staff se ON se.id = b.executed_by
       WHERE b.id = ?`,
    )
    .get(id) as BatchDetail | undefined;
}

export type StateCurrencyTotal = { state: string; currency: string; members: number; monthlyMinor: number };

/** Members and monthly price per state and currency (integer sums, one pass over the batch). */
export function batchTotals(sqlite: Database.Database, id: number): StateCurrencyTotal[] {
  return sqlite
    .prepare(
      `SELECT state, currency, count(*) AS members, sum(price_minor) AS monthlyMinor
       FROM batch_members WHERE batch_id = ? GROUP BY state, currency ORDER BY state, currency`,
    )
    .all(id) as StateCurrencyTotal[];
}

export type BreakdownRow = { country: string; plan: string; currency: string; members: number; monthlyMinor: number };

/** Country × plan breakdown of the members in the given states. */
export function batchBreakdown(sqlite: Database.Database, id: number, states: readonly string[]): BreakdownRow[] {
  return sqlite
    .prepare(
      `SELECT country, plan, currency, count(*) AS members, sum(price_minor) AS monthlyMinor
       FROM batch_members WHERE batch_id = ? AND state IN (SELECT value FROM json_each(?))
       GROUP BY country, plan, currency ORDER BY members DESC, country, plan`,
    )
    .all(id, JSON.stringify(states)) as BreakdownRow[];
}

export type BatchMemberRow = {
  memberId: number;
  accountId: string;
  email: string | null;
  country: string;
  plan: string;
  priceMinor: number;
  currency: string;
  state: string;
  reason: string | null;
};

const MEMBER_COLUMNS = `bm.member_id AS memberId, m.account_id AS accountId, m.email, bm.country, bm.plan,
  bm.price_minor AS priceMinor, bm.currency, bm.state, bm.reason`;

/**
 * One page of a batch's members, keyset by member id. `q` finds one member by exact account id
 * or email (both indexed), so a search never scans the batch.
 */
export function batchMembersPage(
  sqlite: Database.Database,
  id: number,
  opts: { afterId?: number; q?: string; state?: string; limit: number },
): BatchMemberRow[] {
  if (opts.q) {
    return sqlite
      .prepare(
        `SELECT ${MEMBER_COLUMNS} FROM members m JOIN batch_members bm ON bm.batch_id = @id AND bm.member_id = m.id
         WHERE (m.account_id = @q OR m.email = lower(@q)) AND (@state IS NULL OR bm.state = @state) ORDER BY m.id LIMIT @limit`,
      )
      .all({ id, q: opts.q, state: opts.state ?? null, limit: opts.limit }) as BatchMemberRow[];
  }
  return sqlite
    .prepare(
      `SELECT ${MEMBER_COLUMNS} FROM batch_members bm JOIN members m ON m.id = bm.member_id
       WHERE bm.batch_id = @id AND bm.member_id > @after AND (@state IS NULL OR bm.state = @state)
       ORDER BY bm.member_id LIMIT @limit`,
    )
    .all({ id, after: opts.afterId ?? 0, state: opts.state ?? null, limit: opts.limit }) as BatchMemberRow[];
}

/** Submitted batches an approver may decide: not proposed by them. Oldest first. */
export function batchesWaitingFor(sqlite: Database.Database, staffId: number) {
  return sqlite
    .prepare(
      `SELECT b.id, c.name AS campaignName, b.submitted_at AS submittedAt, s.email AS proposer,
         (SELECT count(*) FROM batch_members bm WHERE bm.batch_id = b.id AND bm.state = 'included') AS members
       FROM batches b LEFT JOIN campaigns c ON c.id = b.campaign_id LEFT JOIN staff s ON s.id = b.proposer_id
       WHERE b.status = 'submitted' AND b.proposer_id <> ? ORDER BY b.submitted_at`,
    )
    .all(staffId) as { id: number; campaignName: string | null; submittedAt: number; proposer: string | null; members: number }[];
}

import type { JobRow } from './schema/staff';

export type { JobRow };

/** The latest execution attempt of a batch (the jobs row written before the work starts). */
export function executionJob(sqlite: Database.Database, batchId: number): JobRow | undefined {
  return sqlite
    .prepare(
      `SELECT id, status, started_at AS startedAt, finished_at AS finishedAt, progress, total, started_by AS startedBy, message
       FROM jobs WHERE kind = ? ORDER BY id DESC LIMIT 1`,
    )
    .get(executionJobKind(batchId)) as JobRow | undefined;
}
