import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latestPerMember, memberChunks, memberOrder, viewColumns } from './views';

const event = fc.record({
  memberId: fc.integer({ min: 1, max: 40 }),
  watchedAt: fc.integer({ min: 0, max: 20 }),
  title: fc.constantFrom('A', 'B', ' C '),
  seconds: fc.nat(100),
});

describe('memberOrder', () => {
  it('orders by member, keeping input order within a member (a stable sort)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 200 }), (ids) => {
        const expected = ids.map((m, i) => [m, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect([...memberOrder(ids, ids.length)]).toEqual(expected.map(([, i]) => i));
      }),
    );
  });
});

describe('latestPerMember', () => {
  it('gives each member, in id order, its latest view and that view’s title (ties: the later event)', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 120 }), (events) => {
        const v = viewColumns(events);
        const titleIds = v.titles.map((_, i) => 100 + i);
        const flat = latestPerMember(v, memberOrder(v.memberId, v.length), titleIds);
        const reference = new Map<number, [number, number]>();
        events.forEach((e, i) => {
          const cur = reference.get(e.memberId);
          if (!cur || e.watchedAt >= cur[0]) reference.set(e.memberId, [e.watchedAt, titleIds[v.title[i] as number] as number]);
        });
        const expected = [...reference.entries()].sort((a, b) => a[0] - b[0]).flatMap(([m, [w, t]]) => [m, w, t]);
        expect(flat).toEqual(expected);
      }),
    );
  });

  it('shares one title entry between events naming the same title (trimmed)', () => {
    const v = viewColumns([
      { memberId: 1, watchedAt: 1, title: 'Night Train ', seconds: 1 },
      { memberId: 2, watchedAt: 1, title: 'Night Train', seconds: 1 },
      { memberId: 2, watchedAt: 2, titleId: 7, seconds: 1 },
    ]);
    expect(v.titles).toEqual([{ name: 'Night Train' }, { id: 7 }]);
    expect([...(v.title as Int32Array)]).toEqual([0, 0, 1]);
  });
});

describe('memberChunks', () => {
  it('cuts the flat list into whole members, at most `perChunk` each', () => {
    const latest = [1, 10, 5, 2, 11, 5, 3, 12, 6];
    expect(memberChunks(latest, 2)).toEqual([
      { rows: [1, 10, 5, 2, 11, 5], ids: [1, 2] },
      { rows: [3, 12, 6], ids: [3] },
    ]);
  });
});
