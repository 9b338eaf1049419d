import { NotYet } from '@/components/shell/not-yet';
import { PageHeader } from '@/components/shell/page-header';
import { requirePage } from '@/lib/auth/session';

export const metadata = { title: 'Audit log' };

export default async function Page() {
  await requirePage('audit.view');
  return (
    <>
      <PageHeader title="Audit log" />
      <NotYet what="This section arrives with a later capability." />
    </>
  );
}
