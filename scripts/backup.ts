// `npm run db:backup [-- <dest.db>]`: a consistent online copy of DATABASE_URL while the app serves.
import Database from 'better-sqlite3';
import { backupDatabase, defaultBackupPath } from '@/db/backup';

const file = process.env.DATABASE_URL || './data/rekindle.db';
const dest = process.argv[2] || defaultBackupPath(file);

async function main() {
  const sqlite = new Database(file, { fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  try {
    const r = await backupDatabase(sqlite, dest);
    console.log(
      `Backed up ${file} to ${r.file} (${(r.bytes / 1e6).toFixed(1)} MB, ${r.pages} pages, ${r.ms} ms); integrity_check ok.`,
    );
  } finally {
    sqlite.close();
  }
}

main().catch((err) => {
  console.error(`Backup failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
