import type { SessionStaff } from '@/lib/auth/session';

// STUB — owned by the batches helper: rejoin (CX) and erase-personal-data (admin) controls
// shown on the member page. Renders nothing until that capability lands.
export async function MemberActions(_: { memberId: number; staff: SessionStaff }) {
  return null;
}
