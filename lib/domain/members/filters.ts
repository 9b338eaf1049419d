import { z } from 'zod';
import { MEMBER_STATUSES } from '@/lib/domain/values';
import { parseLanguageTag } from './language';

// Members list URL state. Each parameter is checked on its own: a nonsense value is dropped with a
// message naming it, and the rest of the view still applies (a shared link never breaks the page).

const positiveId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const memberFilterSchema = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(254)
    .transform((s) => (s.includes('@') ? s.toLowerCase() : s.toUpperCase()))
    .refine((s) => (s.includes('@') ? z.email().safeParse(s).success : /^[A-Z0-9-]{1,40}$/.test(s))),
  status: z.enum(MEMBER_STATUSES),
  country: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}$/)),
  plan: z
    .string()
    .trim()
    .transform((s) => s.toLowerCase())
    .pipe(z.string().regex(/^[a-z][a-z0-9_-]{0,29}$/)),
  language: z
    .string()
    .trim()
    .max(40)
    .transform((s, ctx) => {
      const r = parseLanguageTag(s);
      if (r.ok) return r.value;
      ctx.addIssue({ code: 'custom', message: r.reason });
      return z.NEVER;
    }),
  after: positiveId,
  before: positiveId,
});

export type MemberFilters = {
  q?: string;
  status?: (typeof MEMBER_STATUSES)[number];
  country?: string;
  plan?: string;
  language?: string;
};
export type MemberCursor = { after?: number; before?: number };

const MESSAGES: Record<keyof typeof memberFilterSchema.shape, (v: string) => string> = {
  q: (v) => `“${v}” is neither an account id (like RK-1A2B3C4) nor an email address, so the search was ignored.`,
  status: (v) => `“${v}” is not a member status (${MEMBER_STATUSES.join(', ')}), so all statuses are shown.`,
  country: (v) => `“${v}” is not a two-letter country code (like US or BR), so all countries are shown.`,
  plan: (v) => `“${v}” is not a plan name, so all plans are shown.`,
  language: (v) => `“${v}” is not a BCP 47 language tag (like fr or pt-BR), so all languages are shown.`,
  after: () => 'The page position in the link was not valid, so the first page is shown.',
  before: () => 'The page position in the link was not valid, so the first page is shown.',
};

export function parseMemberFilters(params: Record<string, string | string[] | undefined>): {
  filters: MemberFilters;
  cursor: MemberCursor;
  problems: string[];
} {
  const filters: MemberFilters = {};
  const cursor: MemberCursor = {};
  const problems: string[] = [];
  for (const key of Object.keys(memberFilterSchema.shape) as (keyof typeof memberFilterSchema.shape)[]) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value.trim() === '') continue;
    const parsed = memberFilterSchema.shape[key].safeParse(value);
    if (!parsed.success) {
      const message = MESSAGES[key](value.slice(0, 60));
      if (!problems.includes(message)) problems.push(message);
    } else if (key === 'after' || key === 'before') cursor[key] = parsed.data as number;
    else Object.assign(filters, { [key]: parsed.data });
  }
  if (cursor.after !== undefined && cursor.before !== undefined) {
    problems.push('The link had two page positions, so the first page is shown.');
    delete cursor.after;
    delete cursor.before;
  }
  return { filters, cursor, problems };
}

/** The query string for the list with these filters and an optional cursor (stable key order). */
export function membersHref(filters: MemberFilters, cursor: MemberCursor = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...cursor })) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `/members?${s}` : '/members';
}
