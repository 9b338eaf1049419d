import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import { KeepForm } from '@/components/campaigns/keep-form';
import { KeepMessage } from '@/components/campaigns/keep-message';
import { getSqlite } from '@/db/client';
import { keepTranslator, majorAmount } from '@/lib/i18n/keep/format';
import { keepPageLocale, keepPageView } from '@/lib/keep/keep-page';
import { now } from '@/lib/runtime/clock';
import { confirmKeepAction } from '../actions';

// Public page for members (no staff sign-in, outside the (app) layout). GET only reads: the
// confirmation step of "cancel now" is its own URL (?step=leave), and only its POST answers.
// In the member's language (members.language → base language → English); a link with no member
// behind it (invalid, expired) follows the browser's Accept-Language.
type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ step?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = keepPageView(getSqlite(), (await params).token.slice(0, 200), now());
  const locale = keepPageLocale(view, (await headers()).get('accept-language'));
  return { title: keepTranslator(locale)('page.title'), robots: { index: false, follow: false } };
}

export default async function KeepPage({ params, searchParams }: Props) {
  await connection();
  // Next has decoded the segment already; decoding again would fail on a token holding "%".
  const token = (await params).token.slice(0, 200);
  const step = (await searchParams).step === 'leave' ? 'leave' : 'choose';
  const view = keepPageView(getSqlite(), token, now());
  const locale = keepPageLocale(view, (await headers()).get('accept-language'));
  const currency = 'currency' in view ? view.currency : 'USD';
  const t = keepTranslator(locale, currency);
  const self = `/keep/${encodeURIComponent(token)}`;
  return (
    <main lang={locale} className="mx-auto max-w-lg px-6 py-16">
      <p className="mb-8 text-xl font-semibold tracking-tight text-brand-700">Rekindle Streaming</p>
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        {view.state === 'open' ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">{t('open.heading', { firstName: view.firstName })}</h1>
            <p className="mt-3 text-slate-700">
              {t('open.body', { plan: view.plan, price: majorAmount(view.priceMinor, view.currency) })}
            </p>
            {view.hasOffer ? (
              <p className="mt-3 rounded-md bg-brand-50 px-4 py-3 font-medium text-brand-700">{t('open.offer')}</p>
            ) : null}
            <div className="mt-6">
              <KeepForm
                action={confirmKeepAction}
                token={token}
                locale={locale}
                currency={view.currency}
                firstName={view.firstName}
                hasOffer={view.hasOffer}
                endsAt={view.endsAt}
                retentionDays={view.retentionDays}
                step={step}
                chooseHref={self}
                leaveHref={`${self}?step=leave`}
              />
            </div>
          </>
        ) : (
          <KeepMessage
            locale={locale}
            currency={currency}
            kind={view.state}
            firstName={'firstName' in view ? view.firstName : undefined}
            answer={'answer' in view ? view.answer : undefined}
            endsAt={'endsAt' in view ? view.endsAt : undefined}
          />
        )}
      </div>
    </main>
  );
}
