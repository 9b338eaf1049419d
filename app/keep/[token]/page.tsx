import type { Metadata } from 'next';
import { connection } from 'next/server';
import { KeepForm } from '@/components/campaigns/keep-form';
import { KeepMessage } from '@/components/campaigns/keep-message';
import { getSqlite } from '@/db/client';
import { keepPageView } from '@/lib/keep/keep-page';
import { now } from '@/lib/runtime/clock';
import { confirmKeepAction } from '../actions';

// Public page for members (no staff sign-in, outside the (app) layout). GET only reads.
export const metadata: Metadata = { title: 'Keep your membership', robots: { index: false, follow: false } };

export default async function KeepPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  // Next has decoded the segment already; decoding again would fail on a token holding "%".
  const token = (await params).token.slice(0, 200);
  const view = keepPageView(getSqlite(), token, now());
  return (
    <main className="mx-auto max-w-lg px-6 py-16">
      <p className="mb-8 text-xl font-semibold tracking-tight text-brand-700">Rekindle Streaming</p>
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        {view.state === 'open' ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">Do you want to keep your membership, {view.firstName}?</h1>
            <p className="mt-3 text-slate-700">
              You are on the <strong>{view.plan}</strong> plan at {view.price} a month. You have not watched anything for a while,
              so we will cancel it unless you tell us you want to keep it.
            </p>
            {view.offer ? (
              <p className="mt-3 rounded-md bg-brand-50 px-4 py-3 font-medium text-brand-700">Our offer: {view.offer}.</p>
            ) : null}
            <div className="mt-6">
              <KeepForm action={confirmKeepAction} token={token} firstName={view.firstName} />
            </div>
          </>
        ) : (
          <KeepMessage kind={view.state} firstName={'firstName' in view ? view.firstName : undefined} />
        )}
      </div>
    </main>
  );
}
