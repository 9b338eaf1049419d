/** Why part of the URL was ignored, or what the figures leave out. The page still renders. */
export function Notices({ messages, tone = 'warn' }: { messages: string[]; tone?: 'warn' | 'info' }) {
  if (messages.length === 0) return null;
  return (
    <div
      role={tone === 'warn' ? 'alert' : 'status'}
      className={`mb-4 rounded-md border px-4 py-3 text-sm ${tone === 'warn' ? 'border-amber-300 bg-amber-50 text-amber-900' : 'border-slate-200 bg-white text-slate-700'}`}
    >
      <ul className="list-disc space-y-0.5 pl-5">
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}
