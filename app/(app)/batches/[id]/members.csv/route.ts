import { stringify } from 'csv-stringify/sync';
import { batchMembersPage, getBatch } from '@/db/batch-queries';
import { getDb } from '@/db/client';
import { requireRoute } from '@/lib/auth/session';

// CSV of a batch's members. Holds emails, so it needs members.view, not just batches.view.
// Streamed in keyset chunks: no statement stays open between chunks (the connection is shared).
const CHUNK = 5000;
// A cell starting with = + - @ would run as a formula in a spreadsheet: quote it.
const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const staff = await requireRoute('members.view');
  if (staff instanceof Response) return staff;
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0 || !getBatch(getDb(), id))
    return Response.json({ error: 'No such batch.' }, { status: 404 });
  let after = 0;
  let headerSent = false;
  const enc = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const rows = batchMembersPage(getDb(), id, { afterId: after, limit: CHUNK });
      const cells = rows.map((r) => [
        safe(r.accountId),
        safe(r.email ?? ''),
        r.country,
        r.plan,
        r.priceMinor,
        r.currency,
        r.state,
        r.reason ?? '',
      ]);
      const header = headerSent ? [] : [['account_id', 'email', 'country', 'plan', 'price_minor', 'currency', 'state', 'reason']];
      headerSent = true;
      if (cells.length || header.length) controller.enqueue(enc.encode(stringify([...header, ...cells])));
      if (rows.length < CHUNK) controller.close();
      else after = rows.at(-1)!.memberId;
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="batch-${id}-members.csv"`,
      'cache-control': 'no-store',
    },
  });
}
