'use server';
import { z } from 'zod';
import { getDb, getSqlite } from '@/db/client';
import { ScanAlreadyRunningError, scanDormancyAsync } from '@/db/dormancy';
import { findCurrentPolicy, policyValues, previewDormantCounts, savePolicyVersion } from '@/db/policy';
import { type PolicyValues, policyProblems } from '@/lib/domain/dormancy';
import { Refusal } from '@/lib/domain/refusal';
import { actorFor, defineAction } from '@/lib/runtime/action';
import { now } from '@/lib/runtime/clock';

const days = z.preprocess(
  (v) => (v === '' || v == null ? undefined : v),
  z.coerce.number({ error: 'Enter a number of days.' }).int('Enter a whole number of days.'),
);
const policySchema = z.object({
  neverWatchedDays: days,
  inactiveDays: days,
  responseDays: days,
  retentionDays: days,
  note: z.string().trim().max(500, 'Keep the note under 500 characters.').optional().default(''),
});

function checked(input: PolicyValues): PolicyValues {
  const problems = policyProblems(input);
  if (Object.keys(problems).length)
    throw new Refusal('Some values cannot be used: see the messages beside them. Nothing was changed.', {
      fieldErrors: Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, [v as string]])),
    });
  return policyValues(input);
}

export type PreviewData = {
  asOf: number;
  current: { neverWatched: number; inactive: number; total: number };
  proposed: { neverWatched: number; inactive: number; total: number };
};

/**
 * How many members would be dormant today under the typed values, next to today's count. Writes
 * nothing. The count reads every member, so it runs in `prepare`, before the unit of work takes the
 * write lock: held over a full pass of the members table it would keep imports and views waiting.
 */
export const previewPolicy = defineAction({
  name: 'policy.preview',
  permission: 'policy.edit',
  schema: policySchema,
  prepare(input) {
    const proposed = checked(input);
    const db = getDb();
    const current = findCurrentPolicy(db) ?? proposed;
    const asOf = now();
    return { asOf, ...previewDormantCounts(db, current, proposed, asOf) };
  },
  execute(_input, _ctx, prepared) {
    const { asOf, ...counts } = prepared;
    const diff = counts.proposed.total - counts.current.total;
    const word = diff === 0 ? 'the same number of' : `${Math.abs(diff).toLocaleString('en')} ${diff > 0 ? 'more' : 'fewer'}`;
    return {
      message: `With these values, ${counts.proposed.total.toLocaleString('en')} members would be dormant today: ${word} than under the current policy. Nothing was saved.`,
      data: { asOf, ...counts } satisfies PreviewData,
    };
  },
});

/** Saves the values as a new policy version (never overwrites one). */
export const savePolicy = defineAction({
  name: 'policy.save',
  permission: 'policy.edit',
  schema: policySchema,
  execute(input, { tx, actor, now, audit }) {
    const values = checked(input);
    const cur = findCurrentPolicy(tx.db);
    if (cur && JSON.stringify(policyValues(cur)) === JSON.stringify(values))
      throw new Refusal(`These are already the values of version ${cur.id}. Nothing was saved.`);
    const note = input.note || null;
    const { row, before } = savePolicyVersion(tx.db, values, { note, createdBy: actor.label, at: now });
    audit({
      action: 'policy.save',
      entityType: 'policy_version',
      entityId: row.id,
      before: before ? { version: before.id, ...policyValues(before) } : null,
      after: { version: row.id, ...policyValues(row), note },
    });
    return {
      message: `Saved as policy version ${row.id}. New campaigns and batches will use it; the next dormancy scan applies it to members.`,
      revalidate: ['/policy'],
    };
  },
});

/**
 * Runs the dormancy scan now (the same code as `npm run dormancy:scan`). Not an `execute`: the scan
 * is a named long-running job that commits chunk by chunk, each chunk its own unit of work, with
 * the event loop free in between (db/dormancy.ts, decision 010).
 */
export const runDormancyScan = defineAction({
  name: 'dormancy.scan',
  permission: 'dormancy.scan',
  schema: z.object({}),
  async run(_input, { staff }) {
    const actor = actorFor(staff);
    try {
      const r = await scanDormancyAsync(getSqlite(), { asOf: now(), startedBy: actor.label, actor });
      return {
        message: `Scan finished in ${(r.ms / 1000).toFixed(1)} s: ${r.scanned.toLocaleString('en')} members checked, ${r.dormant.toLocaleString('en')} dormant (${(r.newlyDormant ?? 0).toLocaleString('en')} newly), ${r.reactivated.toLocaleString('en')} back to active.`,
        revalidate: ['/policy'],
      };
    } catch (err) {
      if (err instanceof ScanAlreadyRunningError) throw new Refusal(err.message);
      if (err instanceof Error && /No policy version/.test(err.message)) throw new Refusal('Save a policy version first.');
      throw err;
    }
  },
});
