import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { seedPolicy } from '@/db/seed/policy';
import { type ActionDef, actionRegistry, executeAction } from '@/lib/runtime/action';
import { resetConfigCache } from '@/lib/runtime/config';
import { getSqlite, snapshotDb, staffByRole, withDemoStaff } from './db';

// Malformed input thrown at every server action, every CSV parser and the events API: nothing
// crashes (no unhandled exception, no generic "Something went wrong"), the refusal is a clear
// message, and where the input was refused the database is byte-for-byte unchanged.

declare global {
  interface ImportMeta {
    glob<T = Record<string, unknown>>(pattern: string | string[], opts: { eager: true }): Record<string, T>;
  }
}

vi.mock('next/headers', async () => (await import('./next-headers-mock')).nextHeadersMock);
vi.mock('next/cache', async (orig) => ({
  ...(await orig<typeof import('next/cache')>()),
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
}));

import.meta.glob('/app/**/actions.ts', { eager: true });
// Every CSV parser in lib/ (a pure `parse…Csv(text)` returning { ok, errors? }), wired in as it lands.
const csvModules = import.meta.glob(['/lib/**/*csv*.ts', '!/lib/**/*.test.ts'], { eager: true });
const csvParsers = Object.entries(csvModules).flatMap(([file, mod]) =>
  Object.entries(mod as Record<string, unknown>)
    .filter(([name, f]) => typeof f === 'function' && /^parse\w*Csv$/i.test(name))
    .map(([name, f]) => [`${file}#${name}`, f as (text: string) => unknown] as const),
);
const eventRoutes = import.meta.glob<{ POST?: (req: Request) => Promise<Response> }>('/app/api/events/route.ts', { eager: true });

const CRASH_MESSAGE = 'Something went wrong, and nothing was changed. Try again, or tell an admin.';
const API_KEY = 'bad-input-test-key';

beforeAll(async () => {
  process.env.INGEST_API_KEY = API_KEY;
  resetConfigCache();
  await withDemoStaff();
  // Every real database has policy version 1 (the seed and prepare-demo write it).
  seedPolicy({ sqlite: getSqlite(), now: Date.now(), members: 0, rng: Math.random, log: () => {} });
});

// --- generators -----------------------------------------------------------------------------

const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '9007199254740993',
  "'; DROP TABLE members; --",
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  'x'.repeat(10_000),
  '😀\u202e\uFEFF',
  'jane.private@example.com',
  'true',
  'false',
  '2024-02-30',
  '[]',
  '{}',
);
const scalar = fc.oneof(
  nasty,
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }),
);

/** Field names the action's schema declares (through pipes and refinements), to aim the fuzz at them. */
function schemaKeys(schema: z.ZodType): string[] {
  let s: unknown = schema;
  for (let i = 0; i < 5 && s; i++) {
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if ((s as { shape?: Record<string, unknown> }).shape) return Object.keys((s as { shape: Record<string, unknown> }).shape);
    s = def?.in ?? def?.innerType ?? def?.schema;
  }
  return [];
}

function inputFor(keys: string[]) {
  const known = keys.length ? fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length }) : fc.constant({});
  const asForm = known.map((o) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(o)) f.append(k, typeof v === 'string' ? v : JSON.stringify(v));
    return f;
  });
  return fc.oneof(known, known, asForm, value, fc.constant(undefined), fc.constant(null));
}

// --- server actions ------------------------------------------------------------------------

/** Tables an action may write even when it refuses: sign-in records failures to throttle them. */
const WRITES_ON_REFUSAL: Record<string, string[]> = { 'auth.signIn': ['login_throttle', 'audit_log'] };

function snapshotExcept(tables: string[]) {
  if (!tables.length) return snapshotDb();
  const parsed = JSON.parse(snapshotDb()) as [string, unknown][];
  return JSON.stringify(parsed.filter(([t]) => !tables.includes(t)));
}

describe('every registered server action survives malformed input', () => {
  it('found the actions', () => expect(actionRegistry.size).toBeGreaterThan(0));

  for (const name of [...actionRegistry.keys()].sort()) {
    it(`${name}: a clear refusal and an unchanged database`, async () => {
      const def = actionRegistry.get(name) as ActionDef<never, unknown>;
      const admin = staffByRole('admin');
      const keys = schemaKeys(def.schema);
      const errors = vi.spyOn(console, 'error');
      await fc.assert(
        fc.asyncProperty(inputFor(keys), async (input) => {
          // Throttled sign-in would answer "locked" to everything after five tries: start clean.
          getSqlite().prepare('DELETE FROM login_throttle').run();
          const before = snapshotExcept(WRITES_ON_REFUSAL[name] ?? []);
          const { state } = await executeAction(def, admin, input);
          expect(typeof state.message).toBe('string');
          if (!state.ok) {
            expect(state.message, 'an unexpected exception reached the wrapper').not.toBe(CRASH_MESSAGE);
            expect(state.message.length).toBeGreaterThan(0);
            expect(snapshotExcept(WRITES_ON_REFUSAL[name] ?? [])).toBe(before);
          }
        }),
        { numRuns: 120, seed: 20_251_123 },
      );
      expect(errors).not.toHaveBeenCalled();
      errors.mockRestore();
    });
  }
});

// --- CSV parsers ----------------------------------------------------------------------------

const csvCell = fc.oneof(nasty, fc.string({ maxLength: 30 }), fc.constantFrom('"', '""', '"a,b"', '\r', '\n', ',', ';', '\t'));
const csvText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.array(fc.array(csvCell, { maxLength: 6 }), { maxLength: 20 }).map((rows) => rows.map((r) => r.join(',')).join('\n')),
  // a plausible header, then garbage
  fc
    .tuple(
      fc.constantFrom('account_id,reason', 'member_id,watched_at,title_id,seconds', 'account_id,email,country,plan'),
      fc.string({ maxLength: 300 }),
    )
    .map(([h, b]) => `\uFEFF${h}\n${b}`),
);

describe('every CSV parser survives malformed files', () => {
  it.skipIf(csvParsers.length === 0)('found the parsers', () => expect(csvParsers.length).toBeGreaterThan(0));
  for (const [label, parse] of csvParsers) {
    it(`${label}: never throws; a refusal lists what is wrong`, () => {
      fc.assert(
        fc.property(csvText, (text) => {
          const r = parse(text) as { ok?: boolean; errors?: unknown[] };
          expect(typeof r).toBe('object');
          if (r && r.ok === false) {
            expect(Array.isArray(r.errors) && r.errors.length > 0).toBe(true);
            for (const e of r.errors ?? []) expect(typeof e === 'string' && e.length > 0).toBe(true);
          }
        }),
        { numRuns: 300, seed: 7 },
      );
    });
  }
});

// --- streamed CSV importers (all-or-nothing, against the database) -------------------------

type StreamImporter = (
  sqlite: ReturnType<typeof getSqlite>,
  source: AsyncIterable<Uint8Array | string>,
  opts: { now: number; actor: { id: number | null; label: string }; maxBytes?: number },
) => Promise<{ ok: boolean; errors?: unknown[]; message?: string }>;
const importerModules = import.meta.glob('/lib/ingest/*-csv.ts', { eager: true });
const streamImporters = Object.entries(importerModules).flatMap(([file, mod]) =>
  Object.entries(mod as Record<string, unknown>)
    .filter(([name, f]) => typeof f === 'function' && /^import\w*Csv$/.test(name))
    .map(([name, f]) => [`${file}#${name}`, f as StreamImporter] as const),
);

/** The text cut into random chunks, as a network stream delivers it (a cell or a UTF-8 character may straddle two). */
const chunked = (text: string, cuts: number[]) => {
  const bytes = Buffer.from(text);
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  return (async function* () {
    let at = 0;
    for (const p of [...points, bytes.length]) {
      if (p > at) yield bytes.subarray(at, p);
      at = p;
    }
  })();
};

describe('every streamed CSV importer refuses malformed files without writing', () => {
  beforeAll(() => {
    // A few real members, so some generated rows name an existing account.
    const insert = getSqlite().prepare(
      `INSERT OR IGNORE INTO members (account_id, email, country, plan, price_minor, currency, joined_at, status_changed_at)
       VALUES (?, ?, 'US', 'standard', 1299, 'USD', 0, 0)`,
    );
    for (const id of ['acc-1', 'acc-2', 'bench-1']) insert.run(id, `${id}@example.com`);
  });
  it.skipIf(streamImporters.length === 0)('found the importers', () => expect(streamImporters.length).toBeGreaterThan(0));
  const rowsFor = fc.oneof(
    csvText,
    fc
      .tuple(
        fc.constantFrom(
          'account_id,title,watched_at,seconds',
          'account_id,email,display_name,country,plan,price_minor,currency,joined_at',
          'name,kind,release_year,series,season',
        ),
        fc.array(
          fc.array(
            fc.oneof(csvCell, fc.constantFrom('acc-1', 'US', 'USD', '2024-05-01T10:00:00Z', '1299', '60', 'series', 'film', '2')),
            {
              maxLength: 9,
            },
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
      )
      .map(([h, rows]) => [h, ...rows.map((r) => r.join(','))].join('\r\n')),
  );
  for (const [label, importer] of streamImporters) {
    it(`${label}: never throws; a refusal names the problem and changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(rowsFor, fc.array(fc.nat(2000), { maxLength: 5 }), async (text, cuts) => {
          const before = snapshotDb();
          const r = await importer(getSqlite(), chunked(text, cuts), {
            now: Date.now(),
            actor: { id: null, label: 'bad-input-test' },
            maxBytes: 64 * 1024,
          });
          if (!r.ok) {
            expect(r.message ?? '').toMatch(/\S/);
            expect(Array.isArray(r.errors) && r.errors.length > 0, r.message).toBe(true);
            expect(snapshotDb()).toBe(before);
          }
        }),
        { numRuns: 150, seed: 3 },
      );
    });
  }
});

// --- events API -----------------------------------------------------------------------------

const [eventsRoute] = Object.values(eventRoutes);
describe('events API', () => {
  it.skipIf(!eventsRoute?.POST)('answers malformed bodies with a 4xx and changes nothing', async () => {
    const post = eventsRoute?.POST as (req: Request) => Promise<Response>;
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      value.map((v) => JSON.stringify(v)),
      fc
        .array(fc.record({ accountId: scalar, watchedAt: scalar, titleId: scalar, seconds: scalar }), { maxLength: 5 })
        .map((e) => JSON.stringify({ events: e })),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('application/json', 'text/csv', 'text/plain'), async (text, type) => {
        const before = snapshotDb();
        const res = await post(
          new Request('http://localhost/api/events', {
            method: 'POST',
            body: text,
            headers: { authorization: `Bearer ${API_KEY}`, 'content-type': type },
          }),
        );
        expect(res.status, await res.clone().text()).toBeLessThan(500);
        if (res.status >= 400) expect(snapshotDb()).toBe(before);
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});
