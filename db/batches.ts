import type Database from 'better-sqlite3';

// STUB — owned by the batches helper. Called by campaign closing (db/campaigns.ts) when a
// campaign reaches its deadline; must be idempotent (a second call proposes nothing new).
export function proposeBatchForCampaign(_sqlite: Database.Database, _campaignId: number, _at: number): number | null {
  return null;
}
