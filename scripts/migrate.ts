// Applies pending migrations to DATABASE_URL (the app also does this when it opens the database).
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/db/open';

const file = process.env.DATABASE_URL || './data/rekindle.db';
fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
openDatabase(file).close();
console.log(`Database at ${file} is migrated.`);
