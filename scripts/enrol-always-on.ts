// `npm run always-on:enrol [-- --day 2026-05-04]`: enrols the day's cohort of every always-on
// campaign that is enrolling (default: today, UTC, by the app's clock). Running it twice for one day
// enrols nobody twice. The daily scheduler calls the same function (lib/campaigns/always-on.ts).

import { openDatabase } from '@/db/open';
import { unflaggedRunning } from '@/db/running-flags';
import { enrolAlwaysOnCohorts } from '@/lib/campaigns/always-on';
import { flagRunningMembers } from '@/lib/campaigns/running-flags';
import { utcDay } from '@/lib/domain/campaigns/always-on';
import { Refusal } from '@/lib/domain/refusal';
import { now } from '@/lib/runtime/clock';

const file = process.env.DATABASE_URL || './data/rekindle.db';
const at = now();
const i = process.argv.indexOf('--day');
const day = i > 0 ? (process.argv[i + 1] ?? '') : utcDay(at);

const sqlite = openDatabase(file);
try {
  const r = enrolAlwaysOnCohorts(sqlite, { day, at });
  // The segment builder's fast count needs the new cohorts' recipients flagged (db/running-flags.ts).
  for (const id of unflaggedRunning(sqlite)) flagRunningMembers(sqlite, id, at);
  console.log(
    `Always-on enrolment for ${day}: ${r.campaigns} campaign(s) enrolling, ${r.cohorts} cohort(s) enrolled, ` +
      `${r.enrolled} member(s) (${r.held_out} in the holdout)${r.failed ? `, ${r.failed} failed (see above)` : ''}.`,
  );
  if (r.failed) process.exitCode = 1;
} catch (err) {
  if (err instanceof Refusal) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
} finally {
  sqlite.close();
}
