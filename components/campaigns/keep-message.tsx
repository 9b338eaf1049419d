import type { KeepKey } from '@/lib/i18n/keep/en';
import { type KeepLocale, keepTranslator } from '@/lib/i18n/keep/format';

export type KeepMessageKind = 'confirmed' | 'used' | 'expired' | 'closed' | 'invalid' | 'open';
export type GivenAnswer = 'kept' | 'offer' | 'left';

const DONE: Record<GivenAnswer, { title: KeepKey; body: KeepKey }> = {
  kept: { title: 'done.kept.title', body: 'done.kept.body' },
  offer: { title: 'done.offer.title', body: 'done.offer.body' },
  left: { title: 'done.left.title', body: 'done.left.body' },
};

/**
 * The member-facing outcomes of a keep link, in the member's language: friendly, never a stack
 * trace. An answered link (this answer, or an earlier one) shows what was answered first.
 */
export function KeepMessage({
  locale,
  currency,
  kind,
  firstName = '',
  answer = 'kept',
  endsAt = 0,
}: {
  locale: KeepLocale;
  currency?: string;
  kind: KeepMessageKind;
  firstName?: string;
  answer?: GivenAnswer;
  endsAt?: number;
}) {
  const t = keepTranslator(locale, currency);
  const args = { firstName, endsAt };
  if (kind === 'confirmed' || kind === 'used') {
    const done = DONE[answer];
    return (
      <div role="status">
        {kind === 'used' ? <p className="mb-2 text-sm font-medium text-slate-600">{t('used.title', args)}</p> : null}
        <h1 className="text-2xl font-semibold tracking-tight">{t(done.title, args)}</h1>
        <p className="mt-3 text-slate-700">{t(done.body, args)}</p>
      </div>
    );
  }
  const state = kind === 'expired' || kind === 'closed' ? kind : 'invalid';
  return (
    <div role="status">
      <h1 className="text-2xl font-semibold tracking-tight">{t(`${state}.title`)}</h1>
      <p className="mt-3 text-slate-700">{t(`${state}.body`)}</p>
    </div>
  );
}
