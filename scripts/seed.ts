// Demo seed: `npm run db:seed -- --members N [--force]` (default 100,000 members) into DATABASE_URL.
// Deterministic for a given N and "now": every random choice comes from fixed-seed mulberry32 streams.
import fs from 'node:fs';
import path from 'node:path';
import { scanDormancy } from '@/db/dormancy';
import { openDatabase } from '@/db/open';
import { KEEP_VIEW_DAYS } from '@/db/risk-scoring.sql';
import { seedAlwaysOnDemo } from '@/db/seed/always-on-demo';
import { seedApproverNotices } from '@/db/seed/approver-notices';
import { seedBatchHistory } from '@/db/seed/batch-history';
import { seedCampaignHistory } from '@/db/seed/campaign-history';
import { mulberry32, type SeedContext } from '@/db/seed/context';
import { seedCycleHistory } from '@/db/seed/cycle-history';
import { seedFxRates } from '@/db/seed/fx-rates';
import { seedPolicy } from '@/db/seed/policy';
import { seedPopulation, withIndexesDropped } from '@/db/seed/population';
import { seedDemoStaff } from '@/db/seed/staff';
import { withViewCountsRecounted } from '@/db/view-counts.sql';
import { DAY_MS } from '@/lib/domain/time';
import { scoreRisk } from '@/lib/risk/score';
import { now } from '@/lib/runtime/clock';

const SEED = 20_240_917;

function parseArgs(argv: string[]) {
  let members = 100_000;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--force') force = true;
    else if (a === '--members' || a.startsWith('--members=')) {
      const v = a.includes('=') ? a.split('=')[1] : argv[++i];
      members = Number(v?.replaceAll('_', ''));
      if (!Number.isInteger(members) || members < 1 || members > 50_000_000)
        fail(`--members must be a whole number from 1 to 50,000,000 (got "${v}").`);
    } else fail(`Unknown option "${a}". Usage: npm run db:seed -- [--members N] [--force]`);
  }
  return { members, force };
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function isEmpty(file: string): boolean {
  const db = openDatabase(file, { migrate: false });
  try {
    const has = (table: string) => {
      const t = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
      return t ? !!db.prepare(`SELECT 1 FROM "${table}" LIMIT 1`).get() : false;
    };
    return !has('members') && !has('staff');
  } finally {
    db.close();
  }
}

async function main() {
  const { members, force } = parseArgs(process.argv.slice(2));
  const file = process.env.DATABASE_URL || './data/rekindle.db';
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (fs.existsSync(file) && !isEmpty(file)) {
    if (!force)
      fail(
        `Refusing to seed: ${file} already holds data. Seeding adds a whole demo population, so it only runs on an empty database.\n` +
          'Use --force to delete this file and seed a fresh one, or point DATABASE_URL at another file.',
      );
    console.log(`--force: deleting ${file}`);
  }
  if (force) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });

  const started = performance.now();
  const secs = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const sqlite = openDatabase(file);
  const at = now();
  const ctx: SeedContext = {
    sqlite,
    now: at,
    members,
    rng: mulberry32(SEED + 1), // the later steps' stream, independent of how much the population draws
    log: (m) => console.log(m),
  };
  console.log(`Seeding ${members.toLocaleString('en')} members into ${file} (now = ${new Date(at).toISOString()})`);

  // Bulk load without a journal (a fresh file: a crash means re-seeding), then back to WAL.
  // better-sqlite3's defensive mode refuses journal_mode=OFF; lift it for the load only.
  sqlite.unsafeMode(true);
  if (sqlite.pragma('journal_mode = OFF', { simple: true }) !== 'off')
    console.warn('Could not turn the journal off: slower load.');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  const stats = withIndexesDropped(
    sqlite,
    'members',
    // The views' running counts are recounted once after the load instead of by a trigger per view.
    () => withViewCountsRecounted(sqlite, Math.floor(at / DAY_MS) - KEEP_VIEW_DAYS, () => seedPopulation(ctx, mulberry32(SEED))),
    () => console.log(`Rebuilding the members indexes and counting views — ${secs()}`),
  );
  sqlite.pragma('journal_mode = WAL');
  sqlite.unsafeMode(false);
  sqlite.pragma('synchronous = NORMAL');
  console.log(
    `Population: ${stats.members.toLocaleString('en')} members (${stats.dormant.toLocaleString('en')} dormant), ` +
      `${stats.events.toLocaleString('en')} viewing events, ${stats.dailyRows.toLocaleString('en')} daily-count rows — ${secs()}`,
  );

  const step = async (name: string, fn: () => unknown) => {
    const result = await fn();
    console.log(`${name}${result && typeof result === 'object' ? ` ${JSON.stringify(result)}` : ''} — ${secs()}`);
  };
  await step('Policy', () => seedPolicy(ctx));
  await step('Exchange rates', () => seedFxRates(ctx));
  await step('Campaign history', () => seedCampaignHistory(ctx));
  await step('Batch history', () => seedBatchHistory(ctx));
  await step('Always-on campaign', () => seedAlwaysOnDemo(ctx));
  await step('Approver notices', () => seedApproverNotices(ctx));
  await step('Dormancy scan', () => scanDormancy(sqlite, { asOf: at }));
  await step('At-risk scores', () => scoreRisk(sqlite, { day: new Date(at).toISOString().slice(0, 10), at }));
  await step('Daily cycle history', () => seedCycleHistory(ctx));
  await step('Demo staff', () => seedDemoStaff(sqlite, process.env.DEMO_PASSWORD || 'rekindle-demo', at));
  sqlite.pragma('analysis_limit = 1000');
  sqlite.exec('ANALYZE');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  const mb = (fs.statSync(file).size / 1e6).toFixed(0);
  console.log(`Seeded ${file} (${mb} MB) in ${secs()}.`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
