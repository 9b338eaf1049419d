import Link from 'next/link';
import type { ReactNode } from 'react';
import type { SessionStaff } from '@/lib/auth/session';
import { can, ROLE_LABELS } from '@/lib/domain/roles';
import { CollapsibleNav } from './collapsible-nav';
import { NAV_ITEMS } from './nav-items';
import { NavLink } from './nav-link';
import { SignOutButton } from './sign-out-button';

export function AppShell({ staff, children }: { staff: SessionStaff; children: ReactNode }) {
  const items = NAV_ITEMS.filter((i) => can(staff.role, i.permission));
  return (
    <div className="min-h-screen md:flex">
      <aside className="relative flex flex-col border-b border-slate-200 bg-white md:w-56 md:shrink-0 md:border-r md:border-b-0">
        <Link href="/" className="self-start px-5 py-4 text-xl font-semibold tracking-tight text-brand-700 md:py-5">
          Rekindle
        </Link>
        <CollapsibleNav>
          <nav aria-label="Main" className="flex-1 px-3">
            <ul className="space-y-1">
              {items.map((i) => (
                <li key={i.href}>
                  <NavLink href={i.href}>{i.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="border-t border-slate-200 px-5 py-4 text-sm">
            <p className="font-medium" data-testid="signed-in-name">
              {staff.name}
            </p>
            <p className="text-slate-500">{staff.email}</p>
            <p className="mt-1 inline-block rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
              {ROLE_LABELS[staff.role]}
            </p>
            <SignOutButton />
          </div>
        </CollapsibleNav>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-5 md:px-8 md:py-6">{children}</main>
    </div>
  );
}
