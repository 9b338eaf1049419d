/** Why an approver takes a member out of a batch before the decision (the label is recorded on the member's row). */
export const EXCLUSION_REASONS = { vip: 'VIP', open_complaint: 'Open complaint', error: 'Error' } as const;
export type ExclusionReason = keyof typeof EXCLUSION_REASONS;

/** The reason recorded on the batch member's row: the label, and the approver's note after it. */
export function exclusionText(reason: ExclusionReason, note: string): string {
  return note ? `${EXCLUSION_REASONS[reason]}: ${note}` : EXCLUSION_REASONS[reason];
}
