import { NotYet } from '@/components/shell/not-yet';
import { PageHeader } from '@/components/shell/page-header';
import { requirePage } from '@/lib/auth/session';

export const metadata = { title: 'Staff' };

export default async function Page() {
  await requirePage('staff.manage');
  return (
    <>
      <PageHeader title="Staff" />
      <NotYet what="This section arrives with a later capability." />
    </>
  );
}
