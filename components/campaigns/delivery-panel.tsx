import type { SessionStaff } from '@/lib/auth/session';

// STUB — owned by the delivery engineer (h7): send progress, pause/resume, retries and
// per-recipient delivery status, shown on the campaign page. Renders nothing until it lands.
export async function DeliveryPanel(_: { campaignId: number; staff: SessionStaff }) {
  return null;
}
