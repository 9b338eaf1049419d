import Link from 'next/link';
import { connection } from 'next/server';
import type { DirectoryRefusal } from '@/lib/auth/directory-sign-in';

export const metadata = { title: 'Not signed in' };

const REASONS: Record<DirectoryRefusal | 'failed', { title: string; body: string }> = {
  no_role: {
    title: 'Your account has no Rekindle role',
    body: 'The company directory puts you in no group that Rekindle knows, so you cannot sign in (and any open Rekindle session of yours has ended). Ask your administrator to add you to a Rekindle group, then sign in again.',
  },
  disabled: {
    title: 'Your Rekindle account is disabled',
    body: 'An admin disabled it in Rekindle. Ask a Rekindle admin to enable it again.',
  },
  email_taken: {
    title: 'This email belongs to another Rekindle account',
    body: 'A Rekindle staff member with your email is linked to a different company account, or your provider has not verified the email. Ask a Rekindle admin.',
  },
  no_email: {
    title: 'Your company account has no email address',
    body: 'Rekindle names staff by their email. Ask your administrator to add one to your company account.',
  },
  failed: {
    title: 'Sign-in did not complete',
    body: 'The identity provider did not confirm who you are (the sign-in was cancelled, took too long, or the provider could not be reached). Try again.',
  },
};

export default async function SignInRefusedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  await connection();
  const { reason } = await searchParams;
  const shown = REASONS[(reason && reason in REASONS ? reason : 'failed') as keyof typeof REASONS];
  return (
    <div className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center">
        <h1 className="text-xl font-semibold">{shown.title}</h1>
        <p className="mt-2 text-sm text-slate-600">{shown.body}</p>
        <Link href="/login" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
          Back to sign-in
        </Link>
      </div>
    </div>
  );
}
