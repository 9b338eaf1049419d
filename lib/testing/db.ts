import { getDb, getSqlite } from '@/db/client';
import { seedDemoStaff } from '@/db/seed/staff';
import type { SessionStaff } from '@/lib/auth/session';
import type { Role } from '@/lib/domain/roles';

/** Test helpers: the per-file database (see setup-db.ts) and signed-in callers by role. */
export { getDb, getSqlite };

export async function withDemoStaff() {
  await seedDemoStaff(getSqlite(), 'test-password', Date.now());
}

export function staffByRole(role: Role, email?: string): SessionStaff {
  const row = getSqlite()
    .prepare('SELECT id, email, name, role FROM staff WHERE role = ? AND (? IS NULL OR email = ?) ORDER BY id LIMIT 1')
    .get(role, email ?? null, email ?? null) as SessionStaff | undefined;
  if (!row) throw new Error(`No staff with role ${role}; call withDemoStaff() first`);
  return row;
}

/** A deterministic snapshot of every table's rows, to prove rejected input changed nothing. */
export function snapshotDb(): string {
  const sqlite = getSqlite();
  const tables = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
    )
    .all() as { name: string }[];
  return JSON.stringify(tables.map((t) => [t.name, sqlite.prepare(`SELECT * FROM "${t.name}" ORDER BY 1`).all()]));
}
