import type { CampaignFormValues } from '@/lib/domain/campaigns/form';
import { Checks, Field, type FieldErrors, inputClass, listOf, textOf } from './form-fields';
import type { SegmentCount } from './use-segment-count';

const REASONS = [
  ['never_watched', 'Never watched'],
  ['inactive', 'Inactive (watched before)'],
] as const;
const RISK_BANDS = [
  ['high', 'At risk: high'],
  ['medium', 'At risk: medium'],
] as const;

export type SegmentOptions = { countries: string[]; plans: string[]; currencies: string[]; languages: [string, string][] };

/** Part 1 of the campaign form: its name, the segment filters and the live count. */
export function SegmentSection({
  values,
  fe,
  options,
  count,
}: {
  values: CampaignFormValues;
  fe: FieldErrors;
  options: SegmentOptions;
  count: SegmentCount;
}) {
  const v = (k: string) => textOf(values, k);
  const list = (k: string) => listOf(values, k);
  const nextSeason = v('nextSeasonTitleId');
  return (
    <section aria-labelledby="seg-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="seg-h" className="text-lg font-semibold">
        1. Segment
      </h2>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <Field id="name" label="Campaign name" errors={fe.name}>
          <input id="name" name="name" defaultValue={v('name')} className={inputClass} aria-describedby="name-error" />
        </Field>
        <div
          role="status"
          aria-live="polite"
          className="self-end rounded-md bg-brand-50 px-4 py-3 text-brand-700"
          data-testid="segment-count"
        >
          {count.error ? (
            <span className="text-red-700">{count.error}</span>
          ) : count.n == null ? (
            'Counting…'
          ) : (
            <>
              <span className="text-2xl font-semibold">{count.n.toLocaleString('en')}</span>{' '}
              {count.n === 1 ? 'member matches' : 'members match'}
              {count.busy ? ' (updating…)' : ''}
            </>
          )}
          <p className="text-xs text-slate-600">
            {nextSeason
              ? 'Next-season win-back: members cancelled by Rekindle who watched an earlier season of the series, did not leave because they no longer watch, and have not opted out of win-back messages; suppressed members left out.'
              : 'Dormant under the current policy (or, with an at-risk band ticked, active members scored in it); suppressed members and members in a running campaign left out.'}
          </p>
          {nextSeason ? <input type="hidden" name="nextSeasonTitleId" value={nextSeason} /> : null}
        </div>
        <Checks
          legend="Countries"
          name="countries"
          options={options.countries.map((c) => [c, c] as const)}
          values={list('countries')}
          errors={fe.countries}
        />
        <Checks
          legend="Plans"
          name="plans"
          options={options.plans.map((p) => [p, p] as const)}
          values={list('plans')}
          errors={fe.plans}
        />
        <Checks
          legend="Members at risk instead of dormant (see At risk)"
          hint="None ticked = dormant members."
          name="riskBands"
          options={RISK_BANDS}
          values={list('riskBands')}
          errors={fe.riskBands}
        />
        <Checks
          legend="Languages"
          name="languages"
          options={options.languages}
          values={list('languages')}
          errors={fe.languages}
        />
        <Checks legend="Dormancy reason" name="reasons" options={REASONS} values={list('reasons')} errors={fe.reasons} />
        <Field id="minMonthsDormant" label="Dormant for at least (months)" errors={fe.minMonthsDormant}>
          <input
            id="minMonthsDormant"
            name="minMonthsDormant"
            type="number"
            min={0}
            defaultValue={v('minMonthsDormant')}
            className={inputClass}
            aria-describedby="minMonthsDormant-error"
          />
        </Field>
        <fieldset className="md:col-span-2">
          <legend className="text-sm font-medium">Monthly price</legend>
          <div className="mt-1 grid grid-cols-3 gap-3">
            <Field id="priceCurrency" label="Currency" errors={fe.priceCurrency}>
              <select id="priceCurrency" name="priceCurrency" defaultValue={v('priceCurrency')} className={inputClass}>
                <option value="">Any price</option>
                {options.currencies.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </Field>
            <Field id="minPrice" label="From" errors={fe.minPrice}>
              <input id="minPrice" name="minPrice" inputMode="decimal" defaultValue={v('minPrice')} className={inputClass} />
            </Field>
            <Field id="maxPrice" label="To" errors={fe.maxPrice}>
              <input id="maxPrice" name="maxPrice" inputMode="decimal" defaultValue={v('maxPrice')} className={inputClass} />
            </Field>
          </div>
        </fieldset>
      </div>
    </section>
  );
}
