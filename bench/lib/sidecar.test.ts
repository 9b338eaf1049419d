import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSidecar, sidecarPath, sidecarRows, writeSidecar } from './sidecar';

describe('the JSON sidecar of a bench run', () => {
  it('sits beside the markdown table', () => {
    expect(sidecarPath('bench/results.md')).toBe('bench/results.json');
    expect(sidecarPath('/tmp/c20k')).toBe('/tmp/c20k.json');
  });

  it('writes what the curve reads back, a time that is not a number as null', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-')), 'run.json');
    const rows = sidecarRows([
      { step: 'HTTP: Overview — full load, 1 user', kind: 'page', ms: Number.NaN, result: 'no response', status: 'failed' },
      { step: 'Dormancy reclassification', kind: 'set', ms: 1200, rawMs: 1000, peakRssMb: 190, result: '1.20 s', status: 'met' },
    ]);
    const machine = { cores: 2, cpu: 'cpu', memoryGiB: 8, platform: 'linux', node: 'v20' };
    const run = { date: 'd', commit: 'abc1234', machine, members: 20_000, bigOperation: 3_600, quick: false, rows };
    writeSidecar(file, { ...run, load: { start: 1, end: 2 } });
    const back = readSidecar(file);
    expect(back.rows.map((r) => [r.kind, r.ms, r.rawMs, r.peakRssMb])).toEqual([
      ['page', null, null, null],
      ['set', 1200, 1000, 190],
    ]);
  });

  it('refuses a file that is not a sidecar, naming it', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-')), 'results.md.json');
    fs.writeFileSync(file, '{"rows": []}');
    expect(() => readSidecar(file)).toThrow(/results\.md\.json: not a bench run's sidecar/);
  });
});
