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

export const CHANNEL_LABEL: Record<string, string> = { email: 'Email', in_app: 'In-app', none: 'None' };
