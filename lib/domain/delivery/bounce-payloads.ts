import { z } from 'zod';
import type { BounceType } from './bounces';

// The documented webhook payloads of Amazon SES (delivered through an SNS HTTPS subscription) and
// Postmark, read into bounce reports. Only the fields a report needs are read; anything else a
// provider adds is ignored, so a provider's new field never breaks the receiver.

export type ParsedReport = { type: BounceType; messageId: string | null; address: string; occurredAt: number; detail: string };
export type ParsedPayload =
  | { kind: 'reports'; reports: ParsedReport[] }
  | { kind: 'ignored'; why: string }
  | { kind: 'subscription'; topicArn: string; subscribeUrl: string }
  | { kind: 'invalid'; error: string };

const isoTime = z.string().refine((s) => Number.isFinite(Date.parse(s)), 'not a time');

// ---- Amazon SES through SNS ------------------------------------------------------------------
// https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html
const snsEnvelope = z.object({
  Type: z.enum(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']),
  TopicArn: z.string().max(300),
  Message: z.string(),
  SubscribeURL: z.url().optional(),
});
// https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html
const sesMail = z.object({
  messageId: z.string().optional(), // SES's own id, not ours
  commonHeaders: z.object({ messageId: z.string().optional() }).partial().optional(),
  headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
});
const sesNotification = z.object({
  notificationType: z.string().optional(),
  eventType: z.string().optional(), // SES event publishing names it so
  mail: sesMail,
  bounce: z
    .object({
      bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
      bounceSubType: z.string().optional(),
      timestamp: isoTime,
      bouncedRecipients: z
        .array(
          z.object({
            emailAddress: z.string().min(3).max(320),
            status: z.string().optional(),
            diagnosticCode: z.string().optional(),
          }),
        )
        .min(1),
    })
    .optional(),
  complaint: z
    .object({
      timestamp: isoTime,
      complaintFeedbackType: z.string().optional(),
      complainedRecipients: z.array(z.object({ emailAddress: z.string().min(3).max(320) })).min(1),
    })
    .optional(),
});

/** Our Message-ID as SES reports it: the original header (SES gives the message an id of its own). */
function sesOriginalMessageId(mail: z.infer<typeof sesMail>): string | null {
  const header = mail.headers?.find((h) => h.name.toLowerCase() === 'message-id')?.value;
  return mail.commonHeaders?.messageId ?? header ?? null;
}

export function parseSesSns(body: unknown, messageTypeHeader: string | null): ParsedPayload {
  const env = snsEnvelope.safeParse(body);
  if (!env.success) return { kind: 'invalid', error: 'Not an SNS message (Type, TopicArn and Message are required).' };
  if (messageTypeHeader && messageTypeHeader !== env.data.Type)
    return { kind: 'invalid', error: 'The x-amz-sns-message-type header does not match the body’s Type.' };
  if (env.data.Type === 'SubscriptionConfirmation') {
    if (!env.data.SubscribeURL) return { kind: 'invalid', error: 'A SubscriptionConfirmation needs its SubscribeURL.' };
    return { kind: 'subscription', topicArn: env.data.TopicArn, subscribeUrl: env.data.SubscribeURL };
  }
  if (env.data.Type === 'UnsubscribeConfirmation') return { kind: 'ignored', why: 'unsubscribe confirmation' };
  let inner: unknown;
  try {
    inner = JSON.parse(env.data.Message);
  } catch {
    return { kind: 'invalid', error: 'The SNS Message is not the JSON of an SES notification.' };
  }
  const n = sesNotification.safeParse(inner);
  if (!n.success) return { kind: 'invalid', error: 'The SNS Message is not an SES notification (mail is required).' };
  const kind = n.data.notificationType ?? n.data.eventType;
  const messageId = sesOriginalMessageId(n.data.mail);
  if (kind === 'Bounce' && n.data.bounce) {
    const b = n.data.bounce;
    // Undetermined: SES could not tell; treated as soft, so it only counts after repeating.
    const type: BounceType = b.bounceType === 'Permanent' ? 'hard' : 'soft';
    return {
      kind: 'reports',
      reports: b.bouncedRecipients.map((r) => ({
        type,
        messageId,
        address: r.emailAddress,
        occurredAt: Date.parse(b.timestamp),
        detail: r.diagnosticCode ?? [r.status, b.bounceSubType].filter(Boolean).join(' '),
      })),
    };
  }
  if (kind === 'Complaint' && n.data.complaint) {
    const c = n.data.complaint;
    return {
      kind: 'reports',
      reports: c.complainedRecipients.map((r) => ({
        type: 'complaint',
        messageId,
        address: r.emailAddress,
        occurredAt: Date.parse(c.timestamp),
        detail: c.complaintFeedbackType ?? '',
      })),
    };
  }
  if (kind === 'Bounce' || kind === 'Complaint')
    return { kind: 'invalid', error: `A ${kind} notification without its ${kind.toLowerCase()} object.` };
  return { kind: 'ignored', why: `SES ${kind ?? 'notification'} is not a bounce or complaint` };
}

// ---- Postmark --------------------------------------------------------------------------------
// https://postmarkapp.com/developer/webhooks/bounce-webhook, …/spam-complaint-webhook
const POSTMARK_TYPES: Record<string, BounceType> = {
  HardBounce: 'hard',
  BadEmailAddress: 'hard',
  ManuallyDeactivated: 'hard',
  Blocked: 'hard',
  SoftBounce: 'soft',
  Transient: 'soft',
  DnsError: 'soft',
  SpamComplaint: 'complaint',
};
const postmarkPayload = z.object({
  RecordType: z.enum(['Bounce', 'SpamComplaint']),
  Type: z.string().max(60),
  Email: z.string().min(3).max(320),
  BouncedAt: isoTime,
  Description: z.string().max(2000).optional(),
  Details: z.string().max(2000).optional(),
  Content: z.string().optional(), // the full bounce message, when Postmark has it
});

export function parsePostmark(body: unknown): ParsedPayload {
  const record = z.object({ RecordType: z.string() }).safeParse(body);
  if (record.success && !['Bounce', 'SpamComplaint'].includes(record.data.RecordType))
    return { kind: 'ignored', why: `Postmark ${record.data.RecordType} is not a bounce or complaint` };
  const p = postmarkPayload.safeParse(body);
  if (!p.success)
    return { kind: 'invalid', error: 'Not a Postmark bounce (RecordType, Type, Email and BouncedAt are required).' };
  const type = POSTMARK_TYPES[p.data.Type];
  if (!type) return { kind: 'ignored', why: `Postmark bounce type ${p.data.Type} does not mean the message failed` };
  // Postmark's MessageID is its own; our Message-ID is in the bounce's full content when given.
  const ours = p.data.Content ? /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(p.data.Content)?.[1] : undefined;
  return {
    kind: 'reports',
    reports: [
      {
        type,
        messageId: ours ?? null,
        address: p.data.Email,
        occurredAt: Date.parse(p.data.BouncedAt),
        detail: p.data.Details || p.data.Description || p.data.Type,
      },
    ],
  };
}
