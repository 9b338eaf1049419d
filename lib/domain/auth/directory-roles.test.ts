import { describe, expect, it } from 'vitest';
import { groupsFromClaim, parseRoleMap, roleForGroups } from './directory-roles';

const parsed = parseRoleMap('rekindle-admins=admin, rekindle-cx=cx_manager,rekindle-approvers=approver,execs=executive');
if (!parsed.ok) throw new Error('the example map must parse');
const map = parsed.map;

describe('parseRoleMap', () => {
  it('reads group=role pairs, ignoring spaces and empty entries', () => {
    const r = parseRoleMap(' a = admin ,, b=executive ');
    expect(r.ok && [...r.map]).toEqual([
      ['a', 'admin'],
      ['b', 'executive'],
    ]);
  });

  it('refuses an unknown role, naming it and the roles that exist', () => {
    const r = parseRoleMap('rekindle-admins=superuser');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toContain('"superuser"');
    expect(!r.ok && r.errors[0]).toContain('admin, cx_manager, approver, executive');
  });

  it('refuses an entry without a group or a role, and a group mapped to two roles', () => {
    expect(parseRoleMap('admin').ok).toBe(false);
    expect(parseRoleMap('=admin').ok).toBe(false);
    expect(parseRoleMap('g=').ok).toBe(false);
    expect(parseRoleMap('g=admin,g=executive').ok).toBe(false);
  });
});

describe('roleForGroups', () => {
  it('gives the role of the one mapped group', () => {
    expect(roleForGroups(['rekindle-cx'], map)).toBe('cx_manager');
  });

  it('gives the highest role when several groups are mapped', () => {
    expect(roleForGroups(['execs', 'rekindle-cx', 'rekindle-approvers'], map)).toBe('cx_manager');
    expect(roleForGroups(['execs', 'rekindle-admins'], map)).toBe('admin');
    expect(roleForGroups(['execs', 'rekindle-approvers'], map)).toBe('approver');
  });

  it('gives no role when no group is mapped (the person is refused)', () => {
    expect(roleForGroups([], map)).toBeNull();
    expect(roleForGroups(['everyone', 'Rekindle-Admins'], map)).toBeNull();
  });
});

describe('groupsFromClaim', () => {
  it('accepts a list or a single group and ignores anything else', () => {
    expect(groupsFromClaim(['a', 1, 'b'])).toEqual(['a', 'b']);
    expect(groupsFromClaim('a')).toEqual(['a']);
    expect(groupsFromClaim(undefined)).toEqual([]);
    expect(groupsFromClaim({ a: 1 })).toEqual([]);
  });
});
