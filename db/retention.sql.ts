import 'server-only';
import type Database from 'better-sqlite3';
import { STATUS_IDX_TERM } from './schema/members';

// The named bulk statements of retention: they repeat the partial index's WHERE term
// (STATUS_IDX_TERM) so SQLite reads the few cancelled members through members_status_idx
// instead of walking all of them.
//
// Erasure reaches every copy of a member's personal data (decision 018): the member row, the
// rendered messages and in-app notices (address, subject and both bodies, which hold the name),
// the SMTP server's replies quoting the address, and the planner's index samples (sqlite_stat4,
// written by ANALYZE, hold whole index keys, email included), bounce reports naming the address, and
// the address's entry on the do-not-email list. Ids, statuses, times and money stay.

const EXPIRED = `${STATUS_IDX_TERM} AND status = 'cancelled' AND retention_until IS NOT NULL AND retention_until <= @at AND purged_at IS NULL`;

/** What an erased message holds instead of its rendered text: the outbox shows it as it is. */
export const ERASED_MESSAGE = {
  subject: 'Erased',
  text: 'This message held the member’s personal data and was erased.',
  html: '<p>This message held the member’s personal data and was erased.</p>',
} as const;

/** Which members a statement erases (a WHERE term on members): one (@memberId) or every expired one (@at). */
const ONE = 'id = @memberId';
const who = (where: string) => `WITH who AS MATERIALIZED (SELECT id FROM members WHERE ${where})`;

/** Replaces the addresses wherever a server reply quotes them (a null address leaves it unchanged). */
const withoutAddress = (col: string, ...addrs: string[]) =>
  addrs.reduce((expr, a) => `replace(${expr}, coalesce(${a}, ''), '[erased]')`, col);
const MEMBER_EMAIL_OF_MESSAGE =
  '(SELECT m.email FROM campaign_members c JOIN members m ON m.id = c.member_id WHERE c.id = messages.campaign_member_id)';

function scrubMessages(sqlite: Database.Database, where: string, params: Record<string, number>): number {
  // Old values on the right of SET: to_address is taken out of the reply before it is cleared.
  const messages = sqlite
    .prepare(
      `${who(where)}
       UPDATE messages SET
         to_address = NULL, subject = @subject, body_html = @html, body_text = @text,
         server_response = ${withoutAddress('server_response', 'to_address', MEMBER_EMAIL_OF_MESSAGE)}
       WHERE campaign_member_id IN (SELECT cm.id FROM who JOIN campaign_members cm ON cm.member_id = who.id)`,
    )
    .run({ ...params, ...ERASED_MESSAGE }).changes;
  sqlite
    .prepare(
      `${who(where)}
       UPDATE campaign_members
       SET failed_reason = ${withoutAddress('failed_reason', '(SELECT m.email FROM members m WHERE m.id = campaign_members.member_id)')}
       WHERE failed_reason IS NOT NULL AND member_id IN (SELECT id FROM who)`,
    )
    .run(params);
  // The member's own words when they chose to leave (keep page) may name them: the reason code stays.
  sqlite
    .prepare(`${who(where)} UPDATE leave_requests SET note = NULL WHERE note IS NOT NULL AND member_id IN (SELECT id FROM who)`)
    .run(params);
  return messages;
}

/**
 * Bounce reports lose the address (their diagnostic is stored without addresses: lib/delivery/bounces.ts).
 * The address's do-not-email entry keeps its row (reason, source, date: the list's counts stay) under a
 * pseudonym: an erased member has no address to send to, and the address itself must not remain.
 */
function scrubBounces(sqlite: Database.Database, where: string, params: Record<string, number>) {
  sqlite
    .prepare(
      `WITH who AS MATERIALIZED (SELECT id, lower(email) AS email FROM members WHERE ${where})
       UPDATE bounces SET address = NULL
       WHERE address IS NOT NULL AND (
         campaign_member_id IN (SELECT cm.id FROM who JOIN campaign_members cm ON cm.member_id = who.id)
         OR address IN (SELECT email FROM who WHERE email IS NOT NULL))`,
    )
    .run(params);
  sqlite
    .prepare(
      `WITH who AS MATERIALIZED (SELECT lower(email) AS email FROM members WHERE ${where} AND email IS NOT NULL)
       UPDATE email_suppressions SET address = 'erased:' || lower(hex(randomblob(12)))
       WHERE address IN (SELECT email FROM who)`,
    )
    .run(params);
}

/**
 * Deletes the planner's index samples (sqlite_stat4, written by ANALYZE) that hold the address of
 * a member being erased: a sample is a whole index key, email included. The samples are few (a
 * few dozen per index), so each is decoded and its addresses looked up, whatever the number erased.
 */
function dropIndexSamples(sqlite: Database.Database, where: string, params: Record<string, number>) {
  if (!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat4'").get()) return;
  const samples = sqlite.prepare("SELECT rowid AS id, sample FROM sqlite_stat4 WHERE tbl = 'members'").all() as {
    id: number;
    sample: Buffer;
  }[];
  const erased = sqlite.prepare(`SELECT 1 FROM members WHERE email = @email AND ${where}`);
  const drop = sqlite.prepare('DELETE FROM sqlite_stat4 WHERE rowid = ?');
  for (const s of samples)
    if (recordTexts(s.sample).some((t) => t.includes('@') && erased.get({ ...params, email: t }))) drop.run(s.id);
}

/** The text values of a SQLite record (https://sqlite.org/fileformat.html#record_format). */
function recordTexts(rec: Buffer): string[] {
  let pos = 0;
  const varint = () => {
    let v = 0;
    for (let i = 0; i < 9; i++) {
      const b = rec[pos++] ?? 0;
      if (i === 8) return v * 256 + b;
      v = v * 128 + (b & 0x7f);
      if (b < 0x80) return v;
    }
    return v;
  };
  const headerEnd = varint();
  const types: number[] = [];
  while (pos < headerEnd) types.push(varint());
  const INT_BYTES = [0, 1, 2, 3, 4, 6, 8, 8, 0, 0];
  const texts: string[] = [];
  let at = headerEnd;
  for (const t of types) {
    const len = t >= 12 ? (t - 12) >> 1 : (INT_BYTES[t] ?? 0);
    if (t >= 13 && t % 2 === 1) texts.push(rec.toString('utf8', at, at + len));
    at += len;
  }
  return texts;
}

/** Erases one member's personal data everywhere it is kept; returns how many messages were erased. */
export function eraseOne(sqlite: Database.Database, memberId: number, at: number): number {
  const p = { memberId };
  const messages = scrubMessages(sqlite, ONE, p);
  scrubBounces(sqlite, ONE, p);
  dropIndexSamples(sqlite, ONE, p);
  sqlite.prepare('UPDATE members SET email = NULL, display_name = NULL, purged_at = @at WHERE id = @memberId').run({ ...p, at });
  return messages;
}

/** Erases the messages (and index samples) of every member anonymiseExpired is about to anonymise; returns how many messages. */
export function eraseMessagesOfExpired(sqlite: Database.Database, at: number, upto?: number): number {
  const [where, p] = expiredUpTo(at, upto);
  const messages = scrubMessages(sqlite, where, p);
  scrubBounces(sqlite, where, p);
  dropIndexSamples(sqlite, where, p);
  return messages;
}

/** The expired members, all of them or (in chunks) those with an id up to `upto`. */
function expiredUpTo(at: number, upto?: number): [string, Record<string, number>] {
  return upto == null ? [EXPIRED, { at }] : [`${EXPIRED} AND id <= @upto`, { at, upto }];
}

/**
 * Anonymises every cancelled member whose retention window has ended (or those with an id up to
 * `upto`), and their messages; returns how many of each.
 */
export function anonymiseExpired(sqlite: Database.Database, at: number, upto?: number): { members: number; messages: number } {
  const messages = eraseMessagesOfExpired(sqlite, at, upto);
  const [where, p] = expiredUpTo(at, upto);
  const members = sqlite
    .prepare(`UPDATE members SET email = NULL, display_name = NULL, purged_at = @at WHERE ${where}`)
    .run(p).changes;
  return { members, messages };
}

/** The id closing the next `limit` expired members (by id), or undefined when none is left. */
export function expiredChunkEnd(sqlite: Database.Database, at: number, limit: number): number | undefined {
  const end = sqlite
    .prepare(`SELECT max(id) FROM (SELECT id FROM members WHERE ${EXPIRED} ORDER BY id LIMIT @limit)`)
    .pluck()
    .get({ at, limit }) as number | null;
  return end ?? undefined;
}

/** How many cancelled members are due for anonymisation at `at`. */
export function countExpired(sqlite: Database.Database, at: number): number {
  return sqlite
    .prepare(
      `SELECT count(*) FROM members INDEXED BY members_retention_due_idx
       WHERE status = 'cancelled' AND purged_at IS NULL AND retention_until <= @at`,
    )
    .pluck()
    .get({ at }) as number;
}
