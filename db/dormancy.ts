import 'server-only';
import type Database from 'better-sqlite3';
import { type Actor, SYSTEM_ACTOR } from './audit';
import { drizzleFor } from './client';
import { ruleParams, scanStatements } from './dormancy.sql';
import { claimScanJob, failScanJob, finishScanJob, scanJobProgress } from './dormancy-jobs';
import { policyRow } from './policy';
import { runUnitOfWork } from './unit-of-work';

// Reclassification of every member (DOMAIN.md "Dormant on day D under P") in set-based SQL
// (db/dormancy.sql.ts), plus the day's pre-aggregated counts. A named long-running job that commits
// in id-range chunks on purpose, each chunk its own unit of work (one IMMEDIATE transaction); why,
// and why that loses no update: docs/decisions/010-dormancy-scan-in-chunks.md.

export { SCAN_JOB_KIND, ScanAlreadyRunningError, STALE_JOB_MS } from './dormancy-jobs';

export type ScanResult = {
  scanned: number;
  dormant: number;
  reactivated: number;
  ms: number;
  jobId?: number;
  newlyDormant?: number;
  policyVersionId?: number;
};
export type ScanOptions = {
  asOf: number;
  policyVersionId?: number;
  startedBy?: string;
  onProgress?: (done: number, total: number) => void;
  /** Members (by id) per transaction; smaller = shorter write locks, more commits. */
  chunkSize?: number;
};

const DEFAULT_CHUNK = 500_000;

/**
 * The scan as a sequence of committed steps (one per id-range chunk, then the daily counts);
 * `scanDormancy` runs them back to back, `scanDormancyAsync` yields to the event loop between them.
 */
function* scanSteps(sqlite: Database.Database, opts: ScanOptions, actor: Actor): Generator<void, ScanResult> {
  const t0 = performance.now();
  const db = drizzleFor(sqlite);
  const policy = policyRow(db, opts.policyVersionId);
  const st = scanStatements(sqlite);
  const { lo: minId, hi: maxId } = st.bounds();
  const total = Math.max(0, maxId - minId + 1);
  const wallClock = Date.now();
  const jobId = runUnitOfWork(sqlite, actor, wallClock, ({ tx }) => claimScanJob(tx.db, actor.label, total, wallClock));
  const params = ruleParams(policy, opts.asOf);
  const chunk = Math.max(1, opts.chunkSize ?? DEFAULT_CHUNK);
  let reactivated = 0;
  let newlyDormant = 0;
  try {
    for (let lo = minId; lo <= maxId; lo += chunk) {
      const hi = Math.min(maxId, lo + chunk - 1);
      runUnitOfWork(sqlite, actor, wallClock, ({ tx }) => {
        const p = { ...params, lo, hi };
        for (const r of st.reclassify(p)) {
          if (r.status === 'active') reactivated++;
          else if (r.moved) newlyDormant++;
        }
        reactivated += st.wakeContacted(p);
        scanJobProgress(tx.db, jobId, hi - minId + 1, Date.now());
      });
      opts.onProgress?.(hi - minId + 1, total);
      yield;
    }
    return runUnitOfWork(sqlite, actor, wallClock, (uow) => {
      const dormant = st.fillDay(params.day);
      const r: ScanResult = {
        scanned: st.scanned(),
        dormant,
        reactivated,
        newlyDormant,
        ms: Math.round(performance.now() - t0),
        jobId,
        policyVersionId: policy.id,
      };
      const at = Date.now();
      finishScanJob(uow.tx.db, jobId, { total, message: JSON.stringify(summary(r, params.day)), at });
      uow.audit({ action: 'dormancy.scan', entityType: 'job', entityId: jobId, after: summary(r, params.day) });
      return r;
    });
  } catch (err) {
    failScanJob(
      db,
      jobId,
      `Failed: ${err instanceof Error ? err.message : 'unknown error'}. Members already reclassified stay correct; run it again.`,
      Date.now(),
    );
    throw err;
  }
}

const summary = (r: ScanResult, day: string) => ({
  day,
  policyVersion: r.policyVersionId,
  scanned: r.scanned,
  dormant: r.dormant,
  newlyDormant: r.newlyDormant,
  reactivated: r.reactivated,
  ms: r.ms,
});

const scanActor = (startedBy?: string): Actor => (startedBy ? { id: null, label: startedBy } : SYSTEM_ACTOR);

/** Reclassifies every member as of `asOf` under the policy (default: current) and writes today's daily counts. */
export function scanDormancy(sqlite: Database.Database, opts: ScanOptions & { actor?: Actor }): ScanResult {
  const steps = scanSteps(sqlite, opts, opts.actor ?? scanActor(opts.startedBy));
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** The same scan, yielding to the event loop between chunks so the server keeps answering (progress polls, views). */
export async function scanDormancyAsync(sqlite: Database.Database, opts: ScanOptions & { actor?: Actor }): Promise<ScanResult> {
  const steps = scanSteps(sqlite, opts, opts.actor ?? scanActor(opts.startedBy));
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    await new Promise((r) => setImmediate(r));
  }
}
