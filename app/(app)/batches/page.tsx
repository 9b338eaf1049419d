import { NotYet } from '@/components/shell/not-yet';
import { PageHeader } from '@/components/shell/page-header';
import { requirePage } from '@/lib/auth/session';

export const metadata = { title: 'Cancellation batches' };

export default async function Page() {
  await requirePage('batches.view');
  return (
    <>
      <PageHeader title="Cancellation batches" />
      <NotYet what="This section arrives with a later capability." />
    </>
  );
}
