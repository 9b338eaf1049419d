import { MESSAGE_MEMBER_SQL } from '@/db/campaign-messages.sql';
import { STATUS_IDX_TERM } from '@/db/schema/members';
import { currentPolicyRow } from '@/db/segments';
import { assignArm } from '@/lib/domain/campaigns/assignment';
import type { VariantDraft } from '@/lib/domain/campaigns/draft';
import { templateFor } from '@/lib/domain/campaigns/localized';
import { type MessageMember, messageVars } from '@/lib/domain/campaigns/message-vars';
import { renderHtml, renderText } from '@/lib/domain/campaigns/template';
import { oneLine, wrapHtml } from '@/lib/domain/delivery/message-html';
import { keepLinkFor } from '@/lib/keep/keep-link';
import { DAY_MS, startOfUtcDay } from '@/lib/runtime/clock';
import { type Candidate, matches, SEED_A, SEED_B, segmentFor, VARIANT_C } from './campaign-history-plan';
import type { SeedContext } from './context';
import { adjustDailyCounts, type DailyShift, memberDailyShift } from './daily-counts';
import { seedLeaveAnswer } from './keep-answers';

// Two years of past last-chance campaigns, consistent with the viewing data:
// - about one a month (23 months back to 12 days ago), each on a different segment, 2–3 variants,
//   a holdout; recipients were dormant at the send date (dormant_since before it);
// - outcomes at realistic rates (3–8% confirm, 1–4% reactivate, the offer variant a little higher,
//   the holdout only reactivates); a reactivated member gets a real viewing event after the send
//   and before the deadline, and their member row and the daily dormant counts follow;
// - messages rows for the sent ones, last_contacted_at, members still waiting 'notified';
// - deadline = send + 30 days; all closed except the most recent, awaiting responses.
// Each member is in at most one past campaign; a third of the dormant pool is never taken and
// only ~35% of a segment is, so the demo still has dormant members for new campaigns.

const MONTHS = 23; // the oldest reactivation view + 730 days stays in the future: nobody re-lapses
const TAKE_SHARE = 0.35;

export function seedCampaignHistory(ctx: SeedContext): { campaigns: number; assigned: number; reactivated: number } {
  const { sqlite, now, rng, log } = ctx;
  const policy = currentPolicyRow(sqlite);
  const candidates = sqlite
    .prepare(
      `SELECT id, country, plan, dormant_reason AS reason, dormant_since AS since, email FROM members
       WHERE ${STATUS_IDX_TERM} AND status = 'dormant' AND dormant_since IS NOT NULL ORDER BY id`,
    )
    .all() as Candidate[];
  if (!candidates.length) {
    log('Campaign history: no dormant members, nothing to seed.');
    return { campaigns: 0, assigned: 0, reactivated: 0 };
  }
  const countries = [...new Set(candidates.map((c) => c.country))].sort();
  const plans = [...new Set(candidates.map((c) => c.plan))].sort();
  const used = new Set<number>();
  const titleIds = sqlite.prepare('SELECT country, title_id AS t FROM popular_titles WHERE rank <= 10').all() as {
    country: string;
    t: number;
  }[];
  const anyTitle = (sqlite.prepare('SELECT min(id) AS id FROM titles').get() as { id: number | null }).id ?? 1;
  const titleFor = (country: string) => {
    const ts = titleIds.filter((x) => x.country === country);
    return ts.length ? ts[Math.floor(rng() * ts.length)]!.t : anyTitle;
  };

  const st = {
    campaign: sqlite.prepare(
      `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, scheduled_at, send_started_at,
         deadline_at, closed_at, created_by, created_at, updated_at)
       VALUES (@name, @status, @policy, @segment, 'email', @holdout, @seed, @sendAt, @sendAt, @deadline, @closedAt, 0, @createdAt, @updatedAt)`,
    ),
    variant: sqlite.prepare(
      `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, offer, subject_template, body_template)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    translation: sqlite.prepare(
      'INSERT INTO campaign_variant_translations (variant_id, language, subject_template, body_template) VALUES (?, ?, ?, ?)',
    ),
    recipient: sqlite.prepare(
      `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, excluded_reason, assigned_at, attempts,
         sent_at, failed_reason, confirmed_at, offer_accepted, reactivated_at, outcome)
       VALUES (@c, @m, @v, @channel, @status, @reason, @assignedAt, @attempts, @sentAt, @failed, @confirmedAt, @offer, @reactAt, @outcome)`,
    ),
    member: sqlite.prepare(
      `SELECT m.id, ${MESSAGE_MEMBER_SQL.fields}, m.email FROM members m ${MESSAGE_MEMBER_SQL.join} WHERE m.id = ?`,
    ),
    message: sqlite.prepare(
      `INSERT INTO messages (campaign_member_id, channel, to_address, subject, body_html, body_text, language, created_at, delivered_at, server_response)
       VALUES (?, 'email', ?, ?, ?, ?, ?, ?, ?, '250 2.0.0 OK (demo history)')`,
    ),
    keep: sqlite.prepare('INSERT INTO keep_confirmations (campaign_member_id, confirmed_at) VALUES (?, ?)'),
    view: sqlite.prepare(
      'INSERT OR IGNORE INTO viewing_events (member_id, watched_at, title_id, seconds_watched) VALUES (?, ?, ?, ?)',
    ),
    reactivate: sqlite.prepare(
      `UPDATE members SET last_viewed_at = @at, last_title_id = @title, status = 'active', dormant_reason = NULL, dormant_since = NULL,
         status_changed_at = @at WHERE id = @id`,
    ),
    contacted: sqlite.prepare(
      `UPDATE members SET last_contacted_at = max(coalesce(last_contacted_at, 0), @at),
         status = CASE WHEN @notify AND status = 'dormant' THEN 'notified' ELSE status END WHERE id = @id`,
    ),
  };

  let assignedTotal = 0;
  let reactivatedTotal = 0;
  const shifts: DailyShift[] = [];
  const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

  sqlite.transaction(() => {
    for (let k = MONTHS; k >= 0; k--) {
      const last = k === 0;
      const sendAt = last
        ? startOfUtcDay(now - 12 * DAY_MS) + 10 * 3_600_000
        : startOfUtcDay(now - k * 30.4 * DAY_MS) + 10 * 3_600_000;
      const deadline = sendAt + 30 * DAY_MS;
      const { label, segment } = segmentFor(MONTHS - k, countries, plans);
      const members = candidates.filter(
        (c) => c.id % 3 !== 0 && !used.has(c.id) && matches(c, segment, sendAt) && rng() < TAKE_SHARE,
      );
      if (members.length < 5) continue;
      const three = rng() < 0.4;
      const variants: VariantDraft[] = three
        ? [
            { ...SEED_A, splitPct: 34 },
            { ...SEED_B, splitPct: 33 },
            { ...VARIANT_C, splitPct: 33 },
          ]
        : [SEED_A, SEED_B];
      const holdout = rng() < 0.5 ? 10 : 15;
      const seed = Math.floor(rng() * 2 ** 32);
      const status = last ? 'awaiting_responses' : 'closed';
      const { lastInsertRowid } = st.campaign.run({
        name: `Last chance · ${monthName.format(sendAt)} · ${label}`,
        status,
        policy: policy.id,
        segment: JSON.stringify(segment),
        holdout,
        seed,
        sendAt,
        deadline,
        closedAt: last ? null : deadline,
        createdAt: sendAt - 3 * DAY_MS,
        updatedAt: last ? sendAt : deadline,
      });
      const campaignId = Number(lastInsertRowid);
      const ids = variants.map((v) => {
        const r = st.variant.run(campaignId, v.key, v.name, v.splitPct, v.offer, v.subjectTemplate, v.bodyTemplate);
        for (const t of v.translations) st.translation.run(r.lastInsertRowid, t.language, t.subjectTemplate, t.bodyTemplate);
        return { id: Number(r.lastInsertRowid), splitPct: v.splitPct, v };
      });
      // Per-campaign rates: confirm 3–8%, reactivate 1–4%; the offer variant a little higher.
      const confirmBase = 0.03 + rng() * 0.05;
      const reactBase = 0.01 + rng() * 0.03;

      for (const c of members) {
        used.add(c.id);
        const assignedAt = sendAt - DAY_MS;
        if (!c.email) {
          st.recipient.run({
            c: campaignId,
            m: c.id,
            v: null,
            channel: 'none',
            status: 'excluded',
            reason: 'no_email',
            assignedAt,
            attempts: 0,
            sentAt: null,
            failed: null,
            confirmedAt: null,
            offer: 0,
            reactAt: null,
            outcome: 'pending',
          });
          continue;
        }
        assignedTotal++;
        const armId = assignArm(seed, c.id, holdout, ids);
        const arm = ids.find((x) => x.id === armId);
        const failed = arm && rng() < 0.01;
        const sentAt = arm && !failed ? sendAt + Math.floor(rng() * 3_600_000) : null;
        const boost = arm?.v.offer === 'free_month' ? 1.3 : 1;
        const u = rng();
        const latest = Math.min(deadline, now) - 1;
        let outcome = last ? 'pending' : 'no_response';
        let confirmedAt: number | null = null;
        let reactAt: number | null = null;
        let leaveAt: number | null = null;
        const from = sentAt ?? assignedAt;
        const when = () => from + 60_000 + Math.floor(rng() * Math.max(1, latest - from - 60_000));
        if (sentAt && u < confirmBase * boost) {
          confirmedAt = when();
          if (confirmedAt < latest) outcome = 'confirmed';
          else confirmedAt = null;
        } else if ((sentAt || !arm) && u < (arm ? confirmBase * boost : 0) + reactBase * (arm ? boost : 0.8)) {
          // Reactivated = a view after the message was sent (holdout: after assignment): a recipient
          // whose send failed was never asked, so a view of theirs is not a win-back (DOMAIN.md).
          reactAt = when();
          if (reactAt < latest) outcome = 'reactivated';
          else reactAt = null;
        } else if (sentAt && u > 0.96) {
          // About 4% answer "cancel now" on the keep page (chose to leave).
          leaveAt = when();
          if (leaveAt < latest) outcome = 'chose_to_leave';
          else leaveAt = null;
        }
        const r = st.recipient.run({
          c: campaignId,
          m: c.id,
          v: arm ? arm.id : null,
          channel: arm ? 'email' : 'none',
          status: !arm ? 'holdout' : failed ? 'failed' : 'sent',
          reason: null,
          assignedAt,
          attempts: arm ? (failed ? 3 : 1) : 0,
          sentAt,
          failed: failed ? '550 5.1.1 mailbox unavailable' : null,
          confirmedAt,
          // On an offer variant, most who keep take the offer; the others keep without it.
          offer: confirmedAt && arm?.v.offer !== 'none' && rng() < 0.7 ? 1 : 0,
          reactAt,
          outcome,
        });
        const cmId = Number(r.lastInsertRowid);
        if (confirmedAt) st.keep.run(cmId, confirmedAt);
        if (leaveAt && arm) {
          st.keep.run(cmId, leaveAt);
          const at = leaveAt;
          const l = { campaignMemberId: cmId, campaignId, variantId: arm.id, memberId: c.id, at, now, rng };
          const shift = seedLeaveAnswer(sqlite, { ...l, retentionDays: policy.retentionDays });
          if (shift) shifts.push(shift);
        }
        if (sentAt && arm) {
          const m = st.member.get(c.id) as MessageMember & { email: string };
          const t = templateFor(arm.v, m.language, 'en');
          const vars = messageVars({ ...m, language: t.locale }, arm.v.offer, keepLinkFor(cmId, deadline), sendAt, deadline);
          st.message.run(
            cmId,
            m.email,
            oneLine(renderText(t.subjectTemplate, vars)),
            wrapHtml(renderHtml(t.bodyTemplate, vars), t.language),
            renderText(t.bodyTemplate, vars),
            t.language,
            sentAt,
            sentAt,
          );
          // Still waiting for an answer (the open campaign, or no answer yet a batch decides): notified.
          st.contacted.run({ id: c.id, at: sentAt, notify: outcome === 'pending' || outcome === 'no_response' ? 1 : 0 });
        }
        if (reactAt) {
          // A real view: the member is active from that instant, and leaves the daily dormant counts.
          shifts.push(memberDailyShift(sqlite, c.id, reactAt, -1));
          const title = titleFor(c.country);
          st.view.run(c.id, reactAt, title, 600 + Math.floor(rng() * 5400));
          st.reactivate.run({ id: c.id, at: reactAt, title });
          reactivatedTotal++;
        }
      }
    }
  })();
  if (shifts.length) adjustDailyCounts(sqlite, shifts);
  const campaigns = (sqlite.prepare('SELECT count(*) AS n FROM campaigns').get() as { n: number }).n;
  return { campaigns, assigned: assignedTotal, reactivated: reactivatedTotal };
}
