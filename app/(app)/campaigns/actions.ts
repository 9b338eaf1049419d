'use server';
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { cancelCampaign, createCampaign, scheduleCampaign, sendNow, updateDraft } from '@/db/campaigns';
import { getSqlite } from '@/db/client';
import { flagRunningMembersSoon } from '@/db/running-flags';
import { countSegment } from '@/db/segments';
import type { SessionStaff } from '@/lib/auth/session';
import { draftFromForm, segmentFromForm } from '@/lib/domain/campaigns/form';
import { segmentSchema } from '@/lib/domain/campaigns/segment';
import { Refusal } from '@/lib/domain/refusal';
import { defineAction } from '@/lib/runtime/action';
import { now } from '@/lib/runtime/clock';

// Campaign mutations. Every one: campaigns.edit, zod at the edge, one transaction with its audit
// entry in db/campaigns.ts; a Refusal there becomes the message shown, nothing changed.

const formFields = z.record(z.string(), z.union([z.string().max(10_000), z.array(z.string().max(100)).max(300)]));
const idField = z.coerce.number().int().positive();
const actorOf = (s: SessionStaff | null) => ({ id: s!.id, label: s!.email });

function refusals<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Refusal) throw new Refusal(err.message);
    throw err;
  }
}

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
  schema: formFields,
  run(fields) {
    const parsed = segmentSchema.safeParse(segmentFromForm(fields));
    if (!parsed.success) throw new Refusal('Check the segment filters.');
    return { message: '', data: { count: countSegment(getSqlite(), parsed.data, now()) } };
  },
});

export const createCampaignAction = defineAction({
  name: 'campaigns.create',
  permission: 'campaigns.edit',
  schema: formFields,
  run(fields, { staff }) {
    const draft = parseDraft(fields);
    const id = refusals(() => createCampaign(getSqlite(), actorOf(staff), draft, now(), randomInt(0, 2 ** 32)));
    return { message: 'Draft saved.', data: { id }, redirectTo: `/campaigns/${id}`, revalidate: ['/campaigns'] };
  },
});

export const updateCampaignAction = defineAction({
  name: 'campaigns.update',
  permission: 'campaigns.edit',
  schema: formFields,
  run(fields, { staff }) {
    const id = idField.safeParse(fields.id);
    if (!id.success) throw new Refusal('That campaign does not exist.');
    const draft = parseDraft(fields);
    refusals(() => updateDraft(getSqlite(), actorOf(staff), id.data, draft, now()));
    return { message: 'Draft saved.', revalidate: [`/campaigns/${id.data}`, '/campaigns'] };
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
  run({ id, sendAt, deadlineAt }, { staff }) {
    const at = now();
    const r = refusals(() => scheduleCampaign(getSqlite(), actorOf(staff), id, { sendAt, deadlineAt }, at));
    if (!r.changed) return { message: r.message, revalidate: [`/campaigns/${id}`] };
    // After the queueing commit, not in it: flags its recipients for the segment count in the background.
    void flagRunningMembersSoon(getSqlite(), now);
    const when = sendAt && sendAt > at ? 'scheduled' : 'queued and sending';
    return {
      message: `Campaign ${when}: ${r.counts.queued.toLocaleString('en')} to message, ${r.counts.holdout.toLocaleString('en')} in the holdout, ${r.counts.excluded.toLocaleString('en')} excluded.`,
      revalidate: [`/campaigns/${id}`, '/campaigns'],
    };
  },
});

export const sendNowAction = defineAction({
  name: 'campaigns.sendNow',
  permission: 'campaigns.edit',
  schema: z.object({ id: idField }),
  run({ id }, { staff }) {
    const r = refusals(() => sendNow(getSqlite(), actorOf(staff), id, now()));
    return { message: r.message, revalidate: [`/campaigns/${id}`, '/campaigns'] };
  },
});

export const cancelCampaignAction = defineAction({
  name: 'campaigns.cancel',
  permission: 'campaigns.edit',
  schema: z.object({ id: idField }),
  run({ id }, { staff }) {
    refusals(() => cancelCampaign(getSqlite(), actorOf(staff), id, now()));
    return { message: 'Campaign cancelled. Nobody will be messaged.', revalidate: [`/campaigns/${id}`, '/campaigns'] };
  },
});
