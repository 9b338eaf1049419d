'use client';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import { runDormancyScan } from '@/app/(app)/policy/actions';
import { FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';

/** "Run dormancy scan" (admin) and, while any scan runs, a refresh every second so progress moves. */
export function ScanButton({ canRun, running }: { canRun: boolean; running: boolean }) {
  const [state, action, pending] = useActionState(runDormancyScan, initialState);
  const router = useRouter();
  useEffect(() => {
    if (!running && !pending) return;
    const t = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(t);
  }, [running, pending, router]);
  if (!canRun) return null;
  return (
    <form action={action} className="space-y-3">
      <SubmitButton pending={pending || running} variant="secondary">
        {pending || running ? 'Scan running…' : 'Run dormancy scan'}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
