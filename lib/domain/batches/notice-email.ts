import { escapeHtml } from '../campaigns/template';
import { oneLine, wrapHtml } from '../delivery/message-html';
import { formatMoney } from '../money';
import type { StaffNoticeKind } from '../values';
import { ageLabel, formatUtc } from './format';

// The email that tells an approver a batch waits for them: figures about the batch, never a
// member's name, address or account (the email leaves the database and cannot be erased).

export type NoticeEmailInput = {
  kind: StaffNoticeKind;
  batchId: number;
  campaignName: string | null;
  proposer: string | null;
  submittedAt: number | null;
  /** Included members and their monthly price, per currency (integer minor units). */
  money: readonly { currency: string; members: number; monthlyMinor: number }[];
  recipientName: string;
  baseUrl: string;
  at: number;
};

export type NoticeEmail = { subject: string; text: string; html: string; link: string };

export function batchLink(baseUrl: string, batchId: number): string {
  return `${baseUrl.replace(/\/+$/, '')}/batches/${batchId}`;
}

export function noticeEmail(n: NoticeEmailInput): NoticeEmail {
  const link = batchLink(n.baseUrl, n.batchId);
  const campaign = n.campaignName ?? 'a campaign';
  const members = n.money.reduce((s, m) => s + m.members, 0);
  const revenue = n.money.length
    ? n.money.map((m) => formatMoney(m.monthlyMinor, m.currency)).join(' + ')
    : formatMoney(0, 'USD');
  const proposer = n.proposer ?? 'someone';
  const waited =
    n.submittedAt == null ? '' : ` It has waited ${ageLabel(n.submittedAt, n.at)} (submitted ${formatUtc(n.submittedAt)}).`;
  const subject = oneLine(
    n.kind === 'reminder'
      ? `Reminder: batch #${n.batchId} (${campaign}) still waits for a decision`
      : `Batch #${n.batchId} (${campaign}) waits for your decision`,
  );
  const lead =
    n.kind === 'reminder'
      ? `Cancellation batch #${n.batchId} is still waiting for a decision.${waited}`
      : `${proposer} submitted cancellation batch #${n.batchId} for approval.`;
  const facts = [
    `Campaign: ${campaign}`,
    `Members to cancel: ${members.toLocaleString('en-US')}`,
    `Monthly revenue: ${revenue}`,
    `Proposed by: ${proposer}`,
  ];
  const close =
    'Any approver other than the proposer can approve or reject it; nobody is cancelled until it is approved and executed.';
  const text = [`Hello ${n.recipientName},`, '', lead, '', ...facts, '', `Review it: ${link}`, '', close].join('\n');
  const html = wrapHtml(
    [
      `<p>Hello ${escapeHtml(n.recipientName)},</p>`,
      `<p>${escapeHtml(lead)}</p>`,
      `<ul>${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`,
      `<p><a href="${escapeHtml(link)}">Review batch #${n.batchId}</a></p>`,
      `<p>${escapeHtml(close)}</p>`,
    ].join(''),
  );
  return { subject, text, html, link };
}

/** A stable Message-ID per notice, so a resend of the same notice is recognisable as the same email. */
export function noticeMessageId(noticeId: number, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'rekindle.local';
  return `<rekindle.notice${noticeId}@${domain}>`;
}
