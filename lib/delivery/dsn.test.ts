import { describe, expect, it } from 'vitest';
import { abuseReportMail, dsnMail } from '@/lib/testing/delivery/dsn-fixtures';
import { parseBounceMail } from './dsn';

// Bounce messages read through mailparser: who failed, how, and which message of ours.

const MID = '<rekindle.c7.r42@rekindle.local>';
const AT = Date.parse('2026-12-04T12:00:00Z');

describe('parseBounceMail', () => {
  it('reads a permanent failure: hard, the recipient, the diagnostic and our Message-ID', async () => {
    expect(await parseBounceMail(dsnMail({ address: 'gone@example.test', messageId: MID }), AT)).toEqual([
      {
        type: 'hard',
        messageId: MID,
        address: 'gone@example.test',
        occurredAt: Date.parse('2026-12-04T10:00:01Z'),
        detail: 'smtp; 550 5.1.1 <address>: Recipient address rejected: User unknown',
      },
    ]);
  });

  it('a 4.x.x failure is soft; a delay is not a failure', async () => {
    const [soft] = await parseBounceMail(dsnMail({ address: 'full@example.test', messageId: MID, status: '4.2.2' }), AT);
    expect(soft?.type).toBe('soft');
    expect(
      await parseBounceMail(dsnMail({ address: 'x@example.test', messageId: MID, action: 'delayed', status: '4.4.7' }), AT),
    ).toEqual([]);
  });

  it('reads an abuse report as a complaint', async () => {
    expect(await parseBounceMail(abuseReportMail({ address: 'angry@example.test', messageId: MID }), AT)).toEqual([
      {
        type: 'complaint',
        messageId: MID,
        address: 'angry@example.test',
        occurredAt: Date.parse('2026-12-04T09:00:00Z'),
        detail: 'abuse',
      },
    ]);
  });

  it('an ordinary message (an auto-reply) has no reports', async () => {
    const mail = 'From: a@b.example\r\nTo: bounces@rekindle.local\r\nSubject: Out of office\r\n\r\nAway until Monday.\r\n';
    expect(await parseBounceMail(mail, AT)).toEqual([]);
  });
});
