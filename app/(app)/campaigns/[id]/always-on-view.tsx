import { CampaignButton } from '@/components/campaigns/campaign-controls';
import { CampaignForm } from '@/components/campaigns/campaign-form';
import { CampaignReport } from '@/components/campaigns/campaign-report';
import { type CohortLine, CohortTable } from '@/components/campaigns/cohort-table';
import { utcTime } from '@/components/campaigns/format';
import { cohortMemberCounts, cohortNotReachedByKey, listCohorts } from '@/db/always-on';
import { type CampaignRow, campaignDraft, getVariants } from '@/db/campaigns';
import type { getSqlite } from '@/db/client';
import { countSegment, segmentOptions } from '@/db/segments';
import { cohortFigures, totalRows } from '@/lib/domain/campaigns/always-on';
import { CHANNEL_LABEL } from '@/lib/domain/campaigns/draft';
import { formValuesOf } from '@/lib/domain/campaigns/form';
import type { BatchStatus } from '@/lib/domain/values';
import { countSegmentAction, updateCampaignAction } from '../actions';
import { endAlwaysOnAction, enrolTodayAction, pauseAlwaysOnAction, resumeAlwaysOnAction } from '../always-on/actions';

/** A started always-on campaign: its definition, controls, cohorts with their figures and the total. */
export function AlwaysOnView({
  sqlite,
  c,
  canEdit,
  responseDays,
  at,
}: {
  sqlite: ReturnType<typeof getSqlite>;
  c: CampaignRow;
  canEdit: boolean;
  responseDays: number;
  at: number;
}) {
  const variants = getVariants(sqlite, c.id);
  const counts = cohortMemberCounts(sqlite, c.id);
  const cohorts: CohortLine[] = listCohorts(sqlite, c.id).map((k) => ({
    ...k,
    batchStatus: k.batchStatus as BatchStatus | null,
    figures: cohortFigures(counts.filter((r) => r.cohortId === k.id)),
  }));
  const variantIdByKey = new Map(variants.map((v) => [v.key as string, v.id]));
  const total = totalRows([counts], variantIdByKey);
  const notReachedByKey = cohortNotReachedByKey(sqlite, c.id);
  const notReached = new Map(variants.map((v) => [v.id, notReachedByKey.get(v.key) ?? 0]));
  const draft = campaignDraft(sqlite, c);
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm md:grid-cols-4">
        <div>
          <dt className="text-slate-500">Channel</dt>
          <dd className="font-medium">{CHANNEL_LABEL[c.channel]}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Holdout per cohort</dt>
          <dd className="font-medium">{c.holdoutPct}%</dd>
        </div>
        <div>
          <dt className="text-slate-500">Started</dt>
          <dd className="font-medium">{utcTime(c.sendStartedAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Each cohort&apos;s deadline</dt>
          <dd className="font-medium">enrolment + {responseDays} days</dd>
        </div>
      </dl>

      <section aria-labelledby="always-on-ctl-h" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="always-on-ctl-h" className="text-lg font-semibold">
          Enrolment
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {c.status === 'enrolling'
            ? 'Enrolling: each day, members newly matching the segment (in no running campaign, not suppressed, not messaged in the last 30 days) become a dated cohort and are messaged at once.'
            : c.status === 'enrolment_paused'
              ? 'Paused: no cohort is enrolled and the open cohorts send nothing until you resume. Their deadlines still apply.'
              : 'Ended: no cohort will be enrolled again. Open cohorts run to their own deadline and proposed batch.'}
        </p>
        {canEdit && c.status !== 'ended' ? (
          <div className="mt-4 flex flex-wrap items-start gap-4">
            {c.status === 'enrolling' ? (
              <>
                <CampaignButton action={enrolTodayAction} campaignId={c.id} label="Enrol today's cohort now" />
                <CampaignButton action={pauseAlwaysOnAction} campaignId={c.id} label="Pause" variant="secondary" />
              </>
            ) : (
              <CampaignButton action={resumeAlwaysOnAction} campaignId={c.id} label="Resume" />
            )}
            <CampaignButton action={endAlwaysOnAction} campaignId={c.id} label="End campaign" variant="danger" />
          </div>
        ) : null}
      </section>

      <CohortTable cohorts={cohorts} total={cohortFigures(total)} />
      {cohorts.length ? (
        <CampaignReport
          rows={total}
          variants={variants}
          notReached={notReached}
          title="Results, all cohorts (counts summed by variant)"
        />
      ) : null}

      {canEdit && c.status !== 'ended' ? (
        <section aria-labelledby="definition-h" className="space-y-3">
          <h2 id="definition-h" className="text-lg font-semibold">
            Edit the definition
          </h2>
          <p className="rounded-md bg-sky-50 px-4 py-3 text-sm text-sky-900">
            Changes apply to future cohorts only: cohorts already enrolled keep the segment, holdout share and messages they were
            enrolled with, so their results stay comparable.
          </p>
          <CampaignForm
            action={updateCampaignAction}
            countAction={countSegmentAction}
            values={formValuesOf(draft)}
            options={segmentOptions(sqlite)}
            campaignId={c.id}
            initialCount={countSegment(sqlite, draft.segment, at)}
            submitLabel="Save for future cohorts"
          />
        </section>
      ) : null}
    </div>
  );
}
