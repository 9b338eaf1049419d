import { ImportSections } from '@/components/import/import-sections';
import { PageHeader } from '@/components/shell/page-header';
import { requirePage } from '@/lib/auth/session';

export const metadata = { title: 'Import' };

export default async function Page() {
  await requirePage('import.run');
  return (
    <>
      <PageHeader
        title="Import"
        description="Load viewing activity, new members and catalogue titles from CSV files (up to 500 MB each). The streaming backend sends views continuously through POST /api/events; use this page for backfills and corrections."
      />
      <ImportSections />
    </>
  );
}
