import { signOut } from '@/app/login/actions';

export function SignOutButton() {
  return (
    <form action={signOut} className="mt-3">
      <button type="submit" className="text-sm font-medium text-slate-600 underline hover:text-slate-900">
        Sign out
      </button>
    </form>
  );
}
