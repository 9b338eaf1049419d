/** Honest placeholder for a section whose capability has not landed yet. */
export function NotYet({ what }: { what: string }) {
  return (
    <div role="status" className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
      <p className="font-medium">Not yet available</p>
      <p className="mt-1 text-sm">{what}</p>
    </div>
  );
}
