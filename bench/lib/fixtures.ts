import type Database from 'better-sqlite3';

// Set-up SQL for the big-operation steps (not measured): puts N members where a campaign or a
// batch of that size needs them, with one statement each.

const DAY = 86_400_000;

export function latestPolicyId(sqlite: Database.Database): number {
  const row = sqlite.prepare('SELECT id FROM policy_versions ORDER BY id DESC LIMIT 1').get() as { id: number } | undefined;
  if (!row) throw new Error('no policy version in the seeded database');
  return row.id;
}

export function benchStaffId(sqlite: Database.Database): number {
  const row = sqlite.prepare("SELECT id FROM staff WHERE role = 'admin' ORDER BY id LIMIT 1").get() as { id: number } | undefined;
  if (!row) throw new Error('no admin in the seeded database');
  return row.id;
}

/**
 * Makes the first N not-cancelled members dormant as of `at` (never watched, joined long ago), in
 * ONE UPDATE, so a campaign of N recipients can be queued. At 5M members the seeded population
 * holds only ~25k dormant, far below the 900k the target is about.
 */
export function makeDormant(sqlite: Database.Database, n: number, at: number): number {
  return sqlite
    .prepare(
      `UPDATE members SET status = 'dormant', dormant_reason = 'inactive', last_viewed_at = @viewed,
         dormant_since = @viewed + 730 * ${DAY}, status_changed_at = @at, last_contacted_at = NULL
       WHERE id IN (SELECT id FROM members WHERE status <> 'cancelled' ORDER BY id LIMIT @n)`,
    )
    .run({ n, at, viewed: at - 900 * DAY }).changes;
}

/**
 * An approved batch of N members (made dormant first): a closed campaign whose message was sent
 * 40 days ago with no response, and a batch proposing all of them, approved by a second person.
 */
export function prepareApprovedBatch(sqlite: Database.Database, n: number, at: number): { batchId: number; members: number } {
  const policyId = latestPolicyId(sqlite);
  const staffId = benchStaffId(sqlite);
  return sqlite
    .transaction(() => {
      const members = makeDormant(sqlite, n, at);
      sqlite.exec('DROP TABLE IF EXISTS temp.bench_pick');
      sqlite
        .prepare(`CREATE TEMP TABLE bench_pick AS SELECT id FROM members WHERE status <> 'cancelled' ORDER BY id LIMIT ?`)
        .run(n);
      sqlite.exec(`UPDATE members SET status = 'proposed' WHERE id IN (SELECT id FROM temp.bench_pick)`);
      const campaignId = Number(
        sqlite
          .prepare(
            `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, send_started_at, deadline_at, closed_at, created_by, created_at, updated_at)
             VALUES ('Bench batch campaign', 'closed', ?, '{}', 'email', 0, 1, ?, ?, ?, ?, ?, ?)`,
          )
          .run(policyId, at - 40 * DAY, at - 10 * DAY, at - 10 * DAY, staffId, at - 41 * DAY, at - 10 * DAY).lastInsertRowid,
      );
      const variantId = Number(
        sqlite
          .prepare(
            `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, subject_template, body_template) VALUES (?, 'A', 'A', 100, 'Keep?', 'Keep?')`,
          )
          .run(campaignId).lastInsertRowid,
      );
      sqlite
        .prepare(
          `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at, attempts, sent_at, outcome)
           SELECT ?, id, ?, 'email', 'sent', ?, 1, ?, 'no_response' FROM temp.bench_pick`,
        )
        .run(campaignId, variantId, at - 41 * DAY, at - 40 * DAY);
      const batchId = Number(
        sqlite
          .prepare(
            `INSERT INTO batches (campaign_id, policy_version_id, status, proposed_at, proposer_id, submitted_at, decided_by, decided_at, decision_comment)
             VALUES (?, ?, 'approved', ?, ?, ?, ?, ?, 'bench')`,
          )
          .run(campaignId, policyId, at - 9 * DAY, staffId, at - 9 * DAY, staffId, at - 8 * DAY).lastInsertRowid,
      );
      sqlite
        .prepare(
          `INSERT INTO batch_members (batch_id, member_id, campaign_member_id, state, price_minor, currency, country, plan)
           SELECT ?, m.id, cm.id, 'included', m.price_minor, m.currency, m.country, m.plan
           FROM campaign_members cm JOIN members m ON m.id = cm.member_id WHERE cm.campaign_id = ?`,
        )
        .run(batchId, campaignId);
      sqlite.exec('DROP TABLE temp.bench_pick');
      return { batchId, members };
    })
    .immediate();
}

/** A draft campaign over `segment` with two 50/50 variants and a 10% holdout (as a CX manager would set it up). */
export function createBenchCampaign(
  sqlite: Database.Database,
  c: { name: string; seed: number; segment: unknown; at: number },
): number {
  const id = Number(
    sqlite
      .prepare(
        `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, created_by, created_at, updated_at)
         VALUES (?, 'draft', ?, ?, 'email', 10, ?, ?, ?, ?)`,
      )
      .run(c.name, latestPolicyId(sqlite), JSON.stringify(c.segment), c.seed, benchStaffId(sqlite), c.at, c.at).lastInsertRowid,
  );
  const variant = sqlite.prepare(
    `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, offer, subject_template, body_template) VALUES (?, ?, ?, 50, 'none', 'Still there?', 'Keep it?')`,
  );
  variant.run(id, 'A', 'A');
  variant.run(id, 'B', 'B');
  return id;
}
