import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs, type DayRunState, daysToRun, dueDay, nextCycleAt, nextStepOfDay } from './schedule';

const at = (iso: string) => Date.parse(iso);

describe('dueDay', () => {
  it('is today from the cycle hour on, yesterday before it', () => {
    expect(dueDay(at('2026-03-10T01:59:59Z'), 2)).toBe('2026-03-09');
    expect(dueDay(at('2026-03-10T02:00:00Z'), 2)).toBe('2026-03-10');
    expect(dueDay(at('2026-03-10T23:59:59Z'), 23)).toBe('2026-03-10');
    expect(dueDay(at('2026-03-10T00:00:00Z'), 0)).toBe('2026-03-10');
  });
  it('next cycle is the following day at the hour', () => {
    expect(new Date(nextCycleAt('2026-02-28', 2)).toISOString()).toBe('2026-03-01T02:00:00.000Z');
  });
});

describe('daysToRun (catch-up)', () => {
  it('a fresh database runs only the due day, never backfills', () => {
    expect(daysToRun(null, '2026-03-10')).toEqual(['2026-03-10']);
  });
  it('after downtime, each missed day once, in order, starting with the unfinished one', () => {
    expect(daysToRun('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysToRun('2026-03-10', '2026-03-10')).toEqual(['2026-03-10']);
  });
  it('a clock moved back runs nothing', () => {
    expect(daysToRun('2026-03-11', '2026-03-10')).toEqual([]);
  });
  it('every day between appears exactly once, ascending (generated)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 60 }), (startDay, span) => {
        const from = new Date(startDay * 86_400_000 + Date.UTC(2020, 0, 1)).toISOString().slice(0, 10);
        const to = new Date((startDay + span) * 86_400_000 + Date.UTC(2020, 0, 1)).toISOString().slice(0, 10);
        const days = daysToRun(from, to);
        expect(days.length).toBe(span + 1);
        expect(new Set(days).size).toBe(days.length);
        expect([...days].sort()).toEqual(days);
      }),
    );
  });
});

describe('backoffMs', () => {
  it('waits 1, 5, 15 minutes then an hour at most', () => {
    expect([1, 2, 3, 4, 9].map((n) => backoffMs(n) / 60_000)).toEqual([1, 5, 15, 60, 60]);
  });
});

describe('nextStepOfDay', () => {
  const order = ['scan', 'close', 'purge'];
  const s = (status: DayRunState['status'], extra: Partial<DayRunState> = {}): DayRunState => ({
    status,
    nextAttemptAt: null,
    leaseLive: false,
    ...extra,
  });
  it('runs the first job not done, in order', () => {
    expect(nextStepOfDay(order, new Map(), 0)).toEqual({ kind: 'run', job: 'scan' });
    expect(nextStepOfDay(order, new Map([['scan', s('done')]]), 0)).toEqual({ kind: 'run', job: 'close' });
  });
  it('a later job waits while an earlier one is failed and backing off', () => {
    const runs = new Map([['scan', s('failed', { nextAttemptAt: 100 })]]);
    expect(nextStepOfDay(order, runs, 50)).toEqual({ kind: 'wait', job: 'scan', until: 100 });
    expect(nextStepOfDay(order, runs, 100)).toEqual({ kind: 'run', job: 'scan' });
  });
  it('a run under a live lease is left to its owner; an expired one is taken over', () => {
    expect(nextStepOfDay(order, new Map([['scan', s('running', { leaseLive: true })]]), 0).kind).toBe('wait');
    expect(nextStepOfDay(order, new Map([['scan', s('running')]]), 0)).toEqual({ kind: 'run', job: 'scan' });
  });
  it('a day whose jobs are all done is done', () => {
    expect(nextStepOfDay(order, new Map(order.map((j) => [j, s('done')])), 0)).toEqual({ kind: 'day-done' });
  });
});
