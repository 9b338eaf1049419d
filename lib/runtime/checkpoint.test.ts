import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, getSqlite } from '@/db/client';
import { type CheckpointResult, checkpointContinuously, checkpointInBackground } from './checkpoint';
import { keepCheckpointing } from './keeper';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rk-ckpt-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('checkpointInBackground', () => {
  it('copies a commit left in the WAL back into the database file from a worker thread', async () => {
    const file = path.join(dir, 'a.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0'); // as the server's connection runs
    db.exec('CREATE TABLE t (x TEXT)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.transaction(() => {
      const ins = db.prepare('INSERT INTO t VALUES (?)');
      for (let i = 0; i < 20000; i++) ins.run('x'.repeat(400));
    })();
    // Over SQLite's 1000-page automatic checkpoint threshold, yet still all in the WAL at commit.
    const walPages = fs.statSync(`${file}-wal`).size / (4096 + 24); // 24-byte frame headers
    expect(walPages).toBeGreaterThan(1000);
    expect(fs.statSync(file).size).toBeLessThan(1024 * 1024);
    const r = await checkpointInBackground(file);
    expect(r.log).toBeGreaterThan(1000);
    expect(r.checkpointed).toBe(r.log);
    expect(fs.statSync(file).size).toBeGreaterThan(20000 * 400);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 20000 });
    db.close();
  });
});

describe('checkpointContinuously (the server connection)', () => {
  const until = async (ok: () => boolean, ms = 10_000) => {
    for (const t0 = Date.now(); !ok(); ) {
      if (Date.now() - t0 > ms) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('leaves a big commit in the WAL, then its worker copies every page back; stopping hands checkpoints back to SQLite', async () => {
    const file = path.join(dir, 'keeper.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x TEXT)');
    const done: CheckpointResult[] = [];
    const keeper = checkpointContinuously(db, { everyMs: 20, onCheckpoint: (r) => done.push(r) });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await until(() => done.length > 0); // the table's creation
    const before = done.length;
    db.transaction(() => {
      const ins = db.prepare('INSERT INTO t VALUES (?)');
      for (let i = 0; i < 20000; i++) ins.run('x'.repeat(400));
    })();
    // Committed without a checkpoint on this thread: the rows are in the WAL, not yet in the file.
    expect(fs.statSync(`${file}-wal`).size / (4096 + 24)).toBeGreaterThan(1000);
    expect(fs.statSync(file).size).toBeLessThan(1024 * 1024);
    await until(() => done.slice(before).some((r) => r.log > 1000 && r.checkpointed === r.log));
    expect(fs.statSync(file).size).toBeGreaterThan(20000 * 400);
    // Readers on this connection meanwhile and after see every row.
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 20000 });
    keeper.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });

  it('never keeps a script alive: one that closes its database without stopping the keeper still exits', () => {
    const file = path.join(dir, 'script.db');
    const script = `import { openDatabase } from '${path.resolve('db/open')}'; import { checkpointContinuously } from '${path.resolve('lib/runtime/checkpoint')}';
      const db = openDatabase(${JSON.stringify(file)}, { migrate: false }); checkpointContinuously(db);
      db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)'); db.close(); console.log('done');`;
    fs.writeFileSync(path.join(dir, 'script.ts'), script);
    const run = spawnSync(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', path.join(dir, 'script.ts')], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(run.error?.message ?? 'exited', 'the script was still running after 10 s').toBe('exited');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('done');
  }, 30_000);

  it('is the process connection’s companion once registered: that connection opens with it, and closeDb stops it', async () => {
    const file = path.join(dir, 'process.db');
    fs.copyFileSync(process.env.REKINDLE_TEST_BASE_DB!, file);
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = file;
    try {
      keepCheckpointing(); // as the server's instrumentation, the scripts and the test set-up do
      const sqlite = getSqlite();
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      closeDb();
      expect(sqlite.open).toBe(false);
    } finally {
      process.env.DATABASE_URL = before;
    }
  });

  it('does nothing for an in-memory database', () => {
    const db = new Database(':memory:');
    checkpointContinuously(db).stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });
});
