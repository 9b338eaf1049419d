import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '@/db/open';
import { ERASED_MESSAGE } from '@/db/retention.sql';
import { runUnitOfWork } from '@/db/unit-of-work';
import { confirmKeep } from '@/lib/campaigns/keep';
import { recordBounce } from '@/lib/delivery/bounces';
import { buildMessageFor } from '@/lib/delivery/message';
import { outboxChannel } from '@/lib/delivery/transport';
import { DeliveryWorker } from '@/lib/delivery/worker';
import { getSqlite } from '@/lib/testing/db';
import { recipientRows, seedQueuedCampaign, waitFor } from '@/lib/testing/delivery/fixtures';
import { eraseMember, purgeExpired } from './retention';

// Erasure reaches every copy (decision 018): after an erase or a purge and a checkpoint, the
// member's address and name occur nowhere in the database file's bytes, while ids, statuses,
// times and counts stay. The search reads the file itself, so a copy left in a freed page, a
// rendered message, a server reply, an audit entry or an index sample would be found.

const ADMIN = { id: 1, label: 'admin@rekindle.local' };
const DAY = 86_400_000;
let probes = 0;

afterEach(() => {
  getSqlite().pragma('secure_delete = ON');
});

/** The bytes of the database file and its WAL after a TRUNCATE checkpoint (the WAL is then empty). */
function fileBytes(): Buffer {
  const sqlite = getSqlite();
  const [r] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  expect(r?.busy).toBe(0);
  const wal = `${sqlite.name}-wal`;
  return Buffer.concat([fs.readFileSync(sqlite.name), fs.existsSync(wal) ? fs.readFileSync(wal) : Buffer.alloc(0)]);
}

/** A member with a distinctive address and name, sent a campaign message they then answered (audited). */
async function messagedMember() {
  const sqlite = getSqlite();
  const n = ++probes;
  const first = `Zephyrine${'Q'.repeat(n)}`;
  const last = `Quillfeather${'X'.repeat(n)}`;
  const c = seedQueuedCampaign(sqlite, {
    recipients: 1,
    subject: 'Last chance, {{first_name}}',
    // Long enough to spill into overflow pages, which an update frees whole.
    body: `Hello {{first_name}}, keep your {{plan}} plan: {{keep_link}}\n${'We miss you. '.repeat(700)}Bye, {{first_name}}`,
    displayName: () => `${first} ${last}`,
    emailDomain: `erasure-probe-${n}.test`,
  });
  const w = new DeliveryWorker({
    sqlite,
    channel: outboxChannel(),
    buildMessage: (db, id) => buildMessageFor(db, id),
    from: 'Rekindle <no-reply@rekindle.test>',
    ratePerSecond: 1000,
    concurrency: 1,
    idleMs: 20,
    now: Date.now,
    log: () => {},
  });
  w.start();
  await waitFor(() => recipientRows(sqlite, c.campaignId).every((r) => r.status === 'sent'));
  await w.stop();
  w.o.channel.close();
  const [recipient] = recipientRows(sqlite, c.campaignId);
  if (!recipient) throw new Error('no recipient');
  expect(confirmKeep(sqlite, { campaignMemberId: recipient.id }, Date.now()).confirmed).toBe(true);
  sqlite.exec('ANALYZE'); // the planner's index samples (sqlite_stat4) now hold whole index keys
  return { ...c, memberId: c.memberIds[0] as number, email: recipient.email, first, last, recipient };
}

function expectGone(bytes: Buffer, m: { email: string; first: string; last: string }) {
  expect(bytes.includes(m.email)).toBe(false);
  expect(bytes.includes(m.first)).toBe(false);
  expect(bytes.includes(m.last)).toBe(false);
}

/** The message as the campaign's outbox shows it (address, subject, both parts). */
const shownInOutbox = (campaignId: number) =>
  getSqlite()
    .prepare(
      `SELECT msg.to_address AS "to", msg.subject, msg.body_html AS html, msg.body_text AS text
       FROM messages msg JOIN campaign_members cm ON cm.id = msg.campaign_member_id WHERE cm.campaign_id = ?`,
    )
    .get(campaignId);

const recipientState = (id: number) =>
  getSqlite()
    .prepare(
      `SELECT cm.status, cm.sent_at AS sentAt, cm.outcome, msg.id AS messageId, msg.delivered_at AS deliveredAt
       FROM campaign_members cm JOIN messages msg ON msg.campaign_member_id = cm.id WHERE cm.id = ?`,
    )
    .get(id);

describe('erasure reaches every copy', () => {
  it('after an erase request the address and name occur nowhere in the file; the outbox shows the message erased', async () => {
    const m = await messagedMember();
    const bytes = fileBytes();
    expect(bytes.includes(m.email)).toBe(true); // the search finds the copies before erasure
    expect(bytes.includes(m.first)).toBe(true);
    const kept = recipientState(m.recipient.id);

    runUnitOfWork(getSqlite(), ADMIN, Date.now(), (uow) => eraseMember(uow, m.memberId));

    expectGone(fileBytes(), m);
    expect(shownInOutbox(m.campaignId)).toEqual({
      to: null,
      subject: 'Erased',
      text: ERASED_MESSAGE.text,
      html: ERASED_MESSAGE.html,
    });
    expect(recipientState(m.recipient.id)).toEqual(kept); // ids, statuses, times and the outcome stay
    const audit = getSqlite()
      .prepare("SELECT after FROM audit_log WHERE action = 'member.erase' AND entity_id = ?")
      .pluck()
      .get(String(m.memberId));
    expect(JSON.parse(audit as string)).toEqual({ erased: ['email', 'display_name', 'messages'], messagesErased: 1 });
  });

  it('bounce reports and the do-not-email entry keep no copy of the address after an erase', async () => {
    const m = await messagedMember();
    const sqlite = getSqlite();
    const report = { source: 'api' as const, address: m.email, occurredAt: Date.now() };
    runUnitOfWork(sqlite, ADMIN, Date.now(), (uow) => {
      // A complaint suppresses the address; an unmatched report still names it.
      recordBounce(uow, { ...report, type: 'complaint', detail: `550 5.7.1 <${m.email}> reported this message as spam` });
      recordBounce(
        uow,
        { ...report, address: `someone-else-${probes}@elsewhere.test`, type: 'hard', detail: `550 <${m.email}> unknown` },
        'record',
      );
    });
    expect(fileBytes().includes(m.email)).toBe(true);
    const suppressed = () => sqlite.prepare('SELECT count(*) FROM email_suppressions').pluck().get();
    const before = suppressed();

    runUnitOfWork(sqlite, ADMIN, Date.now(), (uow) => eraseMember(uow, m.memberId));

    expectGone(fileBytes(), m);
    expect(suppressed()).toBe(before); // the list keeps its entry (under a pseudonym): counts stay
    expect(sqlite.prepare('SELECT count(*) FROM bounces').pluck().get()).toBe(2);
  });

  it('without secure_delete the erased address stays in freed bytes of the file (the search can fail)', async () => {
    const m = await messagedMember();
    getSqlite().pragma('secure_delete = OFF');
    runUnitOfWork(getSqlite(), ADMIN, Date.now(), (uow) => eraseMember(uow, m.memberId));
    expect(fileBytes().includes(m.email)).toBe(true);
  });

  it('the retention purge erases the messages of the members it anonymises, everywhere in the file', async () => {
    const m = await messagedMember();
    const at = Date.now();
    getSqlite()
      .prepare("UPDATE members SET status = 'cancelled', cancelled_at = ?, retention_until = ? WHERE id = ?")
      .run(at - 301 * DAY, at - DAY, m.memberId);
    const kept = recipientState(m.recipient.id);

    const r = runUnitOfWork(getSqlite(), { id: null, label: 'system' }, at, (uow) => purgeExpired(uow));

    expect(r.purged).toBeGreaterThanOrEqual(1);
    expect(r.messagesErased).toBeGreaterThanOrEqual(1);
    expectGone(fileBytes(), m);
    expect(shownInOutbox(m.campaignId)).toEqual({ to: null, ...ERASED_MESSAGE });
    expect(recipientState(m.recipient.id)).toEqual(kept);
  });
});

describe('copies left by earlier versions', () => {
  it('the data migration erases the messages of members purged before erasure reached messages', async () => {
    const m = await messagedMember();
    const sqlite = getSqlite();
    // As an earlier purge left it: the member row anonymised, the message untouched.
    sqlite
      .prepare('UPDATE members SET email = NULL, display_name = NULL, purged_at = ? WHERE id = ?')
      .run(Date.now(), m.memberId);
    expect(shownInOutbox(m.campaignId)).toMatchObject({ to: m.email });
    const migration = path.join(MIGRATIONS_DIR, '0011_erase_messages_of_purged_members.sql');
    sqlite.exec(fs.readFileSync(migration, 'utf8'));
    expect(shownInOutbox(m.campaignId)).toEqual({ to: null, ...ERASED_MESSAGE });
    sqlite.exec('ANALYZE'); // samples written again from the anonymised rows
    expectGone(fileBytes(), m);
  });
});
