'use server';
import { z } from 'zod';
import { activeManualRun, queueManualRun } from '@/db/cycle';
import { cycleJobList } from '@/lib/cycle/registry';
import { dayOf } from '@/lib/domain/cycle/schedule';
import { Refusal } from '@/lib/domain/refusal';
import { defineAction } from '@/lib/runtime/action';
import { config } from '@/lib/runtime/config';

const jobName = z
  .string({ error: 'Choose a job.' })
  .refine((v) => cycleJobList().some((j) => j.name === v), { message: 'There is no such job.' });

/**
 * "Run now": queues a manual run of one job of the daily cycle, audited. The scheduler (or
 * `npm run cycle`) runs it within seconds, recorded apart from the day's scheduled run.
 */
export const runCycleJobNow = defineAction({
  name: 'operations.run_now',
  permission: 'operations.run',
  schema: z.object({ job: jobName }),
  execute(input, { tx, actor, now, audit }) {
    const label = cycleJobList().find((j) => j.name === input.job)?.label ?? input.job;
    if (activeManualRun(tx.db, input.job))
      throw new Refusal(`“${label}” is already queued or running. Wait for it to finish.`, { code: 'already_running' });
    const day = dayOf(now);
    const runId = queueManualRun(tx.db, { job: input.job, day, by: actor.label, at: now });
    audit({ action: 'cycle.run_now', entityType: 'cycle_job', entityId: input.job, after: { runId, day } });
    const where = config().DISABLE_CYCLE === '1' ? 'It runs at the next `npm run cycle`.' : 'It starts within a few seconds.';
    return { message: `“${label}” queued. ${where}`, revalidate: ['/operations'] };
  },
});
