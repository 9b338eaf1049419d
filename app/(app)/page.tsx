import Link from 'next/link';
import { redirect } from 'next/navigation';
import { WaitingForMe } from '@/components/batches/waiting-for-me';
import { NAV_ITEMS } from '@/components/shell/nav-items';
import { PageHeader } from '@/components/shell/page-header';
import { batchesWaitingFor } from '@/db/batch-queries';
import { getDb } from '@/db/client';
import { currentStaff } from '@/lib/auth/session';
import { can, ROLE_LABELS } from '@/lib/domain/roles';

export const metadata = { title: 'Home' };

export default async function HomePage() {
  const staff = await currentStaff();
  if (!staff) redirect('/login');
  if (staff.role === 'executive') redirect('/overview');
  const items = NAV_ITEMS.filter((i) => can(staff.role, i.permission));
  return (
    <>
      <PageHeader title={`Welcome, ${staff.name}`} description={`Signed in as ${ROLE_LABELS[staff.role]}.`} />
      {can(staff.role, 'batches.decide') ? <WaitingForMe rows={batchesWaitingFor(getDb(), staff.id)} /> : null}
      <ul className="mt-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        {items.map((i) => (
          <li key={i.href}>
            <Link
              href={i.href}
              className="block rounded-lg border border-slate-200 bg-white p-4 font-medium hover:border-brand-500"
            >
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
