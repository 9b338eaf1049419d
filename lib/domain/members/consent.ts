// A member's consent to win-back messages (members.winback_consent): given unless they opted out.

const YES = new Set(['1', 'true', 'yes', 'y']);
const NO = new Set(['0', 'false', 'no', 'n']);

/** The member CSV's optional winback_consent cell: blank = consent (nobody opted out), else yes/no, true/false or 1/0. */
export function parseConsent(raw: string): { ok: true; value: boolean } | { ok: false; reason: string } {
  const t = raw.trim().toLowerCase();
  if (t === '' || YES.has(t)) return { ok: true, value: true };
  if (NO.has(t)) return { ok: true, value: false };
  return { ok: false, reason: `"${raw.trim().slice(0, 20)}" is not a consent: write yes or no (or leave it blank for yes).` };
}
