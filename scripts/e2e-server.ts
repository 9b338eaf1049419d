// Serves the production build for Playwright on a fresh, small seeded database.
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const db = process.env.DATABASE_URL;
if (!db) throw new Error('DATABASE_URL must name the e2e database file');
fs.mkdirSync(path.dirname(db), { recursive: true });
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
const members = process.env.E2E_MEMBERS || '3000';
execSync(`npx tsx --conditions=react-server scripts/seed.ts --members ${members}`, { stdio: 'inherit' });
if (process.env.E2E_SKIP_BUILD !== '1') execSync('npx next build', { stdio: 'inherit' });
// The production server as `npm start` runs it: Next's own (`next start`).
const nextBin = require.resolve('next/dist/bin/next');
const server = spawn(process.execPath, [nextBin, 'start', '-p', process.env.PORT || '3100', '-H', '127.0.0.1'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
