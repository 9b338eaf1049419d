import 'server-only';
import { and, desc, eq, gte, lt, ne, type SQL } from 'drizzle-orm';
import { personalFieldsIn } from '@/lib/domain/audit-payload';
import type { Db } from './client';
import { auditLog } from './schema';

export type Actor = { id: number | null; label: string };
export const SYSTEM_ACTOR: Actor = { id: null, label: 'system' };
export const API_ACTOR: Actor = { id: null, label: 'api' };
/** Callers without a staff session: sign-in attempts and members answering on the keep page. */
export const PUBLIC_ACTOR: Actor = { id: null, label: 'public' };

/**
 * Writes one audit entry. Call inside the same transaction as the change it records. A payload
 * naming a member's personal data is a programming error: the log is append-only, so erasure
 * could never reach it; name the member by id instead (decision 018).
 */
export function audit(
  db: Db,
  actor: Actor,
  entry: {
    action: string;
    entityType: string;
    entityId?: string | number | null;
    before?: unknown;
    after?: unknown;
    at?: number;
  },
) {
  const personal = [...personalFieldsIn(entry.entityType, entry.before), ...personalFieldsIn(entry.entityType, entry.after)];
  if (personal.length)
    throw new Error(`audit entry ${entry.action} holds personal data (${personal.join(', ')}): name the member by id`);
  db.insert(auditLog)
    .values({
      at: entry.at ?? Date.now(),
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .run();
}

export type AuditFilter = {
  actor?: string;
  action?: string;
  excludeAction?: string;
  entityType?: string;
  fromAt?: number;
  toBefore?: number;
  beforeId?: number;
  limit: number;
};

/** Newest first, keyset-paginated by id: the fields the audit page shows. */
export function listAudit(db: Db, f: AuditFilter) {
  const where: SQL[] = [];
  if (f.actor) where.push(eq(auditLog.actorLabel, f.actor));
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.excludeAction) where.push(ne(auditLog.action, f.excludeAction));
  if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
  if (f.fromAt != null) where.push(gte(auditLog.at, f.fromAt));
  if (f.toBefore != null) where.push(lt(auditLog.at, f.toBefore));
  if (f.beforeId) where.push(lt(auditLog.id, f.beforeId));
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorLabel: auditLog.actorLabel,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(f.limit)
    .all();
}

export function auditFacets(db: Db) {
  const actors = db.selectDistinct({ v: auditLog.actorLabel }).from(auditLog).orderBy(auditLog.actorLabel).all();
  const actions = db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(auditLog.action).all();
  const entities = db.selectDistinct({ v: auditLog.entityType }).from(auditLog).orderBy(auditLog.entityType).all();
  return { actors: actors.map((r) => r.v), actions: actions.map((r) => r.v), entities: entities.map((r) => r.v) };
}
