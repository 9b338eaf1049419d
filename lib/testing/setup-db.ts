import fs from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';

// Each test file gets its own copy of the migrated base database, never the developer's data/.
const base = process.env.REKINDLE_TEST_BASE_DB;
if (base) {
  const file = path.join(path.dirname(base), `t-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
  fs.copyFileSync(base, file);
  process.env.DATABASE_URL = file;
  // As the server and the scripts open it: with the checkpoint keeper beside the connection.
  const { keepCheckpointing } = await import('@/lib/runtime/keeper');
  keepCheckpointing();
  afterAll(async () => {
    const { closeDb } = await import('@/db/client');
    closeDb();
  });
}
