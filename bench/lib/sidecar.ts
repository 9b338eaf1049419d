import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { z } from 'zod';
import type { Row } from './table';

// The machine-readable twin of a run's markdown table (`<out>.json`): what bench/curve.ts reads to
// put runs of different population sizes side by side.

const finite = z.number().nullable();

const sidecarRow = z.object({
  step: z.string(),
  kind: z.enum(['set', 'count', 'page', 'info']),
  status: z.string(),
  result: z.string(),
  /** The row's time in ms (an operation's, or the p95 of requests or counts); null where nothing was timed. */
  ms: finite,
  rawMs: finite,
  peakRssMb: finite,
});

const sidecar = z.object({
  date: z.string(),
  /** `git rev-parse --short HEAD` when the run started, '+changes' when the work tree differed from it. */
  commit: z.string(),
  machine: z.object({ cores: z.number(), cpu: z.string(), memoryGiB: z.number(), platform: z.string(), node: z.string() }),
  members: z.number(),
  bigOperation: z.number(),
  quick: z.boolean(),
  /** 1-minute load average at the run's start and end. */
  load: z.object({ start: z.number(), end: z.number() }),
  rows: z.array(sidecarRow),
});

export type SidecarRow = z.infer<typeof sidecarRow>;
export type Sidecar = z.infer<typeof sidecar>;

/** bench/results.md → bench/results.json; any other name gets `.json` added. */
export const sidecarPath = (out: string) => (out.endsWith('.md') ? `${out.slice(0, -3)}.json` : `${out}.json`);

/** The commit the run measures, read before it starts (the work tree may move during a long run). */
export function currentCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    return changed ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

const num = (v: number | null | undefined) => (v != null && Number.isFinite(v) ? v : null);

export function sidecarRows(rows: Row[]): SidecarRow[] {
  return rows.map((r) => ({
    step: r.step,
    kind: r.kind,
    status: r.status,
    result: r.result,
    ms: num(r.ms),
    rawMs: num(r.rawMs),
    peakRssMb: num(r.peakRssMb),
  }));
}

export function writeSidecar(file: string, run: Sidecar) {
  fs.writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
}

export function readSidecar(file: string): Sidecar {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not a readable JSON file (${err instanceof Error ? err.message : err})`);
  }
  const parsed = sidecar.safeParse(json);
  if (!parsed.success)
    throw new Error(`${file}: not a bench run's sidecar (written by npm run bench next to its table): ${parsed.error.message}`);
  return parsed.data;
}
