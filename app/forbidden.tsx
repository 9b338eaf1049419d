import { ForbiddenNotice } from '@/components/forbidden-notice';

// Rendered by `forbidden()` (lib/auth/session.ts requirePage): the page keeps its address and the
// answer is HTTP 403, not a redirect to a page answering 200.
export const metadata = { title: 'Not allowed' };

export default function Forbidden() {
  return <ForbiddenNotice />;
}
