import Link from 'next/link';

/** What a signed-in member of staff sees on a page their role does not include (answered with 403). */
export function ForbiddenNotice() {
  return (
    <div className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center">
        <h1 className="text-xl font-semibold">You are not allowed to open that page</h1>
        <p className="mt-2 text-sm text-slate-600">Your role does not include it. Ask an admin if you need access.</p>
        <Link href="/" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
          Back to your home page
        </Link>
      </div>
    </div>
  );
}
