import { config } from '@/lib/runtime/config';
import { signKeepToken } from './keep-token';

// The member's keep link as a message carries it: the public base URL and a signed token.

function baseUrl(): string {
  return config().PUBLIC_BASE_URL.replace(/\/$/, '');
}

/** The signed link for one recipient, valid until `expiresAt` (the campaign's deadline). */
export function keepLinkFor(campaignMemberId: number, expiresAt: number): string {
  return `${baseUrl()}/keep/${signKeepToken(campaignMemberId, expiresAt, config().KEEP_LINK_SECRET)}`;
}

/** A placeholder link for previews: nothing is signed for a preview. */
export function keepPreviewLink(): string {
  return `${baseUrl()}/keep/preview`;
}
