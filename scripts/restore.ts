// `npm run db:restore -- <backup.db>`: replaces DATABASE_URL with a verified backup (stop the app first).
import { restoreDatabase } from '@/db/backup';

const file = process.env.DATABASE_URL || './data/rekindle.db';
const source = process.argv[2];

async function main() {
  if (!source) throw new Error('Name the backup file: npm run db:restore -- <backup.db>');
  const r = await restoreDatabase(source, file);
  console.log(`Restored ${r.target} from ${r.restoredFrom} in ${r.ms} ms; integrity_check ok.`);
  console.log(r.previousCopy ? `The database it replaced is kept at ${r.previousCopy}.` : 'There was no database to replace.');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
