import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { currentStaff } from '@/lib/auth/session';
import { LoginForm } from './login-form';

export const metadata = { title: 'Sign in' };

export default async function LoginPage() {
  await connection();
  if (await currentStaff()) redirect('/');
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold text-brand-700">Rekindle</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">Staff sign-in</p>
        <LoginForm />
      </div>
    </main>
  );
}
