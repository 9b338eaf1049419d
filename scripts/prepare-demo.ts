// First step of `npm start`: migrate, seed the demo database when there is none yet (or it is empty),
// and build the overview's aggregates so the first page view shows figures rather than "being prepared".
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { refreshMarks, refreshOverviewAggregates } from '@/db/metrics-refresh';
import { openDatabase } from '@/db/open';

const file = process.env.DATABASE_URL || './data/rekindle.db';
let empty = true;
if (fs.existsSync(file)) {
  const db = openDatabase(file);
  empty = !db.prepare('SELECT 1 FROM members LIMIT 1').get() && !db.prepare('SELECT 1 FROM staff LIMIT 1').get();
  db.close();
}
if (!empty) {
  console.log(`Using the existing database at ${file} (migrated).`);
} else {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const members = process.env.DEMO_MEMBERS || '300000';
  console.log(`No demo data in ${file}: seeding a demo with ${members} members…`);
  execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/seed.ts', '--members', members], { stdio: 'inherit' });
}

// After a fresh seed always; on an existing database only when the aggregates were never built
// (the running app keeps them fresh itself, in the background).
const db = openDatabase(file);
const marks = refreshMarks(db);
if (empty || !marks.members || !marks.outcomes) {
  const t0 = performance.now();
  refreshOverviewAggregates(db, Date.now());
  console.log(`Built the overview aggregates in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
}
db.close();
