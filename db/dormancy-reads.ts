import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { dormancyDaily } from './schema';

/** Counts by reason from the latest day the scan wrote (cheap: reads the pre-aggregated table). */
export function latestDailyCounts(db: Db) {
  const rows = db
    .select({ day: dormancyDaily.day, reason: dormancyDaily.reason, n: sql<number>`sum(${dormancyDaily.count})` })
    .from(dormancyDaily)
    .where(and(eq(dormancyDaily.day, sql`(SELECT max(day) FROM dormancy_daily)`)))
    .groupBy(dormancyDaily.day, dormancyDaily.reason)
    .all();
  const byReason: Record<string, number> = Object.fromEntries(rows.map((r) => [r.reason, r.n]));
  return { day: rows[0]?.day ?? null, byReason };
}
