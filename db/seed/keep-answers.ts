import type Database from 'better-sqlite3';
import { paidPeriodEnd } from '@/lib/domain/keep/period';
import { DAY_MS } from '@/lib/domain/time';
import { LEAVE_REASONS } from '@/lib/domain/values';
import { type DailyShift, memberDailyShift } from './daily-counts';

// Demo "cancel now" answers on the keep page: a leave request with a reason (some with a note),
// and, once the paid month has ended by the seed's "now", the member cancelled at their own
// request, as the period-end job (lib/keep/cancel-chosen-to-leave.ts) would have done.

const NOTES = [
  'Prices went up again and I barely use it.',
  'Nothing new in my language lately.',
  'The app keeps crashing on my TV.',
  'Trying another service for a while, might come back.',
];

export type DemoLeave = {
  campaignMemberId: number;
  campaignId: number;
  variantId: number;
  memberId: number;
  at: number;
  now: number;
  retentionDays: number;
  rng: () => number;
};

/** Records one demo leave answer; returns the dormant-count shift when the member is cancelled by `now`. */
export function seedLeaveAnswer(sqlite: Database.Database, l: DemoLeave): DailyShift | null {
  const m = sqlite
    .prepare('SELECT joined_at AS joinedAt, price_minor AS price, currency, country, plan FROM members WHERE id = ?')
    .get(l.memberId) as { joinedAt: number; price: number; currency: string; country: string; plan: string };
  const endsAt = paidPeriodEnd(m.joinedAt, l.at);
  const reason = l.rng() < 0.15 ? null : LEAVE_REASONS[Math.floor(l.rng() * LEAVE_REASONS.length)]!;
  const note = l.rng() < 0.3 ? NOTES[Math.floor(l.rng() * NOTES.length)]! : null;
  const due = endsAt <= l.now;
  sqlite
    .prepare(
      `INSERT INTO leave_requests (campaign_member_id, campaign_id, variant_id, member_id, reason, note, requested_at, ends_at, cancelled_at, price_minor, currency, country, plan)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      l.campaignMemberId,
      l.campaignId,
      l.variantId,
      l.memberId,
      reason,
      note,
      l.at,
      endsAt,
      due ? endsAt : null,
      m.price,
      m.currency,
      m.country,
      m.plan,
    );
  if (!due) return null;
  const shift = memberDailyShift(sqlite, l.memberId, endsAt, -1);
  sqlite
    .prepare(
      `UPDATE members SET status = 'cancelled', status_changed_at = @endsAt, cancelled_at = @endsAt, cancelled_batch_id = NULL,
         cancellation_source = 'member_request', retention_until = @endsAt + @ret WHERE id = @id`,
    )
    .run({ id: l.memberId, endsAt, ret: l.retentionDays * DAY_MS });
  return shift;
}
