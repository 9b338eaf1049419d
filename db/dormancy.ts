import type Database from 'better-sqlite3';

// STUB — owned by the dormancy-engine helper. The contract the seeder and scripts rely on:
export type ScanResult = { scanned: number; dormant: number; reactivated: number; ms: number };

/** Reclassifies every member as of `asOf` under the policy (default: current) and writes today's daily counts. */
export function scanDormancy(
  _sqlite: Database.Database,
  _opts: { asOf: number; policyVersionId?: number; startedBy?: string; onProgress?: (done: number, total: number) => void },
): ScanResult {
  return { scanned: 0, dormant: 0, reactivated: 0, ms: 0 };
}
