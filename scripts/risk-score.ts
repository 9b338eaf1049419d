// `npm run risk:score [-- --as-of 2025-06-15T00:00:00Z] [--backtest] [--full]`: scores active members
// now as the daily cycle's job `risk-score` does (those whose score may have changed; `--full`: every
// one), then prints members per band. `--backtest` re-runs the backtest even when the stored one is
// under a week old. An --as-of more than 10 days
// before an earlier run's instant undercounts `previous90`: that run dropped the older day buckets
// (decision 033).

import { openDatabase } from '@/db/open';
import { scoreRisk } from '@/lib/risk/score';
import { now } from '@/lib/runtime/clock';

const file = process.env.DATABASE_URL || './data/rekindle.db';
const i = process.argv.indexOf('--as-of');
const at = i > 0 ? Date.parse(process.argv[i + 1] ?? '') : now();
if (!Number.isFinite(at)) {
  console.error('--as-of needs an ISO 8601 instant, e.g. 2025-06-15T00:00:00Z');
  process.exit(2);
}

const sqlite = openDatabase(file);
try {
  const r = scoreRisk(sqlite, {
    day: new Date(at).toISOString().slice(0, 10),
    at,
    backtest: process.argv.includes('--backtest') ? 'now' : 'due',
    full: process.argv.includes('--full'),
    progress: (done, total) => process.stdout.write(`\r${total ? Math.floor((100 * done) / total) : 100}%`),
  });
  console.log(
    `\rAt-risk scores of ${file} as of ${new Date(at).toISOString()}: ${r.scored} active members scored ` +
      `(${r.looked} looked at, ${r.rewritten} rows rewritten), ` +
      `${r.high} high, ${r.medium} medium, ${r.low} low, ${r.ms} ms.`,
  );
} finally {
  sqlite.close();
}
