/** What a chart shows before there is anything to draw: why, and what would fill it. */
export function EmptyChart({ children }: { children: React.ReactNode }) {
  return (
    <div
      role="status"
      className="flex h-64 items-center justify-center rounded-md border border-dashed border-slate-300 bg-slate-50 px-6 text-center text-sm text-slate-600"
    >
      {children}
    </div>
  );
}
