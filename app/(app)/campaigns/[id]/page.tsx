import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CampaignButton, ScheduleForm } from '@/components/campaigns/campaign-controls';
import { CampaignForm } from '@/components/campaigns/campaign-form';
import { CampaignReport } from '@/components/campaigns/campaign-report';
import { DeliveryPanel } from '@/components/campaigns/delivery-panel';
import { utcTime } from '@/components/campaigns/format';
import { KeepAnswersReport } from '@/components/campaigns/keep-answers-report';
import { LanguageCoverage } from '@/components/campaigns/language-coverage';
import { MessagePreview } from '@/components/campaigns/message-preview';
import { QueueSummaryPanel } from '@/components/campaigns/queue-summary';
import { StatusBadge } from '@/components/campaigns/status-badge';
import { PageHeader } from '@/components/shell/page-header';
import {
  campaignMemberCounts,
  keepAnswersByVariant,
  leaveReasonsByVariant,
  notReachedByVariant,
  queueSummary,
} from '@/db/campaign-reports';
import { campaignDraft, getCampaign, getVariants } from '@/db/campaigns';
import { drizzleFor, getSqlite } from '@/db/client';
import { deliveryPanel } from '@/db/delivery-reads';
import { countSegment, currentPolicyRow, sampleSegmentMemberIds, segmentLanguages, segmentOptions } from '@/db/segments';
import { requirePage } from '@/lib/auth/session';
import { closeDueCampaigns } from '@/lib/campaigns/close-due';
import { previewSamples } from '@/lib/delivery/message';
import { CHANNEL_LABEL } from '@/lib/domain/campaigns/draft';
import { formValuesOf } from '@/lib/domain/campaigns/form';
import { fallbackLanguages } from '@/lib/domain/campaigns/localized';
import { describeSegment } from '@/lib/domain/campaigns/segment';
import { languageName } from '@/lib/domain/members/language';
import { can } from '@/lib/domain/roles';
import { now } from '@/lib/runtime/clock';
import {
  cancelCampaignAction,
  countSegmentAction,
  scheduleCampaignAction,
  sendNowAction,
  updateCampaignAction,
} from '../actions';
import { startAlwaysOnAction } from '../always-on/actions';
import { AlwaysOnView } from './always-on-view';

export const metadata = { title: 'Campaign' };

const MAX_LANGUAGE_SAMPLES = 8;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ sample?: string }> };

export default async function CampaignPage({ params, searchParams }: Props) {
  const staff = await requirePage('campaigns.view');
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const sqlite = getSqlite();
  const at = now();
  closeDueCampaigns(sqlite, at);
  const c = getCampaign(sqlite, id);
  if (!c) notFound();
  const canEdit = can(staff.role, 'campaigns.edit');
  const draft = campaignDraft(sqlite, c);
  const variants = getVariants(sqlite, id);
  const isDraft = c.status === 'draft';
  const queued = !isDraft && (c.status !== 'cancelled' || c.scheduledAt != null); // cancelled after scheduling keeps its rows
  const sent = ['sending', 'paused', 'awaiting_responses', 'closed'].includes(c.status);

  const policy = currentPolicyRow(sqlite);
  const parent = c.parentCampaignId ? getCampaign(sqlite, c.parentCampaignId) : undefined;

  if (c.alwaysOn && !isDraft)
    return (
      <>
        <p className="mb-2 text-sm">
          <Link href="/campaigns" className="text-brand-700 hover:underline">
            ← Campaigns
          </Link>
        </p>
        <PageHeader
          title={c.name}
          description={
            <>
              <StatusBadge status={c.status} /> <span className="ml-2">{describeSegment(draft.segment)}</span>
            </>
          }
        />
        <AlwaysOnView sqlite={sqlite} c={c} canEdit={canEdit} responseDays={policy.responseDays} at={at} />
      </>
    );
  const languages = isDraft ? segmentLanguages(sqlite, draft.segment, at, policy) : [];
  // Real members to preview with: the first three of the segment, then one per other language.
  const sampleIds = isDraft
    ? [
        ...new Set([
          ...sampleSegmentMemberIds(sqlite, draft.segment, at, 3, policy),
          ...languages
            .slice(0, MAX_LANGUAGE_SAMPLES)
            .flatMap((l) => sampleSegmentMemberIds(sqlite, { ...draft.segment, languages: [l.language] }, at, 1, policy)),
        ]),
      ]
    : [];
  const samples = isDraft
    ? previewSamples(sqlite, sampleIds, variants, at, {
        defaultLanguage: c.defaultLanguage,
        deadlineAt: c.deadlineAt,
        responseDays: policy.responseDays,
      })
    : [];
  const sampleIdx = Math.min(samples.length - 1, Math.max(0, (Number((await searchParams).sample) || 1) - 1));
  const coverage = fallbackLanguages(
    languages.map((l) => l.language),
    variants,
    c.defaultLanguage,
  ).map((r, i) => ({ ...r, n: languages[i]?.n ?? 0 }));

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/campaigns" className="text-brand-700 hover:underline">
          ← Campaigns
        </Link>
        {parent ? (
          <>
            {' · '}
            <Link href={`/campaigns/${parent.id}`} className="text-brand-700 hover:underline">
              Cohort of the always-on campaign {parent.name}
            </Link>
          </>
        ) : null}
      </p>
      <PageHeader
        title={c.name}
        description={
          <>
            <StatusBadge status={c.status} /> <span className="ml-2">{describeSegment(draft.segment)}</span>
          </>
        }
      />
      <dl className="mb-6 grid grid-cols-2 gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm md:grid-cols-5">
        <div>
          <dt className="text-slate-500">Policy version</dt>
          <dd className="font-medium">v{c.policyVersionId}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Channel</dt>
          <dd className="font-medium">{CHANNEL_LABEL[c.channel]}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Holdout</dt>
          <dd className="font-medium">{c.holdoutPct}%</dd>
        </div>
        <div>
          <dt className="text-slate-500">{c.sendStartedAt ? 'Send started' : 'Send at'}</dt>
          <dd className="font-medium">{utcTime(c.sendStartedAt ?? c.scheduledAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Response deadline</dt>
          <dd className="font-medium">{c.deadlineAt ? utcTime(c.deadlineAt) : `send start + ${policy.responseDays} days`}</dd>
        </div>
      </dl>

      <div className="space-y-6">
        {isDraft && canEdit ? (
          <>
            <CampaignForm
              action={updateCampaignAction}
              countAction={countSegmentAction}
              values={formValuesOf(draft)}
              options={segmentOptions(sqlite)}
              campaignId={id}
              initialCount={countSegment(sqlite, draft.segment, at)}
              submitLabel="Save draft"
            />
            <LanguageCoverage rows={coverage} defaultLanguage={c.defaultLanguage} />
            <MessagePreview samples={samples} current={sampleIdx} basePath={`/campaigns/${id}`} />
            {c.alwaysOn ? (
              <section aria-labelledby="start-h" className="rounded-lg border border-slate-200 bg-white p-5">
                <h2 id="start-h" className="text-lg font-semibold">
                  3. Start (always on)
                </h2>
                <p className="mb-3 mt-1 text-sm text-slate-600">
                  Starting enrols today&apos;s cohort at once (every member matching now), then each day&apos;s newly matching
                  members. Each cohort is assigned to a variant or the holdout with its own draw, sends at once and closes{' '}
                  {policy.responseDays} days later with its own proposed batch. Save the draft first.
                </p>
                <div className="flex flex-wrap items-start gap-4">
                  <CampaignButton action={startAlwaysOnAction} campaignId={id} label="Start always-on campaign" />
                  <CampaignButton action={cancelCampaignAction} campaignId={id} label="Cancel draft" variant="secondary" />
                </div>
              </section>
            ) : (
              <section aria-labelledby="schedule-h" className="rounded-lg border border-slate-200 bg-white p-5">
                <h2 id="schedule-h" className="text-lg font-semibold">
                  3. Schedule
                </h2>
                <p className="mb-3 mt-1 text-sm text-slate-600">
                  Scheduling assigns every member of the segment to a variant or the holdout (reproducibly) and records the
                  exclusions. Save the draft first: the saved version is what is queued.
                </p>
                <ScheduleForm action={scheduleCampaignAction} campaignId={id} responseDays={policy.responseDays} />
                <div className="mt-4 border-t border-slate-100 pt-4">
                  <CampaignButton action={cancelCampaignAction} campaignId={id} label="Cancel draft" variant="secondary" />
                </div>
              </section>
            )}
          </>
        ) : null}

        {isDraft && !canEdit ? (
          <>
            <p className="rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-700">
              Draft: only CX managers and admins can edit it.
            </p>
            <MessagePreview samples={samples} current={sampleIdx} basePath={`/campaigns/${id}`} />
          </>
        ) : null}

        {queued ? <QueueSummaryPanel summary={queueSummary(sqlite, id)} sent={sent} /> : null}

        {c.status === 'scheduled' && canEdit ? (
          <section
            aria-labelledby="ctl-h"
            className="flex flex-wrap items-start gap-4 rounded-lg border border-slate-200 bg-white p-5"
          >
            <h2 id="ctl-h" className="sr-only">
              Send or cancel
            </h2>
            <CampaignButton action={sendNowAction} campaignId={id} label="Send now" />
            <CampaignButton action={cancelCampaignAction} campaignId={id} label="Cancel campaign" variant="danger" />
          </section>
        ) : null}

        {sent ? <DeliveryPanel campaignId={id} delivery={deliveryPanel(drizzleFor(sqlite), id)} staff={staff} /> : null}
        {sent || c.status === 'scheduled' ? (
          <CampaignReport
            rows={campaignMemberCounts(sqlite, id)}
            variants={variants}
            notReached={notReachedByVariant(sqlite, id)}
          />
        ) : null}
        {sent ? (
          <KeepAnswersReport
            answers={keepAnswersByVariant(sqlite, id)}
            reasons={leaveReasonsByVariant(sqlite, id)}
            variants={variants}
          />
        ) : null}

        {!isDraft ? (
          <section aria-labelledby="variants-h" className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="variants-h" className="text-lg font-semibold">
              Messages
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              {sent ? 'Sent campaigns cannot be edited.' : 'Scheduled campaigns cannot be edited: cancel and start a new one.'}
            </p>
            <ul className="mt-3 space-y-3 text-sm">
              {variants.map((v) => (
                <li key={v.id} className="rounded-md border border-slate-200 p-3">
                  <p className="font-semibold">
                    Variant {v.key}: {v.name} · {v.splitPct}% · offer {v.offer === 'none' ? 'none' : 'free month'}
                  </p>
                  <p className="mt-1">Subject: {v.subjectTemplate}</p>
                  <pre className="mt-1 whitespace-pre-wrap font-sans text-slate-700">{v.bodyTemplate}</pre>
                  {v.translations.map((t) => (
                    <details key={t.language} className="mt-2">
                      <summary className="cursor-pointer text-brand-700">
                        In {languageName(t.language)} ({t.language})
                      </summary>
                      <p className="mt-1">Subject: {t.subjectTemplate}</p>
                      <pre className="mt-1 whitespace-pre-wrap font-sans text-slate-700">{t.bodyTemplate}</pre>
                    </details>
                  ))}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </>
  );
}
