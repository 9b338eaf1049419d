import { NotYet } from '@/components/shell/not-yet';
import { PageHeader } from '@/components/shell/page-header';
import { requirePage } from '@/lib/auth/session';

export const metadata = { title: 'Dormancy policy' };

export default async function Page() {
  await requirePage('policy.view');
  return (
    <>
      <PageHeader title="Dormancy policy" />
      <NotYet what="This section arrives with a later capability." />
    </>
  );
}
