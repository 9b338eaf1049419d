import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getSqlite } from '@/lib/testing/db';
import { applyMemberDeltas, refreshMarks, refreshMemberHistogram } from './metrics-refresh';

// The member histogram kept by deltas (member triggers + applyMemberDeltas) must equal a full
// rebuild after any mix of writes: views, status moves (scan, campaign, batch, cancellation,
// rejoin), new members (import), erasure, a plan change, and new UTC days in between.

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-10T09:00:00Z');
const STATUSES = ['active', 'dormant', 'notified', 'proposed', 'cancelled'] as const;
const COUNTRIES = ['US', 'GB', 'DE'];

const histogram = (db: ReturnType<typeof getSqlite>) =>
  db
    .prepare(
      `SELECT country, plan, currency, watched, days, in_campaign, n, price_minor FROM metrics_member_histogram
       ORDER BY country, plan, currency, watched, days, in_campaign`,
    )
    .all();

const write = fc.oneof(
  fc.record({ kind: fc.constant('view' as const), id: fc.nat(39), hoursAgo: fc.nat(24 * 900) }),
  fc.record({
    kind: fc.constant('status' as const),
    ids: fc.array(fc.nat(39), { maxLength: 8 }),
    status: fc.constantFrom(...STATUSES),
  }),
  fc.record({ kind: fc.constant('insert' as const), daysAgo: fc.nat(4000), watchedDaysAgo: fc.option(fc.nat(4000)) }),
  fc.record({ kind: fc.constant('erase' as const), id: fc.nat(39) }),
  fc.record({ kind: fc.constant('plan' as const), id: fc.nat(39), plan: fc.constantFrom('basic', 'premium') }),
  fc.record({ kind: fc.constant('apply' as const) }),
  fc.record({ kind: fc.constant('nextDay' as const), days: fc.integer({ min: 1, max: 3 }) }),
);

describe('incremental member histogram', () => {
  it('equals a full rebuild after random writes, applied at any moments and across UTC days', () => {
    const db = getSqlite();
    let nextId = 1000;
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 30 }), (writes) => {
        db.exec('DELETE FROM members; DELETE FROM metrics_member_deltas; DELETE FROM metrics_refresh');
        const ins = db.prepare(
          `INSERT INTO members (id, account_id, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at)
           VALUES (?, ?, ?, 'basic', ?, 'USD', ?, ?, ?, ?)`,
        );
        for (let i = 0; i < 40; i++) {
          const joined = T0 - (i * 97 + 13) * DAY;
          ins.run(
            i,
            `m${i}`,
            COUNTRIES[i % 3],
            500 + i,
            joined,
            i % 4 === 0 ? null : joined + (i * 31 * DAY) / 3,
            STATUSES[i % 5],
            T0,
          );
        }
        refreshMemberHistogram(db, T0);
        let now = T0;
        for (const w of writes) {
          if (w.kind === 'view')
            db.prepare('UPDATE members SET last_viewed_at = max(coalesce(last_viewed_at, 0), ?) WHERE id = ?').run(
              now - w.hoursAgo * 3_600_000,
              w.id,
            );
          else if (w.kind === 'status')
            db.prepare(`UPDATE members SET status = ? WHERE id IN (SELECT value FROM json_each(?))`).run(
              w.status,
              JSON.stringify(w.ids),
            );
          else if (w.kind === 'insert') {
            const id = nextId++;
            const watched = w.watchedDaysAgo === null ? null : now - Math.min(w.watchedDaysAgo, w.daysAgo) * DAY;
            ins.run(id, `n${id}`, 'GB', 700, now - w.daysAgo * DAY, watched, 'active', now);
          } else if (w.kind === 'erase') db.prepare('DELETE FROM members WHERE id = ?').run(w.id);
          else if (w.kind === 'plan') db.prepare('UPDATE members SET plan = ? WHERE id = ?').run(w.plan, w.id);
          else if (w.kind === 'apply') applyMemberDeltas(db, now);
          else now += w.days * DAY;
        }
        applyMemberDeltas(db, now);
        expect(refreshMarks(db).members?.day).toBe(new Date(now).toISOString().slice(0, 10));
        const incremental = histogram(db);
        refreshMemberHistogram(db, now);
        expect(incremental).toEqual(histogram(db));
      }),
      { numRuns: 150 },
    );
  });

  it('a view that reactivates a dormant member moves them out of the dormant buckets at the next apply', () => {
    const db = getSqlite();
    db.exec('DELETE FROM members; DELETE FROM metrics_member_deltas; DELETE FROM metrics_refresh');
    db.prepare(
      `INSERT INTO members (id, account_id, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at)
       VALUES (1, 'a', 'US', 'basic', 999, 'USD', ?, ?, 'dormant', ?)`,
    ).run(T0 - 2000 * DAY, T0 - 800 * DAY, T0);
    refreshMemberHistogram(db, T0);
    const daysOf = () => (db.prepare('SELECT days FROM metrics_member_histogram').all() as { days: number }[]).map((r) => r.days);
    expect(daysOf()).toEqual([800]);
    db.prepare("UPDATE members SET last_viewed_at = ?, status = 'active' WHERE id = 1").run(T0 + 60_000);
    expect(daysOf()).toEqual([800]);
    expect(applyMemberDeltas(db, T0 + 61_000)).toBe(true);
    expect(daysOf()).toEqual([0]);
    expect(applyMemberDeltas(db, T0 + 62_000)).toBe(false);
  });
});
