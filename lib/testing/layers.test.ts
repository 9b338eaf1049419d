import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The layer rules live in biome.json (noRestrictedImports per folder). This test writes files that
// break them and proves `biome lint` refuses each, so a rule that stops matching fails the suite.
const root = path.resolve(__dirname, '../..');
const written: string[] = [];

function lint(relFile: string, source: string): string {
  const file = path.join(root, relFile);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, source);
  written.push(file);
  try {
    execFileSync(path.join(root, 'node_modules/.bin/biome'), ['lint', relFile], { cwd: root, stdio: 'pipe' });
    return '';
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

afterAll(() => {
  for (const f of written) fs.rmSync(f, { force: true });
});

describe('import layers (biome.json)', () => {
  it.each([
    [
      'lib/domain/layer-probe.ts',
      "import { getDb } from '@/db/client';\nexport const x = getDb;\n",
      'lib/domain holds pure rules',
    ],
    ['lib/domain/layer-probe.ts', "import fs from 'node:fs';\nexport const x = fs;\n", 'no Node built-ins'],
    [
      'lib/domain/layer-probe.ts',
      "import { now } from '@/lib/runtime/clock';\nexport const x = now;\n",
      'lib/domain holds pure rules',
    ],
    [
      'db/layer-probe.ts',
      "import { startServerSender } from '@/lib/runtime/sender';\nexport const x = startServerSender;\n",
      'db/ imports only lib/domain',
    ],
    ['lib/ingest/layer-probe.ts', "import { getSqlite } from '@/lib/testing/db';\nexport const x = getSqlite;\n", 'only tests'],
    [
      'components/layer-probe.tsx',
      "import { getSqlite } from '@/db/client';\nexport const x = getSqlite;\n",
      'Components never open the database',
    ],
  ])('%s refuses a wrong import', (file, source, message) => {
    expect(lint(file, source)).toContain(message);
  });

  it('accepts the allowed direction (a use case importing db/ and the domain)', () => {
    const out = lint(
      'lib/ingest/layer-probe-ok.ts',
      "import { getSqlite } from '@/db/client';\nimport { DAY_MS } from '@/lib/domain/time';\nexport const x = [getSqlite, DAY_MS];\n",
    );
    expect(out).toBe('');
  });
});
