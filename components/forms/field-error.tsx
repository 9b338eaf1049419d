import type { ActionState } from '@/lib/runtime/action';

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <p id={id} aria-live="polite" className="mt-1 text-sm text-red-700">
      {errors?.join(' ')}
    </p>
  );
}

/** The action's overall message: an alert when refused, a status when done. */
export function FormMessage({ state }: { state: Pick<ActionState<unknown>, 'ok' | 'message'> }) {
  if (!state.message) return <div aria-live="polite" />;
  return (
    <div
      role={state.ok ? 'status' : 'alert'}
      className={`rounded-md px-3 py-2 text-sm ${state.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}
    >
      {state.message}
    </div>
  );
}
