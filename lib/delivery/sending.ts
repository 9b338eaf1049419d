import type Database from 'better-sqlite3';
import { SYSTEM_ACTOR } from '@/db/audit';
import * as q from '@/db/delivery';
import * as hk from '@/db/delivery-housekeeping';
import { runUnitOfWork, type UnitOfWork } from '@/db/unit-of-work';
import { now } from '@/lib/runtime/clock';

// The sender's steps, each in its own unit of work (one BEGIN IMMEDIATE transaction, audited as
// the system): a claim takes the write lock up front, so two worker processes never take the same
// recipient, and each outcome is recorded on its own, as soon as the channel answers.

export type { BuildMessage, ClaimedEmail, ClaimResult } from '@/db/delivery';

/** `at` is the audit time of the steps that write audit entries; the others record no time of their own. */
const system = <T>(sqlite: Database.Database, at: number, work: (uow: UnitOfWork) => T) =>
  runUnitOfWork(sqlite, SYSTEM_ACTOR, at, work);

/** Claims the next email recipient due for sending (db/delivery.ts claimNextEmail). */
export function claimNextEmail(
  sqlite: Database.Database,
  build: q.BuildMessage,
  o: { at: number; leaseMs: number; minIntervalMs: number },
): q.ClaimResult {
  return system(sqlite, o.at, ({ tx }) => q.claimNextEmail(tx, build, o));
}

/** Extends the lease of recipients this worker is still sending. */
export function renewLeases(sqlite: Database.Database, ids: number[], until: number) {
  if (!ids.length) return;
  system(sqlite, now(), ({ tx }) => q.renewLeases(tx, ids, until));
}

export function markSent(sqlite: Database.Database, campaignMemberId: number, at: number, response: string): boolean {
  return system(sqlite, at, ({ tx }) => q.markSent(tx, campaignMemberId, at, response));
}

export function markRetry(sqlite: Database.Database, campaignMemberId: number, retryAt: number, reason: string) {
  system(sqlite, now(), ({ tx }) => q.markRetry(tx, campaignMemberId, retryAt, reason));
}

export function markFailed(sqlite: Database.Database, campaignMemberId: number, reason: string) {
  system(sqlite, now(), ({ tx }) => q.markFailed(tx, campaignMemberId, reason));
}

/** Fails email sends whose lease expired (a sender died mid-send); audited per campaign. */
export function recoverInterrupted(sqlite: Database.Database, at: number): number {
  return system(sqlite, at, (uow) => hk.recoverInterrupted(uow));
}

/** Publishes up to `limit` queued in-app notices; returns how many. */
export function publishInApp(sqlite: Database.Database, build: q.BuildMessage, at: number, limit = 500): number {
  return system(sqlite, at, ({ tx }) => q.publishInApp(tx, build, at, limit));
}

export function expireUnsent(sqlite: Database.Database, at: number): number {
  return system(sqlite, at, ({ tx }) => hk.expireUnsent(tx, at));
}

/** Campaigns with nothing left to send move to 'awaiting_responses' (audited as the system). */
export function finishSentCampaigns(sqlite: Database.Database, at: number): number[] {
  return system(sqlite, at, (uow) => hk.finishSentCampaigns(uow));
}
