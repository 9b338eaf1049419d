// A separate process for the concurrency and crash tests (lib/batches/batches.concurrency.test.ts): each
// mode opens the same SQLite file and works on it while the other processes do.
//   execute <db> <batchId> <actorId>          → prints {"ok":true,...} or {"ok":false,"error":...}
//   approve <db> <batchId> <actorId>
//   views   <db> <out.jsonl> <memberId,...>    records one view per member, logging the status seen
//   confirm <db> <out.jsonl> <memberId,...>    confirms (keep link) for each member, logging the status seen
import fs from 'node:fs';
import { openDatabase } from '@/db/open';
import { recordViews } from '@/db/viewing';
import { decideBatch, executeBatch } from '@/lib/testing/batches/steps';

const [mode, file, a, b] = process.argv.slice(2);
const sqlite = openDatabase(file!, { migrate: false });
sqlite.pragma('busy_timeout = 20000');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const statusOf = (id: number) => (sqlite.prepare('SELECT status FROM members WHERE id = ?').get(id) as { status: string }).status;

async function main() {
  if (mode === 'execute' || mode === 'approve') {
    const actor = { id: Number(b), label: `child-${process.pid}` };
    try {
      if (mode === 'execute') {
        console.log('STARTED');
        const r = executeBatch(sqlite, Number(a), actor, Date.now(), {
          // Tells the crash test we are inside the transaction, members already updated, not committed.
          onStep: (step) => {
            if (step === 'cancelled') console.log('IN_TRANSACTION');
          },
        });
        console.log(JSON.stringify({ ok: true, cancelled: r.cancelled, skipped: r.skipped }));
      } else {
        decideBatch(sqlite, Number(a), 'approve', 'concurrent approval', actor, Date.now());
        console.log(JSON.stringify({ ok: true }));
      }
    } catch (err) {
      console.log(JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) }));
    }
    return;
  }
  const out = a!;
  const ids = b!.split(',').map(Number);
  console.log('STARTED');
  for (const id of ids) {
    // The status read and the write are one IMMEDIATE transaction: writes are serialised, so the
    // status seen tells whether this commit came before or after the batch execution's commit.
    const seen = sqlite
      .transaction(() => {
        const s = statusOf(id);
        const at = Date.now();
        if (mode === 'views') recordViews(sqlite, [{ memberId: id, watchedAt: at, titleId: 1, seconds: 60 }], { now: at });
        else {
          const cm = sqlite.prepare('SELECT id FROM campaign_members WHERE member_id = ? ORDER BY id DESC LIMIT 1').get(id) as {
            id: number;
          };
          sqlite
            .prepare('INSERT OR IGNORE INTO keep_confirmations (campaign_member_id, confirmed_at) VALUES (?, ?)')
            .run(cm.id, at);
          sqlite.prepare('UPDATE campaign_members SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL').run(at, cm.id);
        }
        return s;
      })
      .immediate();
    fs.appendFileSync(out, `${JSON.stringify({ id, seen })}\n`);
    await sleep(1);
  }
  console.log('DONE');
}

main().finally(() => sqlite.close());
