import { beforeAll, describe, expect, it, vi } from 'vitest';
import { signKeepToken } from '@/lib/keep/keep-token';
import { type ActionDef, actionRegistry, executeAction } from '@/lib/runtime/action';
import { config } from '@/lib/runtime/config';
import { getSqlite, snapshotDb, withDemoStaff } from '../testing/db';
import '@/app/keep/actions';

// The member's "Keep my membership" link, attacked through the real public action: a made-up,
// re-signed, tampered or expired token confirms nothing; a genuine one works once, never twice.

vi.mock('next/headers', async () => (await import('../testing/next-headers-mock')).nextHeadersMock);

const DAY = 86_400_000;
const keep = () => actionRegistry.get('keep.confirm') as ActionDef<never, unknown>;
const secret = () => config().KEEP_LINK_SECRET;
let deadline = 0;
const recipients: number[] = [];

beforeAll(async () => {
  await withDemoStaff();
  const sqlite = getSqlite();
  const at = Date.now();
  deadline = at + 20 * DAY;
  sqlite
    .prepare(
      `INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at) VALUES (365, 730, 30, 300, 'test', ?)`,
    )
    .run(at);
  const campaignId = Number(
    sqlite
      .prepare(
        `INSERT INTO campaigns (name, status, policy_version_id, segment, channel, holdout_pct, seed, send_started_at, deadline_at, created_by, created_at, updated_at)
         VALUES ('Keep test', 'awaiting_responses', 1, '{}', 'email', 0, 1, ?, ?, 1, ?, ?)`,
      )
      .run(at - DAY, deadline, at - DAY, at - DAY).lastInsertRowid,
  );
  const variantId = Number(
    sqlite
      .prepare(
        `INSERT INTO campaign_variants (campaign_id, key, name, split_pct, subject_template, body_template) VALUES (?, 'A', 'A', 100, 's', 'b')`,
      )
      .run(campaignId).lastInsertRowid,
  );
  for (const n of [1, 2]) {
    const memberId = Number(
      sqlite
        .prepare(
          `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, status, status_changed_at, dormant_reason)
           VALUES (?, ?, 'Pat Member', 'US', 'standard', 1299, 'USD', ?, 'notified', ?, 'never_watched')`,
        )
        .run(`keep-${n}`, `keep-${n}@example.com`, at - 800 * DAY, at).lastInsertRowid,
    );
    recipients.push(
      Number(
        sqlite
          .prepare(
            `INSERT INTO campaign_members (campaign_id, member_id, variant_id, channel, status, assigned_at, attempts, sent_at)
             VALUES (?, ?, ?, 'email', 'sent', ?, 1, ?)`,
          )
          .run(campaignId, memberId, variantId, at - DAY, at - DAY).lastInsertRowid,
      ),
    );
  }
});

async function confirmWith(token: string) {
  const before = snapshotDb();
  const { state } = await executeAction(keep(), null, { token });
  return { state: (state.data as { state?: string } | undefined)?.state, ok: state.ok, unchanged: snapshotDb() === before };
}

const confirmations = () => (getSqlite().prepare('SELECT count(*) AS n FROM keep_confirmations').get() as { n: number }).n;

describe('keep-link tokens', () => {
  it('a made-up token confirms nothing', async () => {
    for (const token of [
      'x',
      'abc.def',
      'MS4x.AAAA',
      `${Buffer.from(`${recipients[0]}.${deadline}`).toString('base64url')}.forged`,
    ]) {
      const r = await confirmWith(token);
      expect(r.state, token).not.toBe('confirmed');
      expect(r.unchanged, token).toBe(true);
    }
  });

  it('a token signed with another secret confirms nothing', async () => {
    const r = await confirmWith(signKeepToken(recipients[0] as number, deadline, 'not-the-secret'));
    expect(r).toMatchObject({ state: 'invalid', unchanged: true });
  });

  it("a genuine token's payload moved to another recipient confirms nothing", async () => {
    const genuine = signKeepToken(recipients[0] as number, deadline, secret());
    const [, sig] = genuine.split('.');
    const other = Buffer.from(`${recipients[1]}.${deadline}`).toString('base64url');
    const r = await confirmWith(`${other}.${sig}`);
    expect(r).toMatchObject({ state: 'invalid', unchanged: true });
  });

  it('an expired token confirms nothing', async () => {
    const r = await confirmWith(signKeepToken(recipients[0] as number, Date.now() - 1000, secret()));
    expect(r.state).not.toBe('confirmed');
    expect(r.unchanged).toBe(true);
  });

  it('a genuine token confirms once; using it again changes nothing', async () => {
    const token = signKeepToken(recipients[0] as number, deadline, secret());
    const first = await confirmWith(token);
    expect(first).toMatchObject({ ok: true, state: 'confirmed', unchanged: false });
    expect(confirmations()).toBe(1);
    const again = await confirmWith(token);
    expect(again).toMatchObject({ state: 'used', unchanged: true });
    // A second, freshly signed token for the same recipient is a reuse too.
    const resigned = await confirmWith(signKeepToken(recipients[0] as number, deadline - 1, secret()));
    expect(resigned).toMatchObject({ state: 'used', unchanged: true });
    expect(confirmations()).toBe(1);
  });
});
