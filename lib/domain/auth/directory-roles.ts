import { ROLES, type Role } from '../values';

// The company directory decides staff roles when staff sign in with the identity provider: each
// directory group named in OIDC_ROLE_MAP grants one Rekindle role, and a person in several mapped
// groups gets the highest of them. Rank follows ROLES: admin, then cx_manager, approver, executive.

/** Directory group name → Rekindle role. */
export type RoleMap = ReadonlyMap<string, Role>;

/**
 * Parses `group=role,group=role` (spaces around names allowed). Returns the map, or the reasons it
 * is unusable, each naming the entry, so a bad configuration stops the start with a clear message.
 */
export function parseRoleMap(text: string): { ok: true; map: RoleMap } | { ok: false; errors: string[] } {
  const map = new Map<string, Role>();
  const errors: string[] = [];
  for (const entry of text.split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    const eq = entry.lastIndexOf('=');
    const group = eq > 0 ? entry.slice(0, eq).trim() : '';
    const role = eq > 0 ? entry.slice(eq + 1).trim() : '';
    if (!group || !role) {
      errors.push(`"${entry}" is not group=role`);
    } else if (!(ROLES as readonly string[]).includes(role)) {
      errors.push(`"${role}" (for group "${group}") is not a role; use one of ${ROLES.join(', ')}`);
    } else if (map.has(group) && map.get(group) !== role) {
      errors.push(`group "${group}" is mapped twice`);
    } else {
      map.set(group, role as Role);
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, map };
}

/** Group names as identity providers send them: an array of strings, or one string. Anything else: none. */
export function groupsFromClaim(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
  return [];
}

/** The highest role the groups grant, or null when no group is mapped (the person may not sign in). */
export function roleForGroups(groups: readonly string[], map: RoleMap): Role | null {
  const granted = new Set(groups.flatMap((g) => (map.has(g) ? [map.get(g) as Role] : [])));
  return ROLES.find((r) => granted.has(r)) ?? null;
}
