export const EXCLUSION_REASON_KEYS = ['vip', 'open_complaint', 'error'] as const;
/** Why an approver takes a member out of a batch before the decision. */
export type ExclusionReason = (typeof EXCLUSION_REASON_KEYS)[number];
/** The label of each reason, recorded on the member's row. */
export const EXCLUSION_REASONS: Record<ExclusionReason, string> = {
  vip: 'VIP',
  open_complaint: 'Open complaint',
  error: 'Error',
};

/** The reason recorded on the batch member's row: the label, and the approver's note after it. */
export function exclusionText(reason: ExclusionReason, note: string): string {
  return note ? `${EXCLUSION_REASONS[reason]}: ${note}` : EXCLUSION_REASONS[reason];
}
