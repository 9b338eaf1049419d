import { NotYet } from '@/components/shell/not-yet';
import { PageHeader } from '@/components/shell/page-header';
import { requirePage } from '@/lib/auth/session';

export const metadata = { title: 'Executive overview' };

export default async function Page() {
  await requirePage('overview.view');
  return (
    <>
      <PageHeader title="Executive overview" />
      <NotYet what="This section arrives with a later capability." />
    </>
  );
}
