import type Database from 'better-sqlite3';
import {
  cohortFor,
  deleteEmptyCohort,
  enrollingCampaigns,
  insertCohort,
  markEnrolling,
  queueCohortMembers,
  switchCohorts,
  switchStatus,
  updateDefinitionRow,
} from '@/db/always-on';
import { SYSTEM_ACTOR } from '@/db/audit';
import { campaignDraft, getCampaign, markScheduled } from '@/db/campaigns';
import { currentPolicyRow } from '@/db/segments';
import { runUnitOfWork, type UnitOfWork } from '@/db/unit-of-work';
import {
  type AlwaysOnCommand,
  alwaysOnTransition,
  cohortName,
  cohortSeed,
  enrols,
  parseDay,
  utcDay,
} from '@/lib/domain/campaigns/always-on';
import type { CampaignDraft } from '@/lib/domain/campaigns/draft';
import { Refusal } from '@/lib/domain/refusal';
import { updateDraft } from './drafts';
import { startSending } from './schedule';

// Always-on campaigns: starting one, enrolling each day's cohort, pausing, resuming and ending,
// and editing the definition (future cohorts only). Each in the caller's unit of work with its
// audit entry; enrolAlwaysOnCohorts runs one unit of work per campaign for the daily cycle.

export type CohortEnrolment = { cohortId: number | null; created: boolean; enrolled: number; heldOut: number };

/**
 * Enrols the day's cohort of an always-on campaign: members who match its segment today, are in
 * no running campaign or cohort (the segment's own rule), and pass suppression and the frequency
 * cap; assigned to a variant or the holdout with the cohort's seed, then sending at once, with the
 * deadline at the policy's response window. Idempotent per (campaign, day): a second run finds the
 * cohort and enrols nobody. A day nobody matched leaves no cohort.
 */
export function enrolCohort(uow: UnitOfWork, parentId: number, day: string): CohortEnrolment {
  const { tx, now: at } = uow;
  const parent = getCampaign(tx.sqlite, parentId);
  if (!parent?.alwaysOn) throw new Refusal('That always-on campaign does not exist.');
  const existing = cohortFor(tx.sqlite, parentId, parseDay(day));
  if (existing != null) return { cohortId: existing, created: false, enrolled: 0, heldOut: 0 };
  if (!enrols(parent.status)) throw new Refusal('This always-on campaign is not enrolling (paused, ended or not started).');
  const policy = currentPolicyRow(tx.sqlite);
  const cohortId = insertCohort(tx, parent, {
    day,
    name: cohortName(parent.name, day),
    seed: cohortSeed(parent.seed, day),
    policyVersionId: policy.id,
    at,
  });
  const counts = queueCohortMembers(tx.sqlite, cohortId, parent.segment, at);
  if (counts.queued + counts.holdout === 0) {
    deleteEmptyCohort(tx, cohortId);
    return { cohortId: null, created: false, enrolled: 0, heldOut: 0 };
  }
  markScheduled(tx, cohortId, { policyVersionId: policy.id, sendAt: at, deadlineAt: null, at });
  uow.audit({
    action: 'campaign.cohort_enrol',
    entityType: 'campaign',
    entityId: cohortId,
    after: { parentCampaignId: parentId, day, policyVersionId: policy.id, queued: counts.queued, holdout: counts.holdout },
  });
  startSending(uow, cohortId);
  return { cohortId, created: true, enrolled: counts.queued + counts.holdout, heldOut: counts.holdout };
}

/**
 * The daily enrolment of every always-on campaign that is enrolling, for the scheduler: one unit of
 * work per campaign (oldest first, so an earlier campaign's cohort is running when the next one's
 * segment is read: a member is never in two). Running it twice for one day enrols nobody twice.
 */
export function enrolAlwaysOnCohorts(
  sqlite: Database.Database,
  o: { day: string; at: number; progress?: (done: number, total?: number) => void },
): Record<'campaigns' | 'cohorts' | 'enrolled' | 'held_out' | 'failed', number> {
  const day = parseDay(o.day);
  const ids = enrollingCampaigns(sqlite);
  const out = { campaigns: ids.length, cohorts: 0, enrolled: 0, held_out: 0, failed: 0 };
  ids.forEach((id, i) => {
    try {
      const r = runUnitOfWork(sqlite, SYSTEM_ACTOR, o.at, (uow) => enrolCohort(uow, id, day));
      if (r.created) out.cohorts++;
      out.enrolled += r.enrolled;
      out.held_out += r.heldOut;
    } catch (err) {
      // Left for the next run (the day is retried: idempotent); logged without personal data.
      out.failed++;
      console.error(`[always-on] enrolling campaign ${id} for ${day} failed:`, err instanceof Error ? err.message : 'unknown');
    }
    o.progress?.(i + 1, ids.length);
  });
  return out;
}

/** Draft → enrolling, enrolling today's cohort at once. */
export function startAlwaysOn(uow: UnitOfWork, id: number): CohortEnrolment {
  const c = getCampaign(uow.tx.sqlite, id);
  if (!c?.alwaysOn) throw new Refusal('That always-on campaign does not exist.');
  if (c.status !== 'draft') throw new Refusal('This always-on campaign has already started. Nothing was changed.');
  const policy = currentPolicyRow(uow.tx.sqlite);
  markEnrolling(uow.tx, id, policy.id, uow.now);
  uow.audit({
    action: 'campaign.always_on_start',
    entityType: 'campaign',
    entityId: id,
    before: { status: 'draft' },
    after: { status: 'enrolling', policyVersionId: policy.id },
  });
  return enrolCohort(uow, id, utcDay(uow.now));
}

/** "Enrol today now" from the page: today's cohort, if not enrolled yet. */
export function enrolToday(uow: UnitOfWork, id: number): CohortEnrolment {
  const c = getCampaign(uow.tx.sqlite, id);
  if (!c?.alwaysOn) throw new Refusal('That always-on campaign does not exist.');
  if (!enrols(c.status)) throw new Refusal('Only an enrolling always-on campaign enrols cohorts: resume it first.');
  return enrolCohort(uow, id, utcDay(uow.now));
}

/**
 * Pause: no new cohort, and the open cohorts' sending pauses. Resume: enrolment and sending go on.
 * End: no new cohort; open cohorts keep going to their own deadline and batch (a paused cohort
 * stays paused until resumed on its own page, and still closes at its deadline).
 */
export function commandAlwaysOn(uow: UnitOfWork, id: number, cmd: AlwaysOnCommand) {
  const c = getCampaign(uow.tx.sqlite, id);
  const to = alwaysOnTransition(c, cmd);
  switchStatus(uow.tx, id, c!.status, to, uow.now);
  const cohorts =
    cmd === 'pause'
      ? switchCohorts(uow.tx, id, 'sending', 'paused', uow.now)
      : cmd === 'resume'
        ? switchCohorts(uow.tx, id, 'paused', 'sending', uow.now)
        : [];
  uow.audit({
    action: `campaign.always_on_${cmd}`,
    entityType: 'campaign',
    entityId: id,
    before: { status: c!.status },
    after: { status: to, cohorts },
  });
  return { status: to, cohorts };
}

/**
 * Edits a campaign: a draft as before; a started always-on campaign's definition applies to cohorts
 * enrolled from now on (open cohorts keep what they were enrolled with); an ended one is refused.
 */
export function editCampaign(uow: UnitOfWork, id: number, d: CampaignDraft): 'draft' | 'future_cohorts' {
  const c = getCampaign(uow.tx.sqlite, id);
  if (!c?.alwaysOn || c.status === 'draft') {
    updateDraft(uow, id, d);
    return 'draft';
  }
  if (c.status === 'ended') throw new Refusal('This always-on campaign has ended, so it cannot be edited. Nothing was saved.');
  // No empty-segment refusal here: today's matches may all be in cohorts already; tomorrow's may not.
  const before = campaignDraft(uow.tx.sqlite, c);
  updateDefinitionRow(uow.tx, id, d, uow.now);
  uow.audit({ action: 'campaign.always_on_edit', entityType: 'campaign', entityId: id, before, after: d });
  return 'future_cohorts';
}
