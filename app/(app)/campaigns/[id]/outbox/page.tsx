import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { OutboxMessageCard } from '@/components/campaigns/delivery-outbox-message';
import { PageHeader } from '@/components/shell/page-header';
import { getDb } from '@/db/client';
import { campaignForDelivery, outboxPage } from '@/db/delivery-reads';
import { requirePage } from '@/lib/auth/session';
import { config } from '@/lib/runtime/config';

export const metadata = { title: 'Outbox' };
const PAGE = 20;
const params = z.object({ id: z.coerce.number().int().positive() });
const search = z.object({ before: z.coerce.number().int().positive().optional().catch(undefined) });

export default async function OutboxPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Rendered messages hold members' names and addresses: the same people who may see members.
  await requirePage('members.view');
  const p = params.safeParse(await props.params);
  if (!p.success) notFound();
  const { before } = search.parse(await props.searchParams);
  const db = getDb();
  const campaign = campaignForDelivery(db, p.data.id);
  if (!campaign) notFound();
  const rows = outboxPage(db, campaign.id, before ?? null, PAGE + 1);
  const page = rows.slice(0, PAGE);
  const next = rows.length > PAGE ? page.at(-1)?.recipientId : undefined;
  const smtp = config().SMTP_URL.trim() !== '';
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/campaigns/${campaign.id}`} className="text-brand-700 underline">
          ← {campaign.name}
        </Link>
      </nav>
      <PageHeader
        title={`Outbox — ${campaign.name}`}
        description={
          smtp
            ? 'Every message rendered for this campaign, exactly as handed to the SMTP server or the streaming app, with the server’s reply.'
            : 'No SMTP server is configured, so email is delivered here: every message rendered for this campaign, exactly as a member would receive it.'
        }
      />
      {page.length === 0 ? (
        <p role="status" className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {before ? 'No older messages.' : 'No message has been rendered for this campaign yet.'}
        </p>
      ) : (
        <ol className="grid gap-4" aria-label="Messages, newest recipient first">
          {page.map((m) => (
            <li key={m.messageId} className="min-w-0">
              <OutboxMessageCard message={m} />
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Pages" className="mt-6 flex gap-4 text-sm">
        {before ? (
          <Link href={`/campaigns/${campaign.id}/outbox`} className="text-brand-700 underline">
            Newest messages
          </Link>
        ) : null}
        {next ? (
          <Link href={`/campaigns/${campaign.id}/outbox?before=${next}`} className="text-brand-700 underline">
            Older messages
          </Link>
        ) : null}
      </nav>
    </>
  );
}
