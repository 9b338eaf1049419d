import { NotYet } from '@/components/shell/not-yet';
import { PageHeader } from '@/components/shell/page-header';
import { requirePage } from '@/lib/auth/session';

export const metadata = { title: 'Import' };

export default async function Page() {
  await requirePage('import.run');
  return (
    <>
      <PageHeader title="Import" />
      <NotYet what="This section arrives with a later capability." />
    </>
  );
}
