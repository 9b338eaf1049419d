import type { Permission } from '@/lib/domain/roles';

/** The app's navigation; an item shows only to roles holding its permission. */
export const NAV_ITEMS: { href: string; label: string; permission: Permission }[] = [
  { href: '/overview', label: 'Overview', permission: 'overview.view' },
  { href: '/members', label: 'Members', permission: 'members.view' },
  { href: '/risk', label: 'At risk', permission: 'members.view' },
  { href: '/campaigns', label: 'Campaigns', permission: 'campaigns.view' },
  { href: '/catalogue', label: 'Catalogue', permission: 'campaigns.view' },
  { href: '/batches', label: 'Batches', permission: 'batches.view' },
  { href: '/import', label: 'Import', permission: 'import.run' },
  { href: '/policy', label: 'Policy', permission: 'policy.view' },
  { href: '/operations', label: 'Operations', permission: 'operations.view' },
  { href: '/audit', label: 'Audit', permission: 'audit.view' },
  { href: '/staff', label: 'Staff', permission: 'staff.manage' },
];
