import type { MemberListRow } from '@/db/members';
import { formatDay, formatMinor } from '@/lib/domain/members/format';
import { languageName } from '@/lib/domain/members/language';

/** One row of the members table as it is shown: already formatted, so the page sends text, not markup. */
export type MemberTableRow = {
  id: number;
  account: string;
  name: string | null;
  email: string | null;
  country: string;
  plan: string;
  price: string;
  status: string;
  joined: string;
  lastViewed: string | null;
  language: string;
  languageName: string;
};

export function memberTableRows(rows: MemberListRow[]): MemberTableRow[] {
  return rows.map((m) => ({
    id: m.id,
    account: m.accountId,
    name: m.displayName,
    email: m.email,
    country: m.country,
    plan: m.plan,
    price: formatMinor(m.priceMinor, m.currency),
    status: m.status,
    joined: formatDay(m.joinedAt),
    lastViewed: m.lastViewedAt ? formatDay(m.lastViewedAt) : null,
    language: m.language,
    languageName: languageName(m.language),
  }));
}
