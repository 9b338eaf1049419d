import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { mapMemory, openDatabase, withMemoryMap } from './open';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rk-open-'));
const sqlite = openDatabase(path.join(dir, 'map.db'), { migrate: false });
afterAll(() => {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const size = () => sqlite.pragma('mmap_size', { simple: true }) as number;

it('keeps the bulk memory map while any overlapping user holds it, then restores the size from before the first', async () => {
  sqlite.pragma('mmap_size = 4096');
  const job = mapMemory(sqlite, 1 << 20); // a roll-up starts
  let inside = 0;
  await withMemoryMap(sqlite, 1 << 20, async () => {
    inside = size(); // an import overlaps it
  });
  expect(inside).toBe(1 << 20);
  expect(size()).toBe(1 << 20); // the import ended first: the roll-up still reads through the map
  job();
  job(); // releasing twice is harmless
  expect(size()).toBe(4096);
});
