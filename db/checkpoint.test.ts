import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { withBackgroundCheckpoint } from './checkpoint';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rk-ckpt-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('withBackgroundCheckpoint', () => {
  it('commits without copying the pages back, then a worker thread copies them all into the database file', async () => {
    const file = path.join(dir, 'a.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x TEXT)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const { value, checkpoint } = withBackgroundCheckpoint(db, () =>
      db.transaction(() => {
        const ins = db.prepare('INSERT INTO t VALUES (?)');
        for (let i = 0; i < 20000; i++) ins.run('x'.repeat(400));
        return 20000;
      })(),
    );
    expect(value).toBe(20000);
    // Over SQLite's 1000-page automatic checkpoint threshold, yet still all in the WAL at commit.
    const walPages = fs.statSync(`${file}-wal`).size / (4096 + 24); // 24-byte frame headers
    expect(walPages).toBeGreaterThan(1000);
    const r = await checkpoint;
    expect(r.log).toBeGreaterThan(1000);
    expect(r.checkpointed).toBe(r.log);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000); // restored
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 20000 });
    db.close();
  });
});
