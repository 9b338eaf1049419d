import type { Role } from './values';

export type { Role };
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  cx_manager: 'CX manager',
  approver: 'Approver',
  executive: 'Executive',
};

const ALL: readonly Role[] = ['admin', 'cx_manager', 'approver', 'executive'];

/** The one role matrix: pages, route handlers and server actions all check against it. */
export const PERMISSIONS = {
  'overview.view': ALL,
  'simulator.use': ['admin', 'executive'],
  'members.view': ['admin', 'cx_manager', 'approver'],
  'members.rejoin': ['admin', 'cx_manager'],
  'members.erase': ['admin'],
  'import.run': ['admin', 'cx_manager'],
  'campaigns.view': ALL,
  'campaigns.edit': ['admin', 'cx_manager'],
  'suppression.edit': ['admin', 'cx_manager'],
  'batches.view': ALL,
  'batches.submit': ['admin', 'cx_manager', 'approver'],
  'batches.decide': ['admin', 'approver'],
  'batches.execute': ['admin', 'approver'],
  'policy.view': ALL,
  'policy.edit': ['admin'],
  'dormancy.scan': ['admin'],
  'retention.purge': ['admin'],
  'audit.view': ['admin'],
  'staff.manage': ['admin'],
  // The daily cycle's Operations page: CX managers (campaigns closing, cohorts enrolling) and
  // approvers (batches proposed) read it; executives have the overview instead. Only admins run jobs.
  'operations.view': ['admin', 'cx_manager', 'approver'],
  'operations.run': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | undefined | null, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
