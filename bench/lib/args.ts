// `npm run bench [-- --quick] [--members N] [--no-http] [--rebuild] [--duration S]`
export type BenchArgs = { quick: boolean; members: number; http: boolean; rebuild: boolean; durationS: number; out: string };

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
  };
}
