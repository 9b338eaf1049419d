import { Refusal } from '../refusal';
import type { CampaignStatus } from '../values';

// Which lifecycle step a campaign's status allows, and the refusal when it does not.

/** Statuses of a campaign whose messages have started going out. */
export const SENT_STATUSES: readonly CampaignStatus[] = ['sending', 'paused', 'awaiting_responses', 'closed'];

/** Refuses unless the campaign exists and is still a draft; `what` completes "it cannot be …". */
export function refuseUnlessDraft<C extends { status: CampaignStatus }>(c: C | undefined, what: string): asserts c is C {
  if (!c) throw new Refusal('That campaign does not exist.');
  if (SENT_STATUSES.includes(c.status))
    throw new Refusal(`This campaign has already been sent, so it cannot be ${what}. Nothing was changed.`);
  if (c.status === 'scheduled')
    throw new Refusal(`This campaign is scheduled, so it cannot be ${what}: cancel it first. Nothing was changed.`);
  if (c.status === 'cancelled') throw new Refusal(`This campaign was cancelled, so it cannot be ${what}.`);
}

/** The send time and deadline a schedule asks for, checked against `at`: sendAt unset or past = now. */
export function scheduleTimes(input: { sendAt: number | null; deadlineAt: number | null }, at: number) {
  const sendAt = input.sendAt != null && input.sendAt > at ? input.sendAt : at;
  if (input.deadlineAt != null && input.deadlineAt <= at)
    throw new Refusal('The response deadline is in the past. Choose a later one. Nothing was changed.');
  if (input.deadlineAt != null && input.deadlineAt <= sendAt)
    throw new Refusal('The response deadline must come after the send time. Nothing was changed.');
  return { sendAt, deadlineAt: input.deadlineAt };
}
