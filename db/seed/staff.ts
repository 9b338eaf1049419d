import type Database from 'better-sqlite3';
import type { Role } from '@/db/schema/staff';
import { hashPassword } from '@/lib/auth/password';

/** The demo staff. Only the demo seed creates them; a real deployment adds staff on the Staff page. */
export const DEMO_STAFF: { email: string; name: string; role: Role }[] = [
  { email: 'admin@rekindle.local', name: 'Ada Admin', role: 'admin' },
  { email: 'cx@rekindle.local', name: 'Casey CX', role: 'cx_manager' },
  { email: 'approver@rekindle.local', name: 'Avery Approver', role: 'approver' },
  { email: 'approver2@rekindle.local', name: 'Blake Approver', role: 'approver' },
  { email: 'exec@rekindle.local', name: 'Evelyn Exec', role: 'executive' },
];

export async function seedDemoStaff(sqlite: Database.Database, password: string, at: number) {
  const insert = sqlite.prepare(
    `INSERT INTO staff (email, name, role, password_hash, disabled, created_at, updated_at)
     VALUES (?, ?, ?, ?, 0, ?, ?) ON CONFLICT(email) DO NOTHING`,
  );
  for (const s of DEMO_STAFF) insert.run(s.email, s.name, s.role, await hashPassword(password), at, at);
}
