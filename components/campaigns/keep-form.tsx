'use client';
import { useActionState, useState } from 'react';
import { initialState } from '@/components/forms/initial-state';
import { LEAVE_NOTE_MAX } from '@/lib/domain/keep/answers';
import { LEAVE_REASONS } from '@/lib/domain/values';
import { type KeepLocale, keepTranslator } from '@/lib/i18n/keep/format';
import type { KeepAnswer } from '@/lib/keep/keep-page';
import type { ActionState } from '@/lib/runtime/action';
import { type GivenAnswer, KeepMessage } from './keep-message';

/** What the keep action answers: the state to show, and the first answer when the link is used (app/keep/actions.ts). */
type KeepState = ActionState<{ state: KeepAnswer; answer?: GivenAnswer; endsAt?: number }>;
type Action = (prev: KeepState, fd: FormData) => Promise<KeepState>;

export type KeepFormProps = {
  action: Action;
  token: string;
  locale: KeepLocale;
  currency: string;
  firstName: string;
  hasOffer: boolean;
  endsAt: number;
  retentionDays: number;
  /** 'choose': the three answers; 'leave': the confirmation step of "cancel now" (its own URL). */
  step: 'choose' | 'leave';
  chooseHref: string;
  leaveHref: string;
};

const primary =
  'block w-full rounded-md px-6 py-3 text-center text-lg font-semibold disabled:opacity-60 bg-brand-600 text-white hover:bg-brand-700';
const secondary =
  'block w-full rounded-md border border-slate-300 px-6 py-3 text-center font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60';

/**
 * The member's answers. Each is one POST (opening the link, or a mail scanner, answers nothing).
 * "Cancel my membership" first leads to a confirmation screen (a plain link, so it works without
 * scripts) with the end date, an optional reason and a note with a live counter.
 */
export function KeepForm(p: KeepFormProps) {
  const [state, formAction, pending] = useActionState(p.action, initialState);
  const [note, setNote] = useState('');
  const t = keepTranslator(p.locale, p.currency);
  const result = state.data;
  if (result) {
    const kind =
      result.state === 'confirmed' || result.state === 'used' ? result.state : result.state === 'open' ? 'invalid' : result.state;
    return (
      <KeepMessage
        locale={p.locale}
        currency={p.currency}
        kind={kind}
        firstName={p.firstName}
        answer={result.answer}
        endsAt={result.endsAt ?? p.endsAt}
      />
    );
  }
  const error =
    !state.ok && state.message ? (
      <p role="alert" className="mt-3 text-sm text-red-700">
        {t('error.generic')}
      </p>
    ) : null;

  if (p.step === 'leave')
    return (
      <form action={formAction} className="space-y-5">
        <h2 className="text-xl font-semibold tracking-tight">{t('leave.heading')}</h2>
        <p className="text-slate-700">{t('leave.body', { endsAt: p.endsAt, retentionDays: p.retentionDays })}</p>
        <input type="hidden" name="token" value={p.token} />
        <input type="hidden" name="answer" value="leave" />
        <fieldset>
          <legend className="mb-2 font-medium">{t('leave.reasonLegend')}</legend>
          {LEAVE_REASONS.map((r) => (
            <label key={r} className="flex items-center gap-2 py-1">
              <input type="radio" name="reason" value={r} />
              {t(`reason.${r}`)}
            </label>
          ))}
        </fieldset>
        <div>
          <label htmlFor="keep-note" className="mb-1 block font-medium">
            {t('leave.noteLabel')}
          </label>
          <textarea
            id="keep-note"
            name="note"
            rows={4}
            maxLength={LEAVE_NOTE_MAX}
            value={note}
            onChange={(e) => setNote(e.target.value.slice(0, LEAVE_NOTE_MAX))}
            aria-describedby="keep-note-counter"
            className="w-full rounded-md border border-slate-300 px-3 py-2"
          />
          <p id="keep-note-counter" aria-live="polite" className="mt-1 text-right text-sm text-slate-600">
            {t('leave.counter', { used: note.length, max: LEAVE_NOTE_MAX })}
          </p>
        </div>
        <button type="submit" disabled={pending} className={primary}>
          {t('leave.confirm')}
        </button>
        <a href={p.chooseHref} className={secondary}>
          {t('leave.back')}
        </a>
        {error}
      </form>
    );

  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="token" value={p.token} />
      {p.hasOffer ? (
        <button type="submit" name="answer" value="offer" disabled={pending} className={primary}>
          {t('answer.offer')}
        </button>
      ) : null}
      <button type="submit" name="answer" value="keep" disabled={pending} className={p.hasOffer ? secondary : primary}>
        {t('answer.keep')}
      </button>
      <a href={p.leaveHref} className={secondary}>
        {t('answer.leave')}
      </a>
      {error}
    </form>
  );
}
