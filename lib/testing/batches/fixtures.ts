import type Database from 'better-sqlite3';
import { executeBatch, proposeBatchForCampaign } from './steps';

// Test data for batches, written with SQL so the tests do not depend on the campaign and dormancy code.
// Used by the Vitest suites and by the child processes of the concurrency and crash tests.

export const DAY = 86_400_000;
export const T0 = Date.parse('2024-06-01T10:00:00Z'); // when the campaign's messages were sent
export const DEADLINE = T0 + 30 * DAY;
export const OLD_VIEW = Date.parse('2021-01-15T20:00:00Z'); // dormant since 2023-01-15 under 730 days

export function ensurePolicy(sqlite: Database.Database, at = T0 - 400 * DAY): number {
  const row = sqlite.prepare('SELECT id FROM policy_versions ORDER BY id LIMIT 1').get() as { id: number } | undefined;
  if (row) return row.id;
  return (
    sqlite
      .prepare(
        `INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at)
         VALUES (365, 730, 30, 300, 'test', ?) RETURNING id`,
      )
      .get(at) as { id: number }
  ).id;
}

export function insertCampaign(sqlite: Database.Database, opts: { deadline?: number; name?: string } = {}): number {
  const pv = ensurePolicy(sqlite);
  const { id } = sqlite
    .prepare(
      `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, send_started_at, deadline_at, created_by, created_at, updated_at)
       VALUES (?, 'awaiting_responses', ?, '{}', 'email', 10, 1, ?, ?, 1, ?, ?) RETURNING id`,
    )
    .get(opts.name ?? 'Test campaign', pv, T0, opts.deadline ?? DEADLINE, T0 - DAY, T0 - DAY) as { id: number };
  sqlite
    .prepare(
      `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, subject_template, body_template) VALUES (?, 'A', 'A', 100, 's', 'b')`,
    )
    .run(id);
  return id;
}

export type MemberSpec = {
  accountId: string;
  lastViewedAt?: number | null;
  joinedAt?: number;
  status?: string;
  recipient?: 'sent' | 'holdout' | 'failed' | 'queued';
  sentAt?: number;
  confirmedAt?: number | null;
  keepConfirmation?: boolean;
  country?: string;
  plan?: string;
  priceMinor?: number;
  currency?: string;
};

/** Inserts a member and their campaign_members row; returns the member id. */
export function insertRecipient(sqlite: Database.Database, campaignId: number, s: MemberSpec): number {
  const { id: memberId } = sqlite
    .prepare(
      `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(
      s.accountId,
      `${s.accountId.toLowerCase()}@example.com`,
      `Member ${s.accountId}`,
      s.country ?? 'GB',
      s.plan ?? 'standard',
      s.priceMinor ?? 1099,
      s.currency ?? 'GBP',
      s.joinedAt ?? Date.parse('2019-05-01T00:00:00Z'),
      s.lastViewedAt === undefined ? OLD_VIEW : s.lastViewedAt,
      s.status ?? 'notified',
      T0,
    ) as { id: number };
  const variant = sqlite.prepare('SELECT id FROM campaign_variants WHERE campaign_id = ?').get(campaignId) as { id: number };
  const recipient = s.recipient ?? 'sent';
  const { id: cmId } = sqlite
    .prepare(
      `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at, sent_at, confirmed_at, outcome)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(
      campaignId,
      memberId,
      recipient === 'holdout' ? null : variant.id,
      recipient === 'holdout' ? 'none' : 'email',
      recipient,
      T0 - DAY,
      recipient === 'sent' ? (s.sentAt ?? T0) : null,
      s.confirmedAt ?? null,
      s.confirmedAt ? 'confirmed' : 'pending',
    ) as { id: number };
  if (s.keepConfirmation)
    sqlite.prepare('INSERT INTO keep_confirmations (campaign_member_id, confirmed_at) VALUES (?, ?)').run(cmId, T0 + DAY);
  return memberId;
}

/** What recordViews (db/viewing.ts) does to a member, done here with SQL. */
export function recordViewSql(sqlite: Database.Database, memberId: number, watchedAt: number) {
  sqlite
    .prepare('INSERT OR IGNORE INTO viewing_events (member_id, watched_at, title_id, seconds_watched) VALUES (?, ?, 1, 600)')
    .run(memberId, watchedAt);
  sqlite
    .prepare(
      `UPDATE members SET last_viewed_at = max(coalesce(last_viewed_at, 0), ?), status = CASE WHEN status = 'cancelled' THEN status ELSE 'active' END,
         status_changed_at = ? WHERE id = ?`,
    )
    .run(watchedAt, watchedAt, memberId);
}

/**
 * A large campaign, set-based: n sent, dormant recipients (account ids BIG-1..BIG-n), for the
 * benchmark and the crash/concurrency tests.
 */
export function insertLargeCampaign(sqlite: Database.Database, n: number, opts: { deadline?: number } = {}): number {
  const campaignId = insertCampaign(sqlite, { deadline: opts.deadline, name: `Large campaign (${n})` });
  const variant = (sqlite.prepare('SELECT id FROM campaign_variants WHERE campaign_id = ?').get(campaignId) as { id: number }).id;
  const first = ((sqlite.prepare('SELECT max(id) AS m FROM members').get() as { m: number | null }).m ?? 0) + 1;
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < @n - 1)
         INSERT INTO members (id, account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at)
         SELECT @first + i, 'BIG-' || (@first + i), 'big' || (@first + i) || '@example.com', 'Big ' || i,
           CASE i % 3 WHEN 0 THEN 'GB' WHEN 1 THEN 'FR' ELSE 'US' END,
           CASE i % 2 WHEN 0 THEN 'standard' ELSE 'premium' END,
           CASE i % 3 WHEN 0 THEN 1099 WHEN 1 THEN 1399 ELSE 1549 END,
           CASE i % 3 WHEN 0 THEN 'GBP' WHEN 1 THEN 'EUR' ELSE 'USD' END,
           @joined, @view, 'notified', @t0
         FROM seq`,
      )
      .run({ n, first, joined: Date.parse('2019-05-01T00:00:00Z'), view: OLD_VIEW, t0: T0 });
    sqlite
      .prepare(
        `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at, sent_at, outcome)
         SELECT @c, id, @v, 'email', 'sent', @t0 - 86400000, @t0, 'pending' FROM members WHERE id >= @first AND id < @first + @n`,
      )
      .run({ c: campaignId, v: variant, t0: T0, first, n });
  })();
  return campaignId;
}

export function memberIdOf(sqlite: Database.Database, accountId: string): number {
  return (sqlite.prepare('SELECT id FROM members WHERE account_id = ?').get(accountId) as { id: number }).id;
}

let seq = 0;
/**
 * A batch brought to `stage` with two fresh sent recipients (account ids returned), for tests
 * that need one per call (the role matrix). proposerId/deciderId must be staff ids.
 */
export function makeBatch(
  sqlite: Database.Database,
  stage: 'proposed' | 'submitted' | 'approved' | 'executed',
  opts: { proposerId?: number; deciderId?: number; at?: number } = {},
): { batchId: number; accountIds: string[] } {
  const at = opts.at ?? DEADLINE + 1;
  const campaignId = insertCampaign(sqlite, { deadline: Math.min(at, DEADLINE) });
  const accountIds = [1, 2].map(() => `BX-${process.pid}-${++seq}`);
  for (const a of accountIds) insertRecipient(sqlite, campaignId, { accountId: a });
  return { batchId: advance(sqlite, campaignId, stage, at, opts), accountIds };
}

function advance(
  sqlite: Database.Database,
  campaignId: number,
  stage: 'proposed' | 'submitted' | 'approved' | 'executed',
  at: number,
  opts: { proposerId?: number; deciderId?: number },
): number {
  const id = proposeBatchForCampaign(sqlite, campaignId, at);
  if (id == null) throw new Error('fixture batch proposed nobody');
  if (stage === 'proposed') return id;
  sqlite
    .prepare(`UPDATE batches SET status = 'submitted', proposer_id = ?, submitted_at = ? WHERE id = ?`)
    .run(opts.proposerId ?? 1, at, id);
  if (stage === 'submitted') return id;
  sqlite
    .prepare(`UPDATE batches SET status = 'approved', decided_by = ?, decided_at = ?, decision_comment = 'fixture' WHERE id = ?`)
    .run(opts.deciderId ?? 2, at, id);
  if (stage === 'approved') return id;
  executeBatch(sqlite, id, { id: opts.deciderId ?? 2, label: 'fixture' }, at);
  return id;
}
