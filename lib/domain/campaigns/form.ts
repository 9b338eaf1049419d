import type { z } from 'zod';
import { languageName } from '../members/language';
import { type CampaignDraft, draftSchema, MAX_TRANSLATIONS, VARIANT_KEYS } from './draft';
import { fromMinor, toMinor } from './segment';

// The campaign form posts flat fields (FormData); these turn them into a CampaignDraft and map
// validation problems back onto the field names, so each message sits beside its field.

export type CampaignFormValues = Record<string, string | string[] | undefined>;

const str = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? '') : v == null ? '' : String(v));
const arr = (v: unknown) => (Array.isArray(v) ? v.map(String) : v == null || v === '' ? [] : [String(v)]);
const int = (v: unknown) => {
  const s = str(v).trim();
  return s === '' ? Number.NaN : Number(s);
};

export function segmentFromForm(f: CampaignFormValues) {
  const currency = str(f.priceCurrency).trim() || null;
  const minMonths = str(f.minMonthsDormant).trim();
  return {
    countries: arr(f.countries),
    plans: arr(f.plans),
    languages: arr(f.languages),
    reasons: arr(f.reasons),
    minMonthsDormant: minMonths === '' ? null : Number(minMonths),
    priceCurrency: currency,
    minPriceMinor: currency ? toMinor(str(f.minPrice), currency) : null,
    maxPriceMinor: currency ? toMinor(str(f.maxPrice), currency) : null,
    riskBands: arr(f.riskBands),
    // Set only by "Invite back for the next season" and carried through edits as a hidden field.
    nextSeasonTitleId: str(f.nextSeasonTitleId).trim() === '' ? null : Number(str(f.nextSeasonTitleId)),
  };
}

const FIELD_OF: Record<string, string> = {
  name: 'name',
  channel: 'channel',
  defaultLanguage: 'defaultLanguage',
  holdoutPct: 'holdoutPct',
  splits: 'splits',
  countries: 'countries',
  plans: 'plans',
  languages: 'languages',
  reasons: 'reasons',
  minMonthsDormant: 'minMonthsDormant',
  priceCurrency: 'priceCurrency',
  minPriceMinor: 'minPrice',
  maxPriceMinor: 'maxPrice',
  riskBands: 'riskBands',
  nextSeasonTitleId: 'segment',
};
const VARIANT_FIELD: Record<string, string> = {
  name: 'name',
  splitPct: 'split',
  offer: 'offer',
  subjectTemplate: 'subject',
  bodyTemplate: 'body',
};

const TRANSLATION_FIELD: Record<string, string> = { language: 'language', subjectTemplate: 'subject', bodyTemplate: 'body' };
const TRANSLATION_WORD: Record<string, string> = { language: 'language', subject: 'subject', body: 'body' };

/**
 * Form field name for a zod issue path ("variants.1.bodyTemplate" → "vB_body";
 * "variants.1.translations.0.bodyTemplate" → "vB_t0_body").
 */
export function fieldFor(path: readonly PropertyKey[], keys: readonly string[]): string {
  const [head, second, third, fourth, fifth] = path;
  if (head === 'variants' && typeof second === 'number' && third === 'translations' && typeof fourth === 'number')
    return `v${keys[second] ?? 'A'}_t${fourth}_${TRANSLATION_FIELD[String(fifth)] ?? 'language'}`;
  if (head === 'variants' && typeof second === 'number')
    return `v${keys[second] ?? 'A'}_${VARIANT_FIELD[String(third)] ?? 'name'}`;
  if (head === 'segment') return FIELD_OF[String(second)] ?? 'segment';
  return FIELD_OF[String(head)] ?? 'form';
}

/**
 * Translation fields' messages name the variant, the language and the field ("Variant B, French
 * body: …"): several languages' fields sit side by side, and the summary lists them together.
 */
function translationLabel(field: string, f: CampaignFormValues): string | null {
  const m = /^v([A-C])_t(\d+)_(language|subject|body)$/.exec(field);
  if (!m) return null;
  const tag = str(f[`v${m[1]}_t${m[2]}_language`]).trim();
  let lang = `translation ${Number(m[2]) + 1}`;
  if (tag && m[3] !== 'language') lang = languageName(tag);
  return `Variant ${m[1]}, ${lang} ${TRANSLATION_WORD[m[3] ?? 'language']}`;
}

export function issuesToFields(issues: readonly z.core.$ZodIssue[], keys: readonly string[], form: CampaignFormValues = {}) {
  const out: Record<string, string[]> = {};
  for (const i of issues) {
    const f = fieldFor(i.path, keys);
    let msg = i.message;
    if (i.code === 'invalid_type' && i.expected === 'number') msg = 'Enter a whole number.';
    const label = translationLabel(f, form);
    if (label) msg = `${label}: ${msg.charAt(0).toLowerCase()}${msg.slice(1)}`;
    out[f] = [...(out[f] ?? []), msg];
  }
  return out;
}

export type DraftParse = { ok: true; draft: CampaignDraft } | { ok: false; fieldErrors: Record<string, string[]> };

export function draftFromForm(f: CampaignFormValues): DraftParse {
  const count = Math.min(3, Math.max(1, int(f.variantCount) || 1));
  const keys = VARIANT_KEYS.slice(0, count);
  const candidate = {
    name: str(f.name),
    channel: str(f.channel) || 'email',
    holdoutPct: int(f.holdoutPct),
    segment: segmentFromForm(f),
    variants: keys.map((k) => ({
      key: k,
      name: str(f[`v${k}_name`]),
      splitPct: int(f[`v${k}_split`]),
      offer: str(f[`v${k}_offer`]) || 'none',
      subjectTemplate: str(f[`v${k}_subject`]),
      bodyTemplate: str(f[`v${k}_body`]),
      translations: translationsFromForm(f, k),
    })),
    defaultLanguage: str(f.defaultLanguage).trim() || 'en',
  };
  const parsed = draftSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, draft: parsed.data };
  return { ok: false, fieldErrors: issuesToFields(parsed.error.issues, keys, f) };
}

/** A variant's translations as posted (vA_t0_language, vA_t0_subject, vA_t0_body…), in form order so errors map back. */
function translationsFromForm(f: CampaignFormValues, k: string) {
  const count = Math.min(MAX_TRANSLATIONS + 1, Math.max(0, int(f[`v${k}_langCount`]) || 0));
  const out: { language: string; subjectTemplate: string; bodyTemplate: string }[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      language: str(f[`v${k}_t${i}_language`]),
      subjectTemplate: str(f[`v${k}_t${i}_subject`]),
      bodyTemplate: str(f[`v${k}_t${i}_body`]),
    });
  }
  return out;
}

/** The form's initial values for an existing draft. */
export function formValuesOf(d: CampaignDraft): CampaignFormValues {
  const v: CampaignFormValues = {
    name: d.name,
    channel: d.channel,
    defaultLanguage: d.defaultLanguage,
    holdoutPct: String(d.holdoutPct),
    countries: d.segment.countries,
    plans: d.segment.plans,
    languages: d.segment.languages,
    reasons: d.segment.reasons,
    riskBands: d.segment.riskBands,
    minMonthsDormant: d.segment.minMonthsDormant == null ? '' : String(d.segment.minMonthsDormant),
    priceCurrency: d.segment.priceCurrency ?? '',
    minPrice: fromMinor(d.segment.minPriceMinor, d.segment.priceCurrency),
    maxPrice: fromMinor(d.segment.maxPriceMinor, d.segment.priceCurrency),
    variantCount: String(d.variants.length),
    nextSeasonTitleId: d.segment.nextSeasonTitleId == null ? '' : String(d.segment.nextSeasonTitleId),
  };
  for (const x of d.variants) {
    v[`v${x.key}_name`] = x.name;
    v[`v${x.key}_split`] = String(x.splitPct);
    v[`v${x.key}_offer`] = x.offer;
    v[`v${x.key}_subject`] = x.subjectTemplate;
    v[`v${x.key}_body`] = x.bodyTemplate;
    v[`v${x.key}_langCount`] = String(x.translations.length);
    x.translations.forEach((t, i) => {
      v[`v${x.key}_t${i}_language`] = t.language;
      v[`v${x.key}_t${i}_subject`] = t.subjectTemplate;
      v[`v${x.key}_t${i}_body`] = t.bodyTemplate;
    });
  }
  return v;
}
