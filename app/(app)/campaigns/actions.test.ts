import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VARIANTS } from '@/lib/domain/campaigns/draft';
import { formValuesOf } from '@/lib/domain/campaigns/form';
import { EMPTY_SEGMENT } from '@/lib/domain/campaigns/segment';
import { actionRegistry, executeAction } from '@/lib/runtime/action';
import { getSqlite, snapshotDb, staffByRole, withDemoStaff } from '@/lib/testing/db';
import './actions';

const DAY = 86_400_000;
const act = (name: string) => actionRegistry.get(name)!;
const form = (extra: Record<string, string | string[]> = {}) => ({
  ...formValuesOf({
    name: 'Action test',
    channel: 'email',
    defaultLanguage: 'en',
    holdoutPct: 10,
    segment: { ...EMPTY_SEGMENT, countries: ['PT'] },
    variants: DEFAULT_VARIANTS,
  }),
  ...extra,
});

beforeAll(async () => {
  await withDemoStaff();
  const sqlite = getSqlite();
  sqlite.exec(`INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at)
               VALUES (365, 730, 30, 300, 'system', 0)`);
  const ins = sqlite.prepare(
    `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at,
       status, status_changed_at, dormant_reason, dormant_since) VALUES (?, ?, 'Rui', 'PT', 'basic', 799, 'EUR', 0, ?, 'dormant', 0, 'inactive', 0)`,
  );
  for (let i = 0; i < 30; i++) ins.run(`pt-${i}`, `pt-${i}@example.test`, Date.now() - 900 * DAY);
});

describe('campaign actions', () => {
  it('an executive is refused every edit, and nothing changes', async () => {
    const exec = staffByRole('executive');
    const before = snapshotDb();
    for (const name of ['campaigns.create', 'campaigns.countSegment']) {
      const { state } = await executeAction(act(name), exec, form());
      expect(state).toMatchObject({ ok: false, message: 'Your role does not allow this action. Nothing was changed.' });
    }
    expect(snapshotDb()).toBe(before);
  });

  it('bad input is named and changes nothing: empty segment, 100% holdout, splits, unknown variables', async () => {
    const cx = staffByRole('cx_manager');
    const before = snapshotDb();
    const empty = await executeAction(act('campaigns.create'), cx, form({ countries: ['JP'] }));
    expect(empty.state.message).toMatch(/^No dormant member matches this segment/);
    const bad = await executeAction(
      act('campaigns.create'),
      cx,
      form({ holdoutPct: '100', vB_split: '20', vA_body: '{{ nope }}' }),
    );
    expect(bad.state.ok).toBe(false);
    expect(bad.state.fieldErrors).toMatchObject({
      holdoutPct: ['A 100% holdout would message nobody: keep it at 50% or less.'],
      splits: ['The variant splits add up to 70%; they must add up to 100%.'],
    });
    expect(bad.state.fieldErrors?.vA_body?.[0]).toMatch(/Unknown variable \{\{nope\}\}/);
    expect(snapshotDb()).toBe(before);
  });

  it('schedules once (a second click does nothing) and refuses edits after sending', async () => {
    const cx = staffByRole('cx_manager');
    const created = await executeAction(act('campaigns.create'), cx, form());
    expect(created.state.ok).toBe(true);
    const id = (created.state.data as { id: number }).id;
    // The audit entry names the signed-in caller, written in the same unit of work as the draft.
    expect(
      getSqlite()
        .prepare(
          `SELECT actor_id AS actorId, actor_label AS actorLabel FROM audit_log WHERE action = 'campaign.create' AND entity_id = ?`,
        )
        .all(String(id)),
    ).toEqual([{ actorId: cx.id, actorLabel: cx.email }]);
    const first = await executeAction(act('campaigns.schedule'), cx, { id: String(id), sendAt: '', deadlineAt: '' });
    expect(first.state.message).toMatch(/^Campaign queued and sending: \d+ to message, \d+ in the holdout, 0 excluded\.$/);
    expect(
      getSqlite()
        .prepare(
          `SELECT action, actor_label AS actorLabel FROM audit_log WHERE entity_type = 'campaign' AND entity_id = ? ORDER BY id`,
        )
        .all(String(id)),
    ).toEqual(
      ['campaign.create', 'campaign.schedule', 'campaign.start_sending'].map((action) => ({ action, actorLabel: cx.email })),
    );
    const before = snapshotDb();
    const second = await executeAction(act('campaigns.schedule'), cx, { id: String(id), sendAt: '', deadlineAt: '' });
    expect(second.state).toMatchObject({
      ok: true,
      message: 'This campaign is already scheduled or sent: nothing was done again.',
    });
    const again = await executeAction(act('campaigns.sendNow'), cx, { id });
    expect(again.state.message).toBe('Already sending: nothing was done again.');
    const edit = await executeAction(act('campaigns.update'), cx, form({ id: String(id), name: 'Changed' }));
    expect(edit.state).toMatchObject({
      ok: false,
      message: 'This campaign has already been sent, so it cannot be edited. Nothing was changed.',
    });
    expect(snapshotDb()).toBe(before);
  });
});
