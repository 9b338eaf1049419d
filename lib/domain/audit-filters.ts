import { z } from 'zod';

// Audit page URL state. Unknown or malformed values are dropped with a message, never an error page.
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)));
const actionName = z
  .string()
  .trim()
  .regex(/^[a-z_.]{1,80}$/);
const schema = z.object({
  actor: z.string().trim().min(1).max(200).optional(),
  action: actionName.optional(),
  /** Leave one action out (e.g. the events API's calls). */
  exclude: actionName.optional(),
  entity: z
    .string()
    .trim()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  from: day.optional(),
  to: day.optional(),
  /** '1' lists every entry; by default machine writes are summarised per minute. */
  each: z.literal('1').optional(),
  before: z.coerce.number().int().positive().optional(),
});

export type AuditFilters = z.infer<typeof schema>;
const KEYS = ['actor', 'action', 'exclude', 'entity', 'from', 'to', 'each', 'before'] as const;
const NAMES: Record<(typeof KEYS)[number], string> = {
  actor: 'actor',
  action: 'action',
  exclude: 'excluded action',
  entity: 'entity',
  from: '“from” date',
  to: '“to” date',
  each: 'every-entry',
  before: 'page position',
};
const DAY_MS = 86_400_000;

export function parseAuditFilters(params: Record<string, string | string[] | undefined>): {
  filters: AuditFilters;
  problems: string[];
} {
  const filters: AuditFilters = {};
  const problems: string[] = [];
  for (const key of KEYS) {
    const raw = params[key];
    if (raw === undefined || raw === '') continue;
    const value = Array.isArray(raw) ? raw[0] : raw;
    const parsed = schema.shape[key].safeParse(value);
    if (parsed.success) Object.assign(filters, { [key]: parsed.data });
    else problems.push(`Ignored the ${NAMES[key]} filter: “${String(value).slice(0, 40)}” is not valid.`);
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    problems.push(`Ignored the date range: ${filters.from} is after ${filters.to}.`);
    delete filters.from;
    delete filters.to;
  }
  return { filters, problems };
}

/** The date range as instants: from 00:00 UTC of `from` up to (not including) the day after `to`. */
export function auditRange(f: Pick<AuditFilters, 'from' | 'to'>): { fromAt?: number; toBefore?: number } {
  return {
    fromAt: f.from ? Date.parse(`${f.from}T00:00:00Z`) : undefined,
    toBefore: f.to ? Date.parse(`${f.to}T00:00:00Z`) + DAY_MS : undefined,
  };
}
