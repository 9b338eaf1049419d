import { beforeAll, describe, expect, it } from 'vitest';
import { actionRegistry, executeAction } from '@/lib/runtime/action';
import { makeBatch } from '@/lib/testing/batches/fixtures';
import { getSqlite, staffByRole, withDemoStaff } from '@/lib/testing/db';
import './actions';

// The execute action's three commits: the job row before the work, the work in the action's one
// unit of work, and the job's failure recorded after that unit of work rolled back.

const execute = () => actionRegistry.get('batches.execute')!;
const jobOf = (batchId: number) =>
  getSqlite().prepare('SELECT status, message FROM jobs WHERE kind = ? ORDER BY id DESC LIMIT 1').get(`batch.execute:${batchId}`);

beforeAll(withDemoStaff);

describe('batches.execute', () => {
  it('cancels the members of an approved batch, audits it and closes its job', async () => {
    const { batchId } = makeBatch(getSqlite(), 'approved');
    const { state } = await executeAction(execute(), staffByRole('approver'), { batchId });
    expect(state).toMatchObject({ ok: true, message: 'Executed: 2 cancelled, 0 skipped.' });
    expect(jobOf(batchId)).toEqual({ status: 'done', message: 'Cancelled 2, skipped 0.' });
    expect(
      getSqlite()
        .prepare("SELECT actor_label FROM audit_log WHERE action = 'batch.execute' AND entity_id = ?")
        .get(String(batchId)),
    ).toEqual({ actor_label: 'approver@rekindle.local' });
  });

  it('refuses a batch that is not approved before writing anything, job row included', async () => {
    const { batchId } = makeBatch(getSqlite(), 'submitted');
    const { state } = await executeAction(execute(), staffByRole('approver'), { batchId });
    expect(state).toMatchObject({ ok: false, message: 'This batch has not been approved; it cannot be executed yet.' });
    expect(jobOf(batchId)).toBeUndefined();
  });

  it('a failure mid-execution rolls every cancellation back, then records the failed job in its own transaction', async () => {
    const sqlite = getSqlite();
    const { batchId } = makeBatch(sqlite, 'approved');
    // Fails the last write of the execution, after the members were cancelled inside its transaction.
    sqlite.exec(`CREATE TEMP TRIGGER fail_execution BEFORE UPDATE OF status ON batches
      WHEN NEW.status = 'executed' BEGIN SELECT RAISE(ABORT, 'disk went away'); END`);
    try {
      const { state } = await executeAction(execute(), staffByRole('approver'), { batchId });
      expect(state).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^Something went wrong, and nothing was changed/),
      });
    } finally {
      sqlite.exec('DROP TRIGGER fail_execution');
    }
    expect(sqlite.prepare('SELECT status FROM batches WHERE id = ?').get(batchId)).toEqual({ status: 'approved' });
    expect(sqlite.prepare('SELECT count(*) AS n FROM members WHERE cancelled_batch_id = ?').get(batchId)).toEqual({ n: 0 });
    expect(
      sqlite.prepare("SELECT count(*) AS n FROM batch_members WHERE batch_id = ? AND state = 'included'").get(batchId),
    ).toEqual({ n: 2 });
    expect(jobOf(batchId)).toEqual({ status: 'failed', message: 'Failed; nothing was changed.' });
    // The batch can still be executed, exactly once.
    const again = await executeAction(execute(), staffByRole('approver'), { batchId });
    expect(again.state.ok).toBe(true);
    expect(sqlite.prepare('SELECT count(*) AS n FROM members WHERE cancelled_batch_id = ?').get(batchId)).toEqual({ n: 2 });
  });
});
