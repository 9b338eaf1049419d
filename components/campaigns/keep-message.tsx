/** The member-facing outcomes of a keep link: friendly, and never a stack trace. */
export function KeepMessage({ kind, firstName }: { kind: string; firstName?: string }) {
  const name = firstName ? `, ${firstName}` : '';
  const text: Record<string, { title: string; body: string }> = {
    confirmed: {
      title: `Thank you${name}. Your membership stays.`,
      body: 'You do not need to do anything else. We will not cancel your membership because of this message.',
    },
    used: {
      title: `You have already told us${name}.`,
      body: 'Your membership stays. There is nothing more to do.',
    },
    expired: {
      title: 'This link has expired.',
      body: 'The time to answer this message has passed. If you want to keep or restore your membership, sign in to your account or contact support.',
    },
    closed: {
      title: 'This link is no longer active.',
      body: 'If you want to keep or restore your membership, sign in to your account or contact support.',
    },
    invalid: {
      title: 'We could not read this link.',
      body: 'It may have been cut off or changed. Open it again from the email we sent, or sign in to your account.',
    },
  };
  const t = text[kind] ?? text.invalid!;
  return (
    <div role="status">
      <h1 className="text-2xl font-semibold tracking-tight">{t.title}</h1>
      <p className="mt-3 text-slate-700">{t.body}</p>
    </div>
  );
}
