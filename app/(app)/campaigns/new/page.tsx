import { AlwaysOnField } from '@/components/campaigns/always-on-field';
import { CampaignForm } from '@/components/campaigns/campaign-form';
import { PageHeader } from '@/components/shell/page-header';
import { getSqlite } from '@/db/client';
import { countSegment, segmentOptions } from '@/db/segments';
import { requirePage } from '@/lib/auth/session';
import { DEFAULT_VARIANTS } from '@/lib/domain/campaigns/draft';
import { formValuesOf } from '@/lib/domain/campaigns/form';
import { EMPTY_SEGMENT } from '@/lib/domain/campaigns/segment';
import { now } from '@/lib/runtime/clock';
import { countSegmentAction, createCampaignAction } from '../actions';

export const metadata = { title: 'New campaign' };

export default async function NewCampaignPage() {
  await requirePage('campaigns.edit');
  const sqlite = getSqlite();
  const values = formValuesOf({
    name: '',
    channel: 'email',
    defaultLanguage: 'en',
    holdoutPct: 10,
    segment: EMPTY_SEGMENT,
    variants: DEFAULT_VARIANTS,
  });
  return (
    <>
      <PageHeader title="New campaign" description="Build the segment, write the message, then save the draft to preview it." />
      <CampaignForm
        action={createCampaignAction}
        countAction={countSegmentAction}
        values={values}
        options={segmentOptions(sqlite)}
        initialCount={countSegment(sqlite, EMPTY_SEGMENT, now())}
        submitLabel="Save draft"
        extraFields={<AlwaysOnField />}
      />
    </>
  );
}
