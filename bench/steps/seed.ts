import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { watchPeakRss } from '../lib/measure';
import { fmtMb, fmtMs, judge, measured, type Row } from '../lib/table';

const SEED_TARGET_MS = 120_000;

export type SeedOutcome = { row: Row; sizeRow: Row; members: number; ms: number };

/** Runs the real seeder (scripts/seed.ts) in a child process, measuring wall time and peak RSS. */
export async function runSeeder(file: string, members: number, log: (m: string) => void): Promise<SeedOutcome> {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
  const t0 = performance.now();
  // node --import tsx runs the seeder in this very child, so its VmHWM is the seeder's own.
  const child = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'scripts/seed.ts', '--members', String(members)],
    {
      env: { ...process.env, DATABASE_URL: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const rss = watchPeakRss(child.pid as number, 200);
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const ms = performance.now() - t0;
  const peak = rss.stop();
  if (code !== 0) throw new Error(`the seeder exited with ${code}: ${out.trim().split('\n').slice(-3).join(' / ')}`);
  log(`seeded in ${fmtMs(ms)}: ${out.trim().split('\n').slice(-1)[0] ?? ''}`);

  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const seeded = (db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n;
  const events = (db.prepare('SELECT count(*) AS n FROM viewing_events').get() as { n: number }).n;
  db.close();
  // Untimed: flush the freshly written file, so the steps' timings do not include its writeback.
  const fd = fs.openSync(file, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  const bytes = fs.statSync(file).size;
  const row: Row = {
    step: `Seeding ${members.toLocaleString('en')} members (scripts/seed.ts)`,
    ...measured('set', ms),
    result: fmtMs(ms),
    target: `≤ ${SEED_TARGET_MS / 1000} s`,
    status: seeded > 0 ? judge(ms, SEED_TARGET_MS) : 'not available yet',
    peakRssMb: peak,
    note:
      seeded > 0
        ? `${seeded.toLocaleString('en')} members, ${events.toLocaleString('en')} viewing events; where the time went: ${seedSteps(out)}`
        : 'the seeder wrote no members (the population generator has not landed); the steps below use the bench fallback population',
  };
  const sizeRow: Row = { step: 'Database size after seeding', kind: 'info', result: fmtMb(bytes / 1024 ** 2), status: 'info' };
  return { row, sizeRow, members: seeded, ms };
}

/** Development shortcut (--seeded FILE): copies an already seeded file instead of timing the seeder. */
export function reuseSeeded(from: string, file: string, log: (m: string) => void): SeedOutcome {
  // The bench's own seeded file given back as --seeded: use it as it is (removing the destination
  // first would delete the source).
  if (path.resolve(from) !== path.resolve(file)) {
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
    fs.copyFileSync(from, file, fs.constants.COPYFILE_FICLONE);
  }
  const db = new Database(file);
  const members = (db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n;
  db.close();
  log(`reusing ${from} (${members.toLocaleString('en')} members); the seeding step is not timed`);
  const info: Row = { step: 'Seeding', kind: 'info', result: 'not timed (--seeded)', status: 'info' };
  return { row: info, sizeRow: info, members, ms: 0 };
}

/**
 * The seeder's slowest steps from its output, whose lines end in the time since it started
 * ("At-risk scores {…} — 131.5 s"): "Population 88.0 s · At-risk scores 43.5 s · …".
 */
export function seedSteps(out: string): string {
  let before = 0;
  const steps: { name: string; s: number }[] = [];
  for (const line of out.split('\n')) {
    const m = /^(.+?)(?: [{(].*)? — ([\d.]+) s$/.exec(line.trim());
    if (!m) continue;
    const at = Number(m[2]);
    steps.push({ name: (m[1] as string).split(':')[0] as string, s: at - before });
    before = at;
  }
  return steps
    .sort((a, b) => b.s - a.s)
    .slice(0, 4)
    .map((x) => `${x.name} ${x.s.toFixed(1)} s`)
    .join(' · ');
}
