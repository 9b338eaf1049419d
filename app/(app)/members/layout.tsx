import type { ReactNode } from 'react';
import { requirePage } from '@/lib/auth/session';

// The section's guard runs here, outside the pages' loading boundaries (loading.tsx): once a
// loading skeleton has streamed the status is sent, so a refusal from the page itself would
// answer 200. From the layout it answers 403. The pages keep their own checks.
export default async function MembersLayout({ children }: { children: ReactNode }) {
  await requirePage('members.view');
  return children;
}
