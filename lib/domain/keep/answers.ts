import { LEAVE_REASONS, type LeaveReason } from '@/lib/domain/values';

// The keep page's answers (DOMAIN.md "Campaigns"): keep, keep and take the offer, or cancel now.

export const KEEP_ANSWERS = ['keep', 'offer', 'leave'] as const;
export type KeepAnswerKind = (typeof KEEP_ANSWERS)[number];

/** The longest free-text reason kept (characters as a textarea's maxLength counts them: UTF-16 units). */
export const LEAVE_NOTE_MAX = 500;

/**
 * The member's free-text reason as stored: trimmed, cut at LEAVE_NOTE_MAX (never refused: the page
 * shows a counter, and a longer text sent below the page is cut, not an error), and null when empty.
 * A cut never splits a surrogate pair.
 */
export function cutLeaveNote(text: string | null | undefined): string | null {
  const trimmed = (text ?? '').trim();
  if (!trimmed) return null;
  let cut = trimmed.slice(0, LEAVE_NOTE_MAX);
  const last = cut.charCodeAt(cut.length - 1);
  if (cut.length < trimmed.length && last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut.trimEnd() || null;
}

/** A reason code from the fixed list, or null for anything else (the reason is optional). */
export function leaveReasonOf(value: unknown): LeaveReason | null {
  return typeof value === 'string' && (LEAVE_REASONS as readonly string[]).includes(value) ? (value as LeaveReason) : null;
}
