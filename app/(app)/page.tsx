import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ProposedNotSubmitted } from '@/components/batches/proposed-not-submitted';
import { WaitingForMe } from '@/components/batches/waiting-for-me';
import { YourNotices } from '@/components/batches/your-notices';
import { NAV_ITEMS } from '@/components/shell/nav-items';
import { PageHeader } from '@/components/shell/page-header';
import { noticesFor, proposedNotSubmitted, remindersSentTo } from '@/db/approver-home';
import { batchesWaitingFor } from '@/db/batch-queries';
import { getDb } from '@/db/client';
import { currentStaff } from '@/lib/auth/session';
import { can, ROLE_LABELS } from '@/lib/domain/roles';
import { now } from '@/lib/runtime/clock';

export const metadata = { title: 'Home' };

export default async function HomePage() {
  const staff = await currentStaff();
  if (!staff) redirect('/login');
  if (staff.role === 'executive') redirect('/overview');
  const items = NAV_ITEMS.filter((i) => can(staff.role, i.permission));
  return (
    <>
      <PageHeader title={`Welcome, ${staff.name}`} description={`Signed in as ${ROLE_LABELS[staff.role]}.`} />
      {can(staff.role, 'batches.decide') ? <ApproverHome staffId={staff.id} /> : null}
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

/** The approvers' home: what waits for their decision, what nobody has submitted yet, and the emails they were sent. */
function ApproverHome({ staffId }: { staffId: number }) {
  const db = getDb();
  const at = now();
  const waiting = batchesWaitingFor(db, staffId);
  return (
    <>
      <WaitingForMe
        rows={waiting}
        remindedAt={remindersSentTo(
          db,
          staffId,
          waiting.map((w) => w.id),
        )}
      />
      <ProposedNotSubmitted rows={proposedNotSubmitted(db)} at={at} />
      <YourNotices rows={noticesFor(db, staffId)} at={at} />
    </>
  );
}
