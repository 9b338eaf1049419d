/**
 * The member id in a /members/<id> link: a positive integer in plain digits, nothing else (no
 * "1e3", " 12" or "0x10"), so the page and the status proxy.ts gives it agree on what names a member.
 */
export function parseMemberId(raw: string): number | null {
  if (!/^[1-9]\d{0,15}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}
