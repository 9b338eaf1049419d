'use server';
import { z } from 'zod';
import { type CohortEnrolment, commandAlwaysOn, enrolToday, startAlwaysOn } from '@/lib/campaigns/always-on';
import { flagRunningMembersSoon } from '@/lib/campaigns/running-flags';
import { defineAction } from '@/lib/runtime/action';
import { now } from '@/lib/runtime/clock';

// Always-on campaign controls: start, enrol today's cohort now, pause, resume, end. Each:
// campaigns.edit, zod, the use case (lib/campaigns/always-on.ts) in one unit of work with its audit.

const byId = z.object({ id: z.coerce.number().int().positive() });

function enrolledMessage(r: CohortEnrolment, started: boolean) {
  const head = started ? 'Always-on campaign started. ' : '';
  if (!r.created)
    return r.cohortId
      ? `${head}Today's cohort was enrolled already: nobody was enrolled twice.`
      : `${head}Nobody newly matches the segment today, so no cohort was enrolled.`;
  return `${head}Today's cohort: ${r.enrolled.toLocaleString('en')} enrolled (${r.heldOut.toLocaleString('en')} in the holdout), sending now.`;
}

function afterEnrol(id: number, r: CohortEnrolment, sqlite: Parameters<typeof flagRunningMembersSoon>[0]) {
  // Flags the cohort's recipients for the segment count after this unit of work commits.
  if (r.created) void flagRunningMembersSoon(sqlite, now);
  return { revalidate: [`/campaigns/${id}`, '/campaigns'] };
}

export const startAlwaysOnAction = defineAction({
  name: 'campaigns.alwaysOn.start',
  permission: 'campaigns.edit',
  schema: byId,
  execute({ id }, uow) {
    const r = startAlwaysOn(uow, id);
    return { message: enrolledMessage(r, true), ...afterEnrol(id, r, uow.tx.sqlite) };
  },
});

export const enrolTodayAction = defineAction({
  name: 'campaigns.alwaysOn.enrolToday',
  permission: 'campaigns.edit',
  schema: byId,
  execute({ id }, uow) {
    const r = enrolToday(uow, id);
    return { message: enrolledMessage(r, false), ...afterEnrol(id, r, uow.tx.sqlite) };
  },
});

const revalidate = (id: number) => [`/campaigns/${id}`, '/campaigns'];

export const pauseAlwaysOnAction = defineAction({
  name: 'campaigns.alwaysOn.pause',
  permission: 'campaigns.edit',
  schema: byId,
  execute({ id }, uow) {
    const r = commandAlwaysOn(uow, id, 'pause');
    return {
      message: `Paused: no new cohort is enrolled and ${r.cohorts.length} sending cohort(s) stopped sending until you resume.`,
      revalidate: revalidate(id),
    };
  },
});

export const resumeAlwaysOnAction = defineAction({
  name: 'campaigns.alwaysOn.resume',
  permission: 'campaigns.edit',
  schema: byId,
  execute({ id }, uow) {
    const r = commandAlwaysOn(uow, id, 'resume');
    return {
      message: `Resumed: enrolment goes on from the next daily run and ${r.cohorts.length} paused cohort(s) send again.`,
      revalidate: revalidate(id),
    };
  },
});

export const endAlwaysOnAction = defineAction({
  name: 'campaigns.alwaysOn.end',
  permission: 'campaigns.edit',
  schema: byId,
  execute({ id }, uow) {
    commandAlwaysOn(uow, id, 'end');
    return {
      message: 'Ended: no new cohort will be enrolled. Open cohorts run to their own deadline and batch.',
      revalidate: revalidate(id),
    };
  },
});
