import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { currentStaff } from '@/lib/auth/session';
import { config } from '@/lib/runtime/config';
import { LoginForm } from './login-form';

export const metadata = { title: 'Sign in' };

export default async function LoginPage() {
  await connection();
  if (await currentStaff()) redirect('/');
  const { OIDC_PROVIDER_NAME, PASSWORD_SIGNIN } = config();
  const oidc = config().OIDC_ISSUER !== '';
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold text-brand-700">Rekindle</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">Staff sign-in</p>
        {oidc && (
          // A plain link (not next/link): a prefetch must never start a sign-in flow.
          <a
            href="/auth/oidc/start"
            className="block w-full rounded-md bg-brand-600 px-4 py-2 text-center font-semibold text-white hover:bg-brand-700"
          >
            Sign in with {OIDC_PROVIDER_NAME}
          </a>
        )}
        {PASSWORD_SIGNIN !== 'off' && (
          <div className={oidc ? 'mt-6 border-t border-slate-200 pt-6' : ''}>
            {oidc && (
              <p className="mb-4 text-sm text-slate-600">
                {PASSWORD_SIGNIN === 'admins'
                  ? 'Break-glass: password sign-in is for admins only, when the identity provider is unavailable.'
                  : 'Or sign in with a Rekindle password.'}
              </p>
            )}
            <LoginForm />
          </div>
        )}
      </div>
    </main>
  );
}
