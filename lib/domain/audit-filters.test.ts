import { describe, expect, it } from 'vitest';
import { parseAuditFilters } from './audit-filters';

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
