import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase, verifyDatabaseFile } from './backup';
import { openDatabase } from './open';

// A backup taken while another connection writes without pause is a consistent snapshot that
// passes integrity_check; a restore refuses a damaged file and keeps the database it replaces.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rekindle-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function seeded(name: string, members: number) {
  const file = path.join(dir, name);
  const db = openDatabase(file);
  const insert = db.prepare(
    `INSERT INTO members (account_id, email, country, plan, price_minor, currency, joined_at, status_changed_at)
     VALUES (?, ?, 'US', 'standard', 1599, 'USD', 0, 0)`,
  );
  db.transaction(() => {
    for (let i = 0; i < members; i++) insert.run(`acc-${i}`, `m${i}@example.com`);
  })();
  return { file, db };
}

// Another thread, with its own connection, inserts audit rows one transaction at a time until told to stop.
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const ins = db.prepare("INSERT INTO audit_log (at, actor_label, action, entity_type) VALUES (?, 'writer', 'test.write', 'test')");
let stop = false, n = 0;
parentPort.on('message', () => { stop = true; });
(function loop() {
  for (let i = 0; i < 50; i++) { ins.run(Date.now()); n++; }
  if (n === 50) parentPort.postMessage('started');
  if (stop) { db.close(); parentPort.postMessage(n); } else setImmediate(loop);
})();
`;

describe('online backup', () => {
  it('copies a database that is being written to continuously, and the copy passes integrity_check', async () => {
    const { file, db } = seeded('live.db', 150_000);
    const worker = new Worker(WRITER, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3') } });
    const done = new Promise<number>((resolve) => worker.on('message', (m) => typeof m === 'number' && resolve(m)));
    await new Promise<void>((resolve) => worker.once('message', () => resolve()));
    const countBefore = (db.prepare('SELECT COUNT(*) n FROM audit_log').get() as { n: number }).n;
    const dest = path.join(dir, 'live-copy.db');
    const result = await backupDatabase(db, dest);
    const countAfterBackup = (db.prepare('SELECT COUNT(*) n FROM audit_log').get() as { n: number }).n;
    worker.postMessage('stop');
    const written = await done;
    await worker.terminate();

    expect(countAfterBackup).toBeGreaterThan(countBefore); // the writer really ran during the backup
    expect(written).toBeGreaterThanOrEqual(countAfterBackup);
    expect(verifyDatabaseFile(dest)).toEqual({ ok: true });
    const copy = new Database(dest, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT COUNT(*) n FROM members').get()).toEqual({ n: 150_000 });
    // A snapshot from some instant during the backup: between what existed before and after it.
    const copied = (copy.prepare('SELECT COUNT(*) n FROM audit_log').get() as { n: number }).n;
    expect(copied).toBeGreaterThanOrEqual(countBefore);
    expect(copied).toBeLessThanOrEqual(countAfterBackup);
    copy.close();
    expect(fs.existsSync(`${dest}-wal`)).toBe(false); // one self-contained file
    expect(result.bytes).toBeGreaterThan(0);
    db.close();
  });

  it('refuses to overwrite an existing file', async () => {
    const { file, db } = seeded('small.db', 10);
    await expect(backupDatabase(db, file)).rejects.toThrow(/Refusing to overwrite/);
    db.close();
  });
});

describe('restore', () => {
  it('restores a verified backup and keeps a copy of the database it replaced', async () => {
    const { file: source, db: s } = seeded('source.db', 100);
    s.close();
    const { file: target, db: t } = seeded('target.db', 7);
    t.close();
    const r = await restoreDatabase(source, target);
    const restored = new Database(target, { readonly: true });
    expect(restored.prepare('SELECT COUNT(*) n FROM members').get()).toEqual({ n: 100 });
    restored.close();
    expect(r.previousCopy).not.toBeNull();
    const previous = new Database(r.previousCopy as string, { readonly: true });
    expect(previous.prepare('SELECT COUNT(*) n FROM members').get()).toEqual({ n: 7 });
    previous.close();
  });

  it('refuses a file that fails integrity_check or is not a database, changing nothing', async () => {
    const { file: target, db: t } = seeded('keep.db', 5);
    t.pragma('wal_checkpoint(TRUNCATE)');
    t.close();
    const before = fs.readFileSync(target);
    const garbage = path.join(dir, 'garbage.db');
    fs.writeFileSync(garbage, 'this is not a database');
    await expect(restoreDatabase(garbage, target)).rejects.toThrow(/Not restored.*Nothing was changed/);

    // A real database with a corrupted page in the middle.
    const { file: damaged, db: d } = seeded('damaged.db', 5_000);
    d.pragma('journal_mode = DELETE');
    d.close();
    const bytes = fs.readFileSync(damaged);
    bytes.fill(0x5a, 4096 * 5, 4096 * 5 + 2000);
    fs.writeFileSync(damaged, bytes);
    expect(verifyDatabaseFile(damaged).ok).toBe(false);
    await expect(restoreDatabase(damaged, target)).rejects.toThrow(/Not restored/);

    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('keep.db.before-restore'))).toEqual([]);
  });
});
