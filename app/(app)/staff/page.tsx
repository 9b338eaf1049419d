import { PageHeader } from '@/components/shell/page-header';
import { AddStaffForm } from '@/components/staff/add-staff-form';
import { StaffRow } from '@/components/staff/staff-row';
import { Table } from '@/components/ui/data-table';
import { getDb } from '@/db/client';
import { listStaff } from '@/db/staff';
import { requirePage } from '@/lib/auth/session';

export const metadata = { title: 'Staff' };

export default async function StaffPage() {
  const me = await requirePage('staff.manage');
  const people = listStaff(getDb());
  return (
    <>
      <PageHeader
        title="Staff"
        description="Who can sign in, and what each person may do. Changing a role or disabling an account signs that person out at once. Every change is recorded in the audit log."
      />
      <section aria-labelledby="staff-list" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="staff-list" className="sr-only">
          Staff members
        </h2>
        <Table pad="roomy" columns={['Name', 'Email', 'Role', 'Status', { header: 'Actions', srOnly: true }]}>
          {people.map((p) => (
            <StaffRow key={p.id} person={p} isSelf={p.id === me.id} />
          ))}
        </Table>
      </section>
      <section aria-labelledby="add-staff" className="mt-8 max-w-xl rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="add-staff" className="mb-4 text-lg font-semibold">
          Add a staff member
        </h2>
        <AddStaffForm />
      </section>
    </>
  );
}
