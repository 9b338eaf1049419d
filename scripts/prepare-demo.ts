// First step of `npm start`: migrate, and seed the demo database when there is none yet.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/db/open';

const file = process.env.DATABASE_URL || './data/rekindle.db';
if (fs.existsSync(file)) {
  openDatabase(file).close();
  console.log(`Using the existing database at ${file} (migrated).`);
} else {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const members = process.env.DEMO_MEMBERS || '100000';
  console.log(`No database at ${file}: seeding a demo with ${members} members…`);
  execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/seed.ts', '--members', members], { stdio: 'inherit' });
}
