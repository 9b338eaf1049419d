import { and, asc, eq } from 'drizzle-orm';
import { getDb, getSqlite } from '@/db/client';
import { staff } from '@/db/schema';
import { seedDemoStaff } from '@/db/seed/staff';
import type { SessionStaff } from '@/lib/auth/session';
import type { Role } from '@/lib/domain/roles';

/** The per-file test database (see setup-db.ts) and signed-in callers by role. */
export { getDb, getSqlite };

export async function withDemoStaff() {
  await seedDemoStaff(getSqlite(), 'test-password', Date.now());
}

/** The first staff member with this role (and this email, if given), as a signed-in caller. */
export function staffByRole(role: Role, email?: string): SessionStaff {
  const row = getDb()
    .select({ id: staff.id, email: staff.email, name: staff.name, role: staff.role })
    .from(staff)
    .where(and(eq(staff.role, role), email === undefined ? undefined : eq(staff.email, email)))
    .orderBy(asc(staff.id))
    .limit(1)
    .get();
  if (!row) throw new Error(`No staff with role ${role}; call withDemoStaff() first`);
  return row;
}

/** A deterministic snapshot of every table's rows, to prove rejected input changed nothing. */
export function snapshotDb(): string {
  const sqlite = getSqlite();
  // Every table, whatever the schema holds: a walk over sqlite_master, not a Drizzle query.
  const tables = sqlite
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
    )
    .all();
  return JSON.stringify(tables.map((t) => [t.name, sqlite.prepare(`SELECT * FROM "${t.name}" ORDER BY 1`).all()]));
}
