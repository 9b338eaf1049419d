import { describe, expect, it } from 'vitest';
import { membersHref, parseMemberFilters } from './filters';

describe('parseMemberFilters', () => {
  it('accepts valid filters, normalising case', () => {
    expect(parseMemberFilters({ status: 'dormant', country: 'br', plan: 'Premium', q: 'rk-1a2b3c4', after: '120' })).toEqual({
      filters: { status: 'dormant', country: 'BR', plan: 'premium', q: 'RK-1A2B3C4' },
      cursor: { after: 120 },
      problems: [],
    });
  });

  it('treats a search with @ as an exact email, lower-cased', () => {
    expect(parseMemberFilters({ q: '  Maria.Silva12@Example.com ' }).filters).toEqual({ q: 'maria.silva12@example.com' });
  });

  it('drops each nonsense value with a message and keeps the good ones', () => {
    const r = parseMemberFilters({ status: 'zzz', country: '123', plan: 'gold', after: '-4' });
    expect(r.filters).toEqual({ plan: 'gold' });
    expect(r.cursor).toEqual({});
    expect(r.problems).toEqual([
      '“zzz” is not a member status (active, dormant, notified, proposed, cancelled), so all statuses are shown.',
      '“123” is not a two-letter country code (like US or BR), so all countries are shown.',
      'The page position in the link was not valid, so the first page is shown.',
    ]);
  });

  it('refuses searches that are neither an account id nor an email', () => {
    expect(parseMemberFilters({ q: "x' OR 1=1 --" }).filters).toEqual({});
    expect(parseMemberFilters({ q: 'a@b' }).problems).toHaveLength(1);
  });

  it('ignores empty values, takes the first of repeated ones, and refuses two cursors at once', () => {
    expect(parseMemberFilters({ status: '', country: ['gb', 'us'] }).filters).toEqual({ country: 'GB' });
    const r = parseMemberFilters({ after: '10', before: '20' });
    expect(r.cursor).toEqual({});
    expect(r.problems).toEqual(['The link had two page positions, so the first page is shown.']);
  });

  it('rejects cursors that are not positive whole numbers', () => {
    for (const v of ['0', '1.5', 'abc', '1e400']) expect(parseMemberFilters({ before: v }).cursor).toEqual({});
  });
});

describe('membersHref', () => {
  it('writes only the set values', () => {
    expect(membersHref({})).toBe('/members');
    expect(membersHref({ status: 'dormant', country: 'US' }, { after: 55 })).toBe('/members?status=dormant&country=US&after=55');
  });
});
