import { z } from 'zod';
import { getSqlite } from '@/db/client';
import { hasApiKey, unauthorized } from '@/lib/delivery/api-key';
import { noticesFor } from '@/lib/delivery/notices';
import { now } from '@/lib/runtime/clock';

// The streaming app fetches a member's pending in-app notices (published, not yet acknowledged,
// campaign live and before its deadline). Reading changes nothing: only the acknowledgement counts,
// so this one reads without a unit of work (which would take the write lock for a GET).
const query = z.object({ account_id: z.string().trim().min(1).max(64) });

export async function GET(req: Request) {
  if (!hasApiKey(req)) return unauthorized();
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return Response.json({ error: 'Give account_id=<the member account id>.' }, { status: 400 });
  const notices = noticesFor(getSqlite(), parsed.data.account_id, now());
  return Response.json(
    { notices: notices.map((n) => ({ ...n, ackUrl: '/api/notices/ack' })) },
    { headers: { 'cache-control': 'no-store' } },
  );
}
