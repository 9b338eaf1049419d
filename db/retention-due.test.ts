import { describe, expect, it } from 'vitest';
import { getSqlite } from '@/lib/testing/db';
import { purgeDue } from './retention';
import { anonymiseExpired } from './retention.sql';

// The batches page tells admins how many cancelled members are past their retention window and
// still hold personal data; the purge then anonymises exactly those.

const AT = Date.parse('2026-06-15T12:00:00Z');
const DAY = 86_400_000;

function member(account: string, status: string, retentionUntil: number | null, purgedAt: number | null = null) {
  getSqlite()
    .prepare(
      `INSERT INTO members (account_id, email, country, plan, price_minor, currency, joined_at, status, status_changed_at,
         retention_until, purged_at)
       VALUES (?, ?, 'FR', 'basic', 999, 'EUR', 0, ?, ?, ?, ?)`,
    )
    .run(account, `${account}@example.com`, status, AT - 400 * DAY, retentionUntil, purgedAt);
}

describe('members due for the retention purge', () => {
  it('counts the cancelled members whose window has ended and who still hold personal data, and no one else', () => {
    member('due-1', 'cancelled', AT - DAY);
    member('due-2', 'cancelled', AT); // the window ends now
    member('window-open', 'cancelled', AT + DAY);
    member('purged', 'cancelled', AT - 30 * DAY, AT - 29 * DAY);
    member('no-window', 'cancelled', null);
    member('rejoined', 'active', AT - DAY);
    expect(purgeDue(getSqlite(), AT)).toBe(2);
    expect(purgeDue(getSqlite(), AT + DAY)).toBe(3);
    expect(anonymiseExpired(getSqlite(), AT).members).toBe(2);
    expect(purgeDue(getSqlite(), AT)).toBe(0);
    expect(purgeDue(getSqlite(), AT + DAY)).toBe(1);
  });
});
