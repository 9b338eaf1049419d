import { z } from 'zod';
import { DEFAULT_LANGUAGE, languageName, parseLanguageTag } from '../members/language';
import { OFFERS } from './message-vars';
import { KEEP_LINK_REFUSAL } from './next-season';
import { segmentSchema } from './segment';
import { TEMPLATE_VARIABLES, unclosedPlaceholder, unknownVariables, usesVariable } from './template';

// What a CX manager fills in for a campaign, validated the same way on create, edit and schedule.

export const CHANNELS = ['email', 'in_app', 'both'] as const;
export const CHANNEL_LABEL = { email: 'Email', in_app: 'In-app notice', both: 'Email, or in-app when no address' } as const;
export const VARIANT_KEYS = ['A', 'B', 'C'] as const;
export const MAX_HOLDOUT_PCT = 50;

const known = TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ');
const template = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Write the ${what}.`)
    .max(max, `The ${what} is too long (at most ${max} characters).`)
    .superRefine((t, ctx) => {
      const open = unclosedPlaceholder(t);
      if (open) ctx.addIssue({ code: 'custom', message: `A placeholder is not closed: "${open}" (write {{name}}).` });
      const unknown = unknownVariables(t);
      if (unknown.length)
        ctx.addIssue({
          code: 'custom',
          message: `Unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `{{${u}}}`).join(', ')}. Known: ${known}.`,
        });
    });

/** A BCP 47 tag, canonicalised ("pt-br" → "pt-BR"); refused with the reason when it is not one. */
export const languageTag = z
  .string()
  .max(40)
  .transform((raw, ctx) => {
    const r = parseLanguageTag(raw);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.reason });
    return z.NEVER;
  });

export const translationSchema = z.object({
  language: languageTag,
  subjectTemplate: template('subject', 200),
  bodyTemplate: template('message', 5000),
});
export type TranslationDraft = z.output<typeof translationSchema>;
export const MAX_TRANSLATIONS = 12;

export const variantSchema = z.object({
  key: z.enum(VARIANT_KEYS),
  name: z.string().trim().min(1, 'Name the variant.').max(60),
  splitPct: z.number().int('Whole percentages only.').min(1, 'At least 1%.').max(100, 'At most 100%.'),
  offer: z.enum(OFFERS),
  subjectTemplate: template('subject', 200),
  bodyTemplate: template('message', 5000),
  // The subject and body in other languages; the two above are in the campaign's default language.
  translations: z
    .array(translationSchema)
    .max(MAX_TRANSLATIONS, `At most ${MAX_TRANSLATIONS} languages per variant.`)
    .default([]),
});

export const draftSchema = z
  .object({
    name: z.string().trim().min(1, 'Name the campaign.').max(120, 'At most 120 characters.'),
    channel: z.enum(CHANNELS),
    defaultLanguage: languageTag.default(DEFAULT_LANGUAGE),
    holdoutPct: z
      .number()
      .int('Whole percentages only.')
      .min(0, 'The holdout cannot be negative.')
      .refine((n) => n !== 100, 'A 100% holdout would message nobody: keep it at 50% or less.')
      .refine((n) => n === 100 || n <= MAX_HOLDOUT_PCT, `The holdout can be at most ${MAX_HOLDOUT_PCT}%.`),
    segment: segmentSchema,
    variants: z.array(variantSchema).min(1, 'Add at least one variant.').max(3, 'At most three variants.'),
  })
  .superRefine((d, ctx) => {
    const total = d.variants.reduce((s, v) => s + v.splitPct, 0);
    if (total !== 100)
      ctx.addIssue({
        code: 'custom',
        path: ['splits'],
        message: `The variant splits add up to ${total}%; they must add up to 100%.`,
      });
    d.variants.forEach((v, vi) => {
      const texts = [v, ...v.translations];
      if (
        d.segment.nextSeasonTitleId != null &&
        texts.some((t) => usesVariable(`${t.subjectTemplate} ${t.bodyTemplate}`, 'keep_link'))
      )
        ctx.addIssue({ code: 'custom', path: ['variants', vi, 'bodyTemplate'], message: KEEP_LINK_REFUSAL });
      const seen = new Set([d.defaultLanguage.toLowerCase()]);
      v.translations.forEach((t, ti) => {
        const lower = t.language.toLowerCase();
        if (seen.has(lower))
          ctx.addIssue({
            code: 'custom',
            path: ['variants', vi, 'translations', ti, 'language'],
            message:
              lower === d.defaultLanguage.toLowerCase()
                ? `This is the campaign's default language (${languageName(t.language)}): write it in the variant's own subject and message.`
                : `The variant already has a ${languageName(t.language)} text.`,
          });
        seen.add(lower);
      });
    });
    const keys = d.variants.map((v) => v.key);
    if (new Set(keys).size !== keys.length)
      ctx.addIssue({ code: 'custom', path: ['variants'], message: 'Each variant needs its own letter.' });
  });

export type CampaignDraft = z.output<typeof draftSchema>;
export type VariantDraft = z.output<typeof variantSchema>;
export type VariantDraftInput = z.input<typeof variantSchema>;

export const DEFAULT_VARIANTS: VariantDraft[] = [
  {
    key: 'A',
    name: 'Plain reminder',
    splitPct: 50,
    offer: 'none',
    translations: [],
    subjectTemplate: '{{first_name}}, do you still want your membership?',
    bodyTemplate:
      'Hi {{first_name}},\n\nYou have not watched anything for {{months_since_last_view}} months. You are still paying {{price}} a month for {{plan}}.\n\nIf you want to keep your membership, tell us here: {{keep_link}}\n\nIf we do not hear from you, we will cancel it so you stop paying for something you do not use.',
  },
  {
    key: 'B',
    name: 'Free month offer',
    splitPct: 50,
    offer: 'free_month',
    translations: [],
    subjectTemplate: '{{first_name}}, {{last_title}} is waiting for you',
    bodyTemplate:
      'Hi {{first_name}},\n\nIt has been {{months_since_last_view}} months. If you stay, {{offer}}.\n\nKeep your {{plan}} membership: {{keep_link}}\n\nIf we do not hear from you, we will cancel it so you stop paying for something you do not use.',
  },
];
