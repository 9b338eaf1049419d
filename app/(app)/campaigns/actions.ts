'use server';
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { countSegment } from '@/db/segments';
import { editCampaign } from '@/lib/campaigns/always-on';
import { createDraft } from '@/lib/campaigns/drafts';
import { flagRunningMembersSoon } from '@/lib/campaigns/running-flags';
import { cancelCampaign, scheduleCampaign, sendNow } from '@/lib/campaigns/schedule';
import { draftFromForm, segmentFromForm } from '@/lib/domain/campaigns/form';
import { segmentSchema } from '@/lib/domain/campaigns/segment';
import { Refusal } from '@/lib/domain/refusal';
import { defineAction } from '@/lib/runtime/action';
import { now } from '@/lib/runtime/clock';

// Campaign mutations. Every one: campaigns.edit, zod at the edge, the use case (lib/campaigns/) in
// one unit of work with its audit entry; a Refusal there becomes the message shown, nothing changed.

const formFields = z.record(z.string(), z.union([z.string().max(10_000), z.array(z.string().max(100)).max(300)]));
const idField = z.coerce.number().int().positive();

function parseDraft(fields: Record<string, string | string[]>) {
  const r = draftFromForm(fields);
  if (!r.ok)
    throw new Refusal('Some fields need attention: see the messages beside them. Nothing was saved.', {
      fieldErrors: r.fieldErrors,
    });
  return r.draft;
}

/** Live segment count for the builder (reads only). */
export const countSegmentAction = defineAction({
  name: 'campaigns.countSegment',
  permission: 'campaigns.edit',
  mode: 'read',
  schema: formFields,
  execute(fields, { tx, now: at }) {
    const parsed = segmentSchema.safeParse(segmentFromForm(fields));
    if (!parsed.success) throw new Refusal('Check the segment filters.');
    return { message: '', data: { count: countSegment(tx.sqlite, parsed.data, at) } };
  },
});

export const createCampaignAction = defineAction({
  name: 'campaigns.create',
  permission: 'campaigns.edit',
  schema: formFields,
  execute(fields, uow) {
    const id = createDraft(uow, parseDraft(fields), randomInt(0, 2 ** 32), fields.alwaysOn === 'on');
    return { message: 'Draft saved.', data: { id }, redirectTo: `/campaigns/${id}`, revalidate: ['/campaigns'] };
  },
});

export const updateCampaignAction = defineAction({
  name: 'campaigns.update',
  permission: 'campaigns.edit',
  schema: formFields,
  execute(fields, uow) {
    const id = idField.safeParse(fields.id);
    if (!id.success) throw new Refusal('That campaign does not exist.');
    const saved = editCampaign(uow, id.data, parseDraft(fields));
    const message =
      saved === 'draft' ? 'Draft saved.' : 'Saved: cohorts enrolled from now on use it; open cohorts are unchanged.';
    return { message, revalidate: [`/campaigns/${id.data}`, '/campaigns'] };
  },
});

// datetime-local inputs are read as UTC (the form says so).
const utcInstant = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((s, ctx) => {
    if (!s) return null;
    const ms = Date.parse(/Z|[+-]\d\d:\d\d$/.test(s) ? s : `${s}Z`);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'Enter a date and time.' });
      return z.NEVER;
    }
    return ms;
  });

export const scheduleCampaignAction = defineAction({
  name: 'campaigns.schedule',
  permission: 'campaigns.edit',
  schema: z.object({ id: idField, sendAt: utcInstant, deadlineAt: utcInstant }),
  execute({ id, sendAt, deadlineAt }, uow) {
    const r = scheduleCampaign(uow, id, { sendAt, deadlineAt });
    if (!r.changed) return { message: r.message, revalidate: [`/campaigns/${id}`] };
    // Flags the recipients for the segment count in the background: the job's first chunk runs on a
    // later turn of the event loop, after this unit of work has committed, never inside it.
    void flagRunningMembersSoon(uow.tx.sqlite, now);
    const when = sendAt && sendAt > uow.now ? 'scheduled' : 'queued and sending';
    return {
      message: `Campaign ${when}: ${r.counts.queued.toLocaleString('en')} to message, ${r.counts.holdout.toLocaleString('en')} in the holdout, ${r.counts.excluded.toLocaleString('en')} excluded.`,
      revalidate: [`/campaigns/${id}`, '/campaigns'],
      // The schedule form leaves the page once the campaign is queued: the page shows the outcome instead.
      redirectTo: `/campaigns/${id}?scheduled=1`,
    };
  },
});

export const sendNowAction = defineAction({
  name: 'campaigns.sendNow',
  permission: 'campaigns.edit',
  schema: z.object({ id: idField }),
  execute({ id }, uow) {
    const r = sendNow(uow, id);
    return { message: r.message, revalidate: [`/campaigns/${id}`, '/campaigns'] };
  },
});

export const cancelCampaignAction = defineAction({
  name: 'campaigns.cancel',
  permission: 'campaigns.edit',
  schema: z.object({ id: idField }),
  execute({ id }, uow) {
    cancelCampaign(uow, id);
    return { message: 'Campaign cancelled. Nobody will be messaged.', revalidate: [`/campaigns/${id}`, '/campaigns'] };
  },
});
