import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@/db/open';

// One migrated base database per test run; each test file copies it (a file copy is instant).
export default function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rekindle-unit-'));
  const base = path.join(dir, 'base.db');
  const db = openDatabase(base);
  db.pragma('journal_mode = DELETE'); // a single file, safe to copy
  db.close();
  process.env.REKINDLE_TEST_BASE_DB = base;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
