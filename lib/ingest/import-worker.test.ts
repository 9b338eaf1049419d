import { beforeAll, describe, expect, it } from 'vitest';
import { runOnImportWorker } from '@/lib/runtime/import-thread';
import { getSqlite, snapshotDb } from '@/lib/testing/db';
import type { ImportJob } from './import-job';
import type { ImportOutcome, ImportProgress } from './import-outcome';

// The import worker (lib/runtime/import-thread.ts) keeps the server's thread free: while a file is
// read, checked and written on the worker, this thread keeps answering reads on its own connection.

const NOW = Date.parse('2025-06-15T12:00:00Z');
const MEMBERS = 20_000;
const s = () => getSqlite();
const job = (): ImportJob => ({
  kind: 'events',
  file: s().name,
  opts: { now: NOW, actor: { id: null, label: 'test@rekindle.local' } },
});

function* csv(events: number, lastLine?: string) {
  yield 'account_id,title,watched_at,seconds\n';
  const day = Date.parse('2025-01-01T00:00:00Z');
  let buf = '';
  for (let i = 0; i < events; i++) {
    buf += `W${(i * 7919) % MEMBERS},Title ${i % 50},${new Date(day + i * 60_000).toISOString()},${60 + (i % 600)}\n`;
    if (buf.length > 64 * 1024) {
      yield buf;
      buf = '';
    }
  }
  yield buf + (lastLine ?? '');
}
async function* bytes(parts: Iterable<string>) {
  for (const p of parts) yield Buffer.from(p);
}

beforeAll(() => {
  s().exec(`DELETE FROM viewing_events; DELETE FROM viewing_events_recent; DELETE FROM members; DELETE FROM policy_versions;
    INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at) VALUES (365, 730, 30, 300, 'test', 0);
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${MEMBERS - 1})
    INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, status, status_changed_at)
    SELECT 'W' || i, 'w' || i || '@example.com', 'W', 'GB', 'standard', 999, 'GBP', ${Date.parse('2020-01-01')}, 'active', 0 FROM n;`);
});

describe('an import on the worker thread', () => {
  it('leaves this thread answering reads while the file is read, checked and written', async () => {
    const count = s().prepare('SELECT count(*) FROM viewing_events_recent').pluck();
    const answered: { phase: string; recent: number }[] = [];
    let phase = 'starting';
    const timer = setInterval(() => answered.push({ phase, recent: count.get() as number }), 5);
    const r = await runOnImportWorker<ImportOutcome<{ inserted: number }>, ImportProgress>(job(), bytes(csv(200_000)), (p) => {
      phase = p.phase;
    }).finally(() => clearInterval(timer));
    expect(r).toMatchObject({ ok: true, rows: 200_000, inserted: 200_000 });
    // Answered in every phase, the write's included, and no read saw a half-written file.
    for (const p of ['reading', 'checking', 'writing']) expect(answered.some((a) => a.phase === p)).toBe(true);
    expect(answered.filter((a) => a.phase === 'writing' && a.recent === 0).length).toBeGreaterThan(0);
    expect(answered.every((a) => a.recent === 0 || a.recent === 200_000)).toBe(true);
    expect(count.get()).toBe(200_000);
  });

  it('writes nothing when the last row is bad, and names it by line and column', async () => {
    const before = snapshotDb();
    const r = await runOnImportWorker<ImportOutcome<object>, ImportProgress>(
      job(),
      bytes(csv(100_000, 'W1,Late,not-a-date,60\n')),
      () => {},
    );
    expect(r).toMatchObject({ ok: false, rows: 100_001, errorCount: 1 });
    expect(r !== 'unavailable' && !r.ok && r.errors[0]).toMatchObject({ line: 100_002, column: 'watched_at' });
    expect(snapshotDb()).toBe(before);
  });

  it('imports two files sent at once, one write after the other', async () => {
    const count = s().prepare('SELECT count(*) FROM viewing_events_recent').pluck();
    const before = count.get() as number;
    const titled = (name: string) => [...csv(100_000)].map((part) => part.replace(/,Title /g, `,${name} `));
    const [a, b] = await Promise.all(
      ['First', 'Second'].map((name) =>
        runOnImportWorker<ImportOutcome<{ inserted: number }>, ImportProgress>(job(), bytes(titled(name)), () => {}),
      ),
    );
    expect(a).toMatchObject({ ok: true, rows: 100_000, inserted: 100_000 });
    expect(b).toMatchObject({ ok: true, rows: 100_000, inserted: 100_000 });
    expect(count.get()).toBe(before + 200_000);
  });
});
