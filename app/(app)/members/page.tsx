import { NotYet } from '@/components/shell/not-yet';
import { PageHeader } from '@/components/shell/page-header';
import { requirePage } from '@/lib/auth/session';

export const metadata = { title: 'Members' };

export default async function Page() {
  await requirePage('members.view');
  return (
    <>
      <PageHeader title="Members" />
      <NotYet what="This section arrives with a later capability." />
    </>
  );
}
