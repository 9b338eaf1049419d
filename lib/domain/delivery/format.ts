const utc = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** "12 Mar 2025, 14:03 UTC" — stored instants are UTC; the zone is shown so nobody guesses. */
export function formatUtc(ms: number | null | undefined): string {
  return ms == null ? '—' : `${utc.format(ms)} UTC`;
}

export const count = (n: number) => n.toLocaleString('en-GB');

export const RECIPIENT_STATUS_LABEL: Record<string, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  excluded: 'Excluded',
  holdout: 'Holdout',
};

export const CHANNEL_LABEL: Record<string, string> = { email: 'Email', in_app: 'In-app', none: 'Not sent' };

const EXCLUDED_LABEL: Record<string, string> = {
  suppressed: 'Not sent: suppressed',
  frequency_cap: 'Not sent: contacted recently (frequency cap)',
  no_email: 'Not sent: no email address',
  no_consent: 'Not sent: opted out of win-back messages',
  rejoined_before_send: 'Not sent: rejoined before the message went out',
};

/** A delivery-table row's name: the channel, or for members never sent to, why they were excluded. */
export function deliveryRowLabel(channel: string, excludedReason: string | null): string {
  if (channel !== 'none') return CHANNEL_LABEL[channel] ?? channel;
  return (excludedReason && EXCLUDED_LABEL[excludedReason]) ?? `Not sent: excluded (${excludedReason ?? 'no reason recorded'})`;
}
