// `npm run dormancy:scan [-- --as-of 2025-06-15T00:00:00Z]`: the same scan as the Policy page's button.

import { ScanAlreadyRunningError, scanDormancy } from '@/db/dormancy';
import { openDatabase } from '@/db/open';
import { now } from '@/lib/runtime/clock';

const file = process.env.DATABASE_URL || './data/rekindle.db';
const i = process.argv.indexOf('--as-of');
const asOf = i > 0 ? Date.parse(process.argv[i + 1] ?? '') : now();
if (!Number.isFinite(asOf)) {
  console.error('--as-of needs an ISO 8601 instant, e.g. 2025-06-15T00:00:00Z');
  process.exit(2);
}

const sqlite = openDatabase(file);
let lastPct = -1;
try {
  const r = scanDormancy(sqlite, {
    asOf,
    startedBy: 'cli',
    onProgress: (done, total) => {
      const pct = total ? Math.floor((100 * done) / total) : 100;
      if (pct !== lastPct) process.stdout.write(`\r${pct}%`);
      lastPct = pct;
    },
  });
  console.log(
    `\rDormancy scan of ${file} as of ${new Date(asOf).toISOString()} (policy v${r.policyVersionId}): ` +
      `${r.scanned} members checked, ${r.dormant} dormant (${r.newlyDormant} newly), ${r.reactivated} back to active, ${r.ms} ms.`,
  );
} catch (err) {
  if (err instanceof ScanAlreadyRunningError) {
    console.error(err.message);
    process.exit(3);
  }
  throw err;
} finally {
  sqlite.close();
}
