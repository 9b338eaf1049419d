/**
 * Daily dormant counts (`dormancy_daily`) for the demo seed.
 *
 * - `DailyCounter` accumulates, per (country, plan, reason, currency), how many members were dormant on
 *   each UTC day and the sum of their monthly prices, with a difference array (+1 on the first dormant
 *   day, −1 on the day after the last), so each member costs O(1) however long the spell.
 * - `writeDailyCounts` replaces the rows of every day in the counter's window (idempotent per day).
 *
 * For the other seed steps (campaign history, batch history), when they change a member's dormancy
 * from a given day onward:
 * - `adjustDailyCounts(sqlite, shifts)` adds `count` members and `monthlyMinor` to each day in
 *   [fromDay, untilDay) — untilDay defaults to "through the last day already in the table". Use a
 *   negative count to remove members (reactivated by a view, cancelled by a batch), positive to add.
 *   Pass all shifts in one call (they are merged per key). Runs in one transaction and refuses (throws, nothing written) if any count would go below zero.
 * - `memberDailyShift(sqlite, memberId, fromMs, count)` builds that shift for one member from its
 *   row (country, plan, dormant_reason, price, currency), e.g.
 *   `adjustDailyCounts(sqlite, [memberDailyShift(sqlite, id, reactivatedAt, -1)])`.
 *   The day of `fromMs` is the first day changed: a day counts a member who is dormant at its end
 *   (DOMAIN.md), so a view or a cancellation on day D already takes the member out of day D.
 */
import type Database from 'better-sqlite3';
import { DAY_MS, utcDay } from '@/lib/runtime/clock';

type Key = { country: string; plan: string; reason: string; currency: string };
type Series = Key & { count: Int32Array; money: Float64Array };

export class DailyCounter {
  readonly firstDay: number; // day number (ms / DAY_MS) of the window's first day
  readonly days: number;
  private series = new Map<string, Series>();

  constructor(firstDay: number, lastDay: number) {
    this.firstDay = firstDay;
    this.days = lastDay - firstDay + 1;
  }

  /** Adds one member dormant on days [fromDay, toDay) (day numbers), clipped to the window. */
  add(key: Key, monthlyMinor: number, fromDay: number, toDay: number) {
    const from = Math.max(fromDay, this.firstDay) - this.firstDay;
    const to = Math.min(toDay, this.firstDay + this.days) - this.firstDay;
    if (to <= from) return;
    const id = `${key.country}|${key.plan}|${key.reason}|${key.currency}`;
    let s = this.series.get(id);
    if (!s) {
      s = { ...key, count: new Int32Array(this.days + 1), money: new Float64Array(this.days + 1) };
      this.series.set(id, s);
    }
    s.count[from]! += 1;
    s.count[to]! -= 1;
    s.money[from]! += monthlyMinor;
    s.money[to]! -= monthlyMinor;
  }

  /** Non-zero (day, key, count, monthly) rows after the prefix sums. */
  *rows(): Generator<Key & { day: string; count: number; monthlyMinor: number }> {
    for (const s of this.series.values()) {
      let count = 0;
      let money = 0;
      for (let d = 0; d < this.days; d++) {
        count += s.count[d]!;
        money += s.money[d]!;
        if (count > 0) yield { ...s, day: utcDay((this.firstDay + d) * DAY_MS), count, monthlyMinor: money };
      }
    }
  }
}

/** Replaces every day of the counter's window in dormancy_daily with the counter's rows. */
export function writeDailyCounts(sqlite: Database.Database, counter: DailyCounter): number {
  const del = sqlite.prepare('DELETE FROM dormancy_daily WHERE day BETWEEN ? AND ?');
  const ins = sqlite.prepare(
    `INSERT INTO dormancy_daily (day, country, plan, reason, count, monthly_minor, currency) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  sqlite.transaction(() => {
    del.run(utcDay(counter.firstDay * DAY_MS), utcDay((counter.firstDay + counter.days - 1) * DAY_MS));
    for (const r of counter.rows()) {
      ins.run(r.day, r.country, r.plan, r.reason, r.count, r.monthlyMinor, r.currency);
      n++;
    }
  })();
  return n;
}

export type DailyShift = Key & {
  fromDay: string; // YYYY-MM-DD, first day changed
  untilDay?: string; // YYYY-MM-DD, exclusive; default: through the last day in the table
  count: number;
  monthlyMinor: number;
};

export function adjustDailyCounts(sqlite: Database.Database, shifts: DailyShift[]): void {
  if (shifts.length === 0) return;
  const last = (sqlite.prepare('SELECT max(day) AS d FROM dormancy_daily').get() as { d: string | null }).d;
  const dayNo = (day: string) => {
    const n = Date.parse(`${day}T00:00:00Z`) / DAY_MS;
    if (!Number.isInteger(n)) throw new Error(`Bad day in daily-count shift: ${day}`);
    return n;
  };
  // Merge all shifts per key into one difference map, so many members cost one pass over the days.
  const byKey = new Map<string, { key: Key; diff: Map<number, [number, number]> }>();
  let minDay = Number.POSITIVE_INFINITY;
  for (const s of shifts) {
    const from = dayNo(s.fromDay);
    const until = s.untilDay ? dayNo(s.untilDay) : last ? dayNo(last) + 1 : from;
    if (until <= from) continue;
    minDay = Math.min(minDay, from);
    const id = `${s.country}|${s.plan}|${s.reason}|${s.currency}`;
    let k = byKey.get(id);
    if (!k) {
      k = { key: { country: s.country, plan: s.plan, reason: s.reason, currency: s.currency }, diff: new Map() };
      byKey.set(id, k);
    }
    for (const [d, c, m] of [
      [from, s.count, s.monthlyMinor],
      [until, -s.count, -s.monthlyMinor],
    ] as const) {
      const cur = k.diff.get(d) ?? [0, 0];
      k.diff.set(d, [cur[0] + c, cur[1] + m]);
    }
  }
  if (byKey.size === 0) return;
  const upsert = sqlite.prepare(
    `INSERT INTO dormancy_daily (day, country, plan, reason, count, monthly_minor, currency) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (day, country, plan, reason, currency)
     DO UPDATE SET count = count + excluded.count, monthly_minor = monthly_minor + excluded.monthly_minor`,
  );
  const since = utcDay(minDay * DAY_MS);
  sqlite.transaction(() => {
    for (const { key, diff } of byKey.values()) {
      const days = [...diff.keys()].sort((a, b) => a - b);
      let c = 0;
      let m = 0;
      for (let i = 0; i < days.length - 1; i++) {
        const [dc, dm] = diff.get(days[i]!)!;
        c += dc;
        m += dm;
        if (c === 0 && m === 0) continue;
        for (let d = days[i]!; d < days[i + 1]!; d++)
          upsert.run(utcDay(d * DAY_MS), key.country, key.plan, key.reason, c, m, key.currency);
      }
    }
    const bad = sqlite
      .prepare('SELECT day, country, plan, reason, count FROM dormancy_daily WHERE day >= ? AND count < 0 LIMIT 1')
      .get(since);
    if (bad) throw new Error(`Daily dormant count would go below zero: ${JSON.stringify(bad)}`);
    sqlite.prepare('DELETE FROM dormancy_daily WHERE day >= ? AND count = 0').run(since);
  })();
}

/** The shift that adds (`count` = 1) or removes (−1) one member from the day of `fromMs` onward. */
export function memberDailyShift(
  sqlite: Database.Database,
  memberId: number,
  fromMs: number,
  count: 1 | -1,
  opts: { reason?: 'never_watched' | 'inactive'; untilMs?: number } = {},
): DailyShift {
  const m = sqlite
    .prepare('SELECT country, plan, price_minor AS price, currency, dormant_reason AS reason FROM members WHERE id = ?')
    .get(memberId) as { country: string; plan: string; price: number; currency: string; reason: string | null } | undefined;
  if (!m) throw new Error(`No member ${memberId}`);
  const reason = opts.reason ?? m.reason;
  if (!reason) throw new Error(`Member ${memberId} has no dormant reason; pass opts.reason`);
  return {
    country: m.country,
    plan: m.plan,
    reason,
    currency: m.currency,
    fromDay: utcDay(fromMs),
    untilDay: opts.untilMs === undefined ? undefined : utcDay(opts.untilMs),
    count,
    monthlyMinor: count * m.price,
  };
}
