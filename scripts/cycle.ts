// `npm run cycle`: runs what is due of the daily cycle (the same jobs as the server's scheduler, for
// a deployment that prefers cron), prints each job's result, and exits non-zero if one failed.
import { getSqlite } from '@/db/client';
import { runDueCycle } from '@/lib/cycle/run';
import { now } from '@/lib/runtime/clock';
import { config } from '@/lib/runtime/config';
import { processOwner } from '@/lib/runtime/cycle-start';
import { keepCheckpointing } from '@/lib/runtime/keeper';

async function main(): Promise<number> {
  let c: ReturnType<typeof config>;
  try {
    c = config();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    return 2;
  }
  keepCheckpointing();
  const results = await runDueCycle(getSqlite(), { hourUtc: c.CYCLE_HOUR_UTC, owner: processOwner(), now });
  if (results.length === 0) console.log('Nothing due: every due day’s jobs are done (or running in another process).');
  for (const r of results)
    console.log(
      `${r.ok ? 'done  ' : 'FAILED'} ${r.job} for ${r.day}${r.trigger === 'manual' ? ' (run now)' : ''} in ${r.ms} ms: ${
        r.ok ? JSON.stringify(r.counts) : r.error
      }`,
    );
  return results.some((r) => !r.ok) ? 1 : 0;
}

main().then((code) => process.exit(code));
