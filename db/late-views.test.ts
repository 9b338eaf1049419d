import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Cancellation, LATE_VIEW_TRUST_DAYS, undoneCancellations } from '@/lib/domain/batches/late-views';
import { DAY_MS } from '@/lib/domain/time';
import { getSqlite } from '@/lib/testing/db';
import { API_ACTOR } from './audit';
import { runUnitOfWork } from './unit-of-work';
import { recordViews } from './viewing';

// The set-based late-view statements (db/viewing.sql.ts LATE_VIEW_SQL, run by recordViews) against the
// pure rule (lib/domain/batches/late-views.ts) on generated members and views.

const CANCELLED = Date.parse('2026-10-01T12:00:00Z');
const s = () => getSqlite();

type Gen = { kind: 'batch' | 'own' | 'active' | 'purged'; cancelDays: number; retentionDays: number };

function reset() {
  s().exec(`DELETE FROM viewing_events; DELETE FROM viewing_events_recent; DELETE FROM campaign_members; DELETE FROM members;
    DELETE FROM batches; DELETE FROM batch_members; DELETE FROM rejoins; DELETE FROM titles; DELETE FROM policy_versions;
    INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at) VALUES (365, 730, 30, 300, 'test', 0);
    INSERT INTO batches (id, campaign_id, policy_version_id, status, proposed_at, executed_at) VALUES (1, 1, 1, 'executed', 0, ${CANCELLED});`);
}

/** Inserts the generated members; returns their cancellation facts by id, as the rule sees them. */
function insertMembers(gens: Gen[]): Map<number, Cancellation> {
  const ins = s().prepare(
    `INSERT INTO members (account_id, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at,
       dormant_reason, dormant_since, cancelled_at, cancelled_batch_id, retention_until, purged_at)
     VALUES (?, 'GB', 'standard', 999, 'GBP', 0, ?, ?, 0, 'inactive', 1, ?, ?, ?, ?)`,
  );
  const bm = s().prepare(
    `INSERT INTO batch_members (batch_id, member_id, campaign_member_id, state, price_minor, currency, country, plan, decided_at)
     VALUES (1, ?, ?, 'cancelled', 1299, 'EUR', 'GB', 'standard', ?)`,
  );
  const out = new Map<number, Cancellation>();
  gens.forEach((g, i) => {
    const at = CANCELLED - g.cancelDays * DAY_MS;
    const c: Cancellation =
      g.kind === 'active'
        ? { status: 'active', cancelledAt: null, cancelledBatchId: null, retentionUntil: null, purgedAt: null }
        : {
            status: 'cancelled',
            cancelledAt: at,
            cancelledBatchId: g.kind === 'own' ? null : 1,
            retentionUntil: at + g.retentionDays * DAY_MS,
            purgedAt: g.kind === 'purged' ? at : null,
          };
    const id = Number(
      ins.run(`M${i}`, at - 400 * DAY_MS, c.status, c.cancelledAt, c.cancelledBatchId, c.retentionUntil, c.purgedAt)
        .lastInsertRowid,
    );
    if (c.cancelledBatchId) bm.run(id, id, at);
    out.set(id, c);
  });
  return out;
}

const record = (views: { memberId: number; watchedAt: number }[], now: number) =>
  runUnitOfWork(s(), API_ACTOR, now, ({ tx, actor }) =>
    recordViews(
      tx,
      views.map((v) => ({ ...v, title: 'T', seconds: 60 })),
      { now, actor },
    ),
  );

const restored = () =>
  s().prepare(`SELECT member_id FROM rejoins WHERE source = 'late_view' ORDER BY member_id`).pluck().all() as number[];

beforeEach(reset);

describe('late views (recordViews, set-based)', () => {
  it('undoes exactly the cancellations the pure rule undoes, once, on generated data', () => {
    const gen = fc.record({
      kind: fc.constantFrom<Gen['kind']>('batch', 'batch', 'batch', 'own', 'active', 'purged'),
      cancelDays: fc.integer({ min: 0, max: 40 }),
      retentionDays: fc.integer({ min: 1, max: 300 }),
    });
    fc.assert(
      fc.property(
        fc.array(gen, { minLength: 1, maxLength: 12 }),
        fc.array(fc.record({ m: fc.nat(11), offset: fc.integer({ min: -45 * DAY_MS, max: 2 * DAY_MS }) }), {
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 60 }),
        (gens, vs, daysLater) => {
          reset();
          const members = insertMembers(gens);
          const ids = [...members.keys()];
          const views = vs
            .filter((v) => v.m < ids.length)
            .map((v) => {
              const id = ids[v.m] as number;
              const c = members.get(id)?.cancelledAt ?? CANCELLED;
              return { memberId: id, watchedAt: c + v.offset };
            });
          const now = CANCELLED + daysLater * DAY_MS;
          const expected = undoneCancellations(members, views, now);
          // The audit log is append-only (a trigger): count this run's entries by id.
          const lastAudit = s().prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get();
          const r = record(views, now);
          expect(r.cancellationsUndone).toBe(expected.length);
          expect(restored()).toEqual(expected.map((u) => u.memberId));
          const after = s()
            .prepare(`SELECT id, status FROM members WHERE status = 'active' AND id IN (${ids.join(',')})`)
            .raw()
            .all() as [number, string][];
          const wasActive = ids.filter((id) => members.get(id)?.status === 'active');
          expect(after.map(([id]) => id).sort((a, b) => a - b)).toEqual(
            [...wasActive, ...expected.map((u) => u.memberId)].sort((a, b) => a - b),
          );
          const undone = s()
            .prepare(`SELECT member_id FROM batch_members WHERE state = 'undone' ORDER BY member_id`)
            .pluck()
            .all();
          expect(undone).toEqual(expected.map((u) => u.memberId));
          const audited = s()
            .prepare(`SELECT count(*) FROM audit_log WHERE action = 'member.cancellation_undone' AND id > ?`)
            .pluck()
            .get(lastAudit);
          expect(audited).toBe(expected.length);
          // Idempotent: the same views again, and later ones, undo nothing more. (Earlier ones could: a view
          // exactly at the cancellation restores nothing, one a millisecond before it does.)
          expect(record([...views, ...views.map((v) => ({ ...v, watchedAt: v.watchedAt + 1 }))], now).cancellationsUndone).toBe(
            0,
          );
          expect(restored()).toEqual(expected.map((u) => u.memberId));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('restores the member with the price at cancellation, clears the cancellation and dormancy, and says why on the batch row', () => {
    const [id] = [...insertMembers([{ kind: 'batch', cancelDays: 0, retentionDays: 300 }]).keys()];
    const watched = Date.parse('2026-10-01T09:30:00Z');
    record([{ memberId: id as number, watchedAt: watched }], CANCELLED + 2 * DAY_MS);
    expect(
      s()
        .prepare(
          'SELECT status, cancelled_at, cancelled_batch_id, retention_until, dormant_reason, dormant_since, last_viewed_at FROM members WHERE id = ?',
        )
        .get(id),
    ).toEqual({
      status: 'active',
      cancelled_at: null,
      cancelled_batch_id: null,
      retention_until: null,
      dormant_reason: null,
      dormant_since: null,
      last_viewed_at: watched,
    });
    expect(
      s().prepare('SELECT batch_id, cancelled_at, rejoined_at, price_minor, currency, source, by FROM rejoins').get(),
    ).toEqual({
      batch_id: 1,
      cancelled_at: CANCELLED,
      rejoined_at: CANCELLED + 2 * DAY_MS,
      price_minor: 1299,
      currency: 'EUR',
      source: 'late_view',
      by: 'api',
    });
    expect(s().prepare('SELECT state, reason FROM batch_members').get()).toEqual({
      state: 'undone',
      reason: 'Cancellation undone: watched 2026-10-01 09:30 UTC, before it; the view arrived late',
    });
  });

  it(`believes a view back to ${LATE_VIEW_TRUST_DAYS} days before the cancellation, in chunks of any size`, () => {
    const ms = [
      ...insertMembers(Array.from({ length: 700 }, () => ({ kind: 'batch' as const, cancelDays: 0, retentionDays: 300 }))).keys(),
    ];
    // Every other member has a believed view; all have one too old; 700 members span two member chunks.
    const views = ms.flatMap((id, i) => [
      { memberId: id, watchedAt: CANCELLED - (LATE_VIEW_TRUST_DAYS * DAY_MS + 1) },
      ...(i % 2 ? [{ memberId: id, watchedAt: CANCELLED - LATE_VIEW_TRUST_DAYS * DAY_MS }] : []),
    ]);
    expect(record(views, CANCELLED + DAY_MS).cancellationsUndone).toBe(350);
    expect(restored()).toEqual(ms.filter((_, i) => i % 2));
  });
});
