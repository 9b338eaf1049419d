import type Database from 'better-sqlite3';

// Test fixtures: a campaign with a variant and queued recipients, written with plain SQL so the
// delivery tests do not depend on the campaign UI.

export type FixtureCampaign = { campaignId: number; variantId: number; recipientIds: number[]; memberIds: number[] };

let counter = 0;

export function seedQueuedCampaign(
  sqlite: Database.Database,
  o: {
    recipients: number;
    channel?: 'email' | 'in_app';
    status?: 'sending' | 'paused' | 'draft';
    at?: number;
    deadlineAt?: number;
    subject?: string;
    body?: string;
    displayName?: (i: number) => string;
    emailDomain?: string;
  },
): FixtureCampaign {
  const at = o.at ?? Date.now();
  const tag = `${process.pid}-${++counter}`;
  return sqlite
    .transaction(() => {
      const campaignId = Number(
        sqlite
          .prepare(
            `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, send_started_at,
               deadline_at, created_by, created_at, updated_at)
             VALUES (?, ?, 1, '{}', ?, 0, 1, ?, ?, 1, ?, ?)`,
          )
          .run(
            `Test campaign ${tag}`,
            o.status ?? 'sending',
            o.channel ?? 'email',
            at,
            o.deadlineAt ?? at + 30 * 86_400_000,
            at,
            at,
          ).lastInsertRowid,
      );
      const variantId = Number(
        sqlite
          .prepare(
            `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, offer, subject_template, body_template)
             VALUES (?, 'A', 'Variant A', 100, 'none', ?, ?)`,
          )
          .run(
            campaignId,
            o.subject ?? 'Last chance, {{first_name}}',
            o.body ?? 'Hello {{first_name}},\nkeep your {{plan}} plan: {{keep_link}}',
          ).lastInsertRowid,
      );
      const addMember = sqlite.prepare(
        `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at,
           status, status_changed_at, dormant_reason, dormant_since)
         VALUES (?, ?, ?, 'GB', 'standard', 1099, 'GBP', ?, 'dormant', ?, 'never_watched', ?)`,
      );
      const addRecipient = sqlite.prepare(
        `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at)
         VALUES (?, ?, ?, ?, 'queued', ?)`,
      );
      const memberIds: number[] = [];
      const recipientIds: number[] = [];
      for (let i = 0; i < o.recipients; i++) {
        const accountId = `T${tag}-${i}`;
        const memberId = Number(
          addMember.run(
            accountId,
            `m${i}.${tag}@${o.emailDomain ?? 'example.test'}`,
            o.displayName?.(i) ?? `Member${i} Test`,
            at - 800 * 86_400_000,
            at,
            at - 400 * 86_400_000,
          ).lastInsertRowid,
        );
        memberIds.push(memberId);
        recipientIds.push(Number(addRecipient.run(campaignId, memberId, variantId, o.channel ?? 'email', at).lastInsertRowid));
      }
      return { campaignId, variantId, recipientIds, memberIds };
    })
    .immediate();
}

export function recipientRows(sqlite: Database.Database, campaignId: number) {
  return sqlite
    .prepare(
      `SELECT cm.id, cm.status, cm.attempts, cm.sent_at AS sentAt, cm.failed_reason AS failedReason,
              cm.excluded_reason AS excludedReason, m.email, m.status AS memberStatus, m.last_contacted_at AS lastContactedAt
       FROM campaign_members cm JOIN members m ON m.id = cm.member_id WHERE cm.campaign_id = ? ORDER BY cm.id`,
    )
    .all(campaignId) as {
    id: number;
    status: string;
    attempts: number;
    sentAt: number | null;
    failedReason: string | null;
    excludedReason: string | null;
    email: string;
    memberStatus: string;
    lastContactedAt: number | null;
  }[];
}

export async function waitFor(cond: () => boolean, timeoutMs = 15_000, stepMs = 25): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
