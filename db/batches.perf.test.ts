import { describe, expect, it } from 'vitest';
import { DEADLINE, insertLargeCampaign } from '@/lib/batches/fixtures';
import { getSqlite } from '@/lib/test/db';
import { decideBatch, executeBatch, proposeBatchForCampaign, rawCancelBatchSql, submitBatch } from './batches';

// Benchmark (opt-in, heavy): BATCH_BENCH=900000 npx vitest run db/batches.perf.test.ts
const N = Number(process.env.BATCH_BENCH || 0);

describe.skipIf(!N)(`executing a ${N}-member batch`, () => {
  it('takes at most 8 s, against the bare UPDATE as the baseline', { timeout: 600_000 }, () => {
    const sqlite = getSqlite();
    sqlite.exec(
      "INSERT INTO staff (email, name, role, password_hash, created_at, updated_at) VALUES ('a@x', 'A', 'approver', 'x', 0, 0), ('b@x', 'B', 'approver', 'x', 0, 0)",
    );
    let t = performance.now();
    const c1 = insertLargeCampaign(sqlite, N);
    const c2 = insertLargeCampaign(sqlite, N);
    console.log(`setup ${Math.round(performance.now() - t)} ms`);
    t = performance.now();
    const b1 = proposeBatchForCampaign(sqlite, c1, DEADLINE + 1)!;
    const b2 = proposeBatchForCampaign(sqlite, c2, DEADLINE + 1)!;
    console.log(`proposal of ${N} x2: ${Math.round(performance.now() - t)} ms`);
    submitBatch(sqlite, b1, { id: 1, label: 'a@x' }, DEADLINE + 2);
    decideBatch(sqlite, b1, 'approve', 'bench', { id: 2, label: 'b@x' }, DEADLINE + 3);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const r = executeBatch(sqlite, b1, { id: 2, label: 'b@x' }, DEADLINE + 4);
    // Checkpoint so the baseline does not pay for the first run's write-ahead log.
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    t = performance.now();
    const raw = rawCancelBatchSql(sqlite, b2, DEADLINE + 4);
    const rawMs = performance.now() - t;
    console.log(`raw UPDATE: ${raw} rows in ${Math.round(rawMs)} ms; executeBatch: ${r.cancelled} cancelled in ${r.ms} ms`);
    expect(r.cancelled).toBe(N);
    // Target: <= 8 s where the bare UPDATE takes ~2.6 s. The machine is shared, so scale the
    // budget by how slow the baseline was in this same run (never below 8 s).
    expect(r.ms).toBeLessThanOrEqual(8000 * Math.max(1, rawMs / 2600));
  });
});
