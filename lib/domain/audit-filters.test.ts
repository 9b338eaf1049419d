import { describe, expect, it } from 'vitest';
import { auditRange, parseAuditFilters } from './audit-filters';

describe('audit page filters', () => {
  it('keeps valid filters', () => {
    expect(parseAuditFilters({ actor: 'admin@rekindle.local', action: 'staff.create', before: '40' })).toEqual({
      filters: { actor: 'admin@rekindle.local', action: 'staff.create', before: 40 },
      problems: [],
    });
  });

  it('drops nonsense values and says which', () => {
    const r = parseAuditFilters({ action: 'DROP TABLE', before: '-3' });
    expect(r.filters).toEqual({});
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0]).toContain('action');
    expect(r.problems[1]).toContain('page position');
  });
});

describe('audit page filters: entity, dates, excluded action', () => {
  it('keeps them, and turns the date range into whole UTC days', () => {
    const r = parseAuditFilters({ entity: 'batch', from: '2026-12-01', to: '2026-12-03', exclude: 'api.events', each: '1' });
    expect(r).toEqual({
      filters: { entity: 'batch', from: '2026-12-01', to: '2026-12-03', exclude: 'api.events', each: '1' },
      problems: [],
    });
    expect(auditRange(r.filters)).toEqual({ fromAt: Date.UTC(2026, 11, 1), toBefore: Date.UTC(2026, 11, 4) });
  });

  it('drops an impossible date or a reversed range, saying so', () => {
    expect(parseAuditFilters({ from: '2026-13-45' }).problems[0]).toContain('“from” date');
    const r = parseAuditFilters({ from: '2026-12-05', to: '2026-12-01' });
    expect(r.filters).toEqual({});
    expect(r.problems[0]).toBe('Ignored the date range: 2026-12-05 is after 2026-12-01.');
  });
});
