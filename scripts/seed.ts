// Demo seed: `npm run db:seed -- --members N`. (The population generator lands with the seeder work.)
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/db/open';
import { seedDemoStaff } from '@/db/seed/staff';

const file = process.env.DATABASE_URL || './data/rekindle.db';
fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
async function main() {
  const sqlite = openDatabase(file);
  await seedDemoStaff(sqlite, process.env.DEMO_PASSWORD || 'rekindle-demo', Date.now());
  sqlite.close();
  console.log(`Seeded demo staff into ${file}.`);
}

main();
