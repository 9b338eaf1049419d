import Link from 'next/link';

export default function MemberNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-8 text-center">
      <h1 className="text-xl font-semibold">No such member</h1>
      <p className="mt-2 text-sm text-slate-600">The link may be wrong, or the member id mistyped.</p>
      <Link href="/members" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
        Back to all members
      </Link>
    </div>
  );
}
