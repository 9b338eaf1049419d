import Link from 'next/link';
import { connection } from 'next/server';

// Shown (with status 400) for any URL whose percent-encoding does not decode; proxy.ts rewrites to it.
export const metadata = { title: 'Broken link', robots: { index: false, follow: false } };

export default async function BrokenLinkPage() {
  await connection(); // rendered per request, so the status proxy.ts gives it is the one sent
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
        <h1 className="text-xl font-semibold">This link is broken</h1>
        <p className="mt-2 text-sm text-slate-600">
          Part of it could not be read: it may have been cut off or changed when it was copied. Open it again from the email or
          page where you found it.
        </p>
        <Link href="/" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
          Go to the home page
        </Link>
      </div>
    </main>
  );
}
