import { NotYet } from '@/components/shell/not-yet';
import { PageHeader } from '@/components/shell/page-header';
import { requirePage } from '@/lib/auth/session';

export const metadata = { title: 'Campaigns' };

export default async function Page() {
  await requirePage('campaigns.view');
  return (
    <>
      <PageHeader title="Campaigns" />
      <NotYet what="This section arrives with a later capability." />
    </>
  );
}
