import { describe, expect, it } from 'vitest';
import { type AuditRow, summariseAudit } from './audit-summary';

const T = Date.UTC(2026, 11, 4, 14, 2, 0);
let nextId = 1000;
const row = (over: Partial<AuditRow>): AuditRow => ({
  id: nextId--,
  at: T,
  actorLabel: 'api',
  action: 'api.events',
  entityType: 'viewing_events',
  entityId: null,
  before: null,
  after: JSON.stringify({ received: 10, rejected: 1, inserted: 9 }),
  ...over,
});

describe('audit page summary of machine writes', () => {
  it('folds an API caller’s entries of one minute into one line with their totals; people stay one line each', () => {
    const rows = [
      row({ at: T + 50_000 }),
      row({ at: T + 40_000, actorLabel: 'admin@rekindle.local', action: 'staff.create', after: null }),
      row({ at: T + 30_000 }),
      row({ at: T + 1_000 }),
      row({ at: T - 1_000 }), // the minute before: a line of its own
    ];
    const { lines, consumed } = summariseAudit(rows, 10);
    expect(consumed).toBe(5);
    expect(lines.map((l) => l.kind)).toEqual(['summary', 'entry', 'entry']);
    const first = lines[0];
    if (first?.kind !== 'summary') throw new Error('expected a summary');
    expect(first.summary).toMatchObject({ count: 3, firstAt: T + 1_000, lastAt: T + 50_000, minute: T });
    expect(first.summary.totals).toEqual({ received: 30, rejected: 3, inserted: 27 });
    expect(lines[2]).toMatchObject({ kind: 'entry', row: { at: T - 1_000 } });
  });

  it('3,000 calls in ten minutes make ten lines, not 3,000', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row({ at: T + 599_999 - i * 200 }));
    const { lines, consumed } = summariseAudit(rows, 50);
    expect(lines).toHaveLength(10);
    expect(consumed).toBe(3000);
    expect(lines.reduce((n, l) => n + (l.kind === 'summary' ? l.summary.count : 1), 0)).toBe(3000);
  });

  it('stops at the page size and says how many rows it used', () => {
    const rows = Array.from({ length: 5 }, (_, i) =>
      row({ actorLabel: 'cx@rekindle.local', action: 'campaign.create', at: T - i }),
    );
    const { lines, consumed } = summariseAudit(rows, 3);
    expect(lines).toHaveLength(3);
    expect(consumed).toBe(3);
  });
});
