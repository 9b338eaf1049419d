// `npm run bench [-- --quick] [--members N] [--no-http] [--rebuild] [--duration S] [--seeded FILE] [--only a,b] [--users 1,20]
//   [--pages overview,members]`
// --seeded and --only are for working on one step: they reuse a seeded file instead of timing the seeder.
// --import-events N sizes the file the import-load step uploads (default: 0.74 per member, at most 3.7M).
export const STEPS = [
  'dormancy',
  'cycle',
  'cycle-always-on',
  'risk',
  'segments',
  'queue',
  'recommend',
  'always-on',
  'batch',
  'csv',
  'metrics-upkeep',
  'http',
  'import-load',
  'background-load',
] as const;
export type StepName = (typeof STEPS)[number];
export type BenchArgs = {
  quick: boolean;
  members: number;
  http: boolean;
  rebuild: boolean;
  durationS: number;
  out: string;
  seeded: string | null;
  only: StepName[] | null;
  importEvents: number | null;
  /** Concurrent users of the HTTP step (--users 1,20); default 1, 5 and 20. */
  users: number[] | null;
  /** Which pages the HTTP step measures (--pages overview,batch, by key); default every one. */
  pages: string[] | null;
};

export function parseArgs(argv: string[]): BenchArgs {
  const quick = argv.includes('--quick');
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const members = Number(value('--members') ?? (quick ? 20_000 : 5_000_000));
  if (!Number.isInteger(members) || members < 1000) throw new Error('--members must be a whole number ≥ 1000');
  const durationS = Number(value('--duration') ?? (quick ? 3 : 15));
  return {
    quick,
    members,
    http: !argv.includes('--no-http'),
    rebuild: argv.includes('--rebuild'),
    durationS,
    out: value('--out') ?? (quick ? 'bench/results-quick.md' : 'bench/results.md'),
    seeded: value('--seeded') ?? null,
    only: parseOnly(value('--only')),
    importEvents: value('--import-events') ? Number(value('--import-events')) : null,
    users: parseUsers(value('--users')),
    pages:
      value('--pages')
        ?.split(',')
        .map((x) => x.trim()) ?? null,
  };
}

function parseOnly(v: string | undefined): StepName[] | null {
  if (v === undefined) return null;
  const names = v.split(',').map((x) => x.trim());
  const bad = names.filter((n) => !(STEPS as readonly string[]).includes(n));
  if (bad.length) throw new Error(`--only takes steps from ${STEPS.join(', ')} (got ${bad.join(', ')})`);
  return names as StepName[];
}

function parseUsers(v: string | undefined): number[] | null {
  if (v === undefined) return null;
  const users = v.split(',').map(Number);
  if (!users.every((n) => Number.isInteger(n) && n >= 1 && n <= 100))
    throw new Error('--users takes whole numbers 1–100, e.g. 1,20');
  return users;
}
