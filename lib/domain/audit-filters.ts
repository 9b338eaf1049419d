import { z } from 'zod';

// Audit page URL state. Unknown or malformed values are dropped with a message, never an error page.
const schema = z.object({
  actor: z.string().trim().min(1).max(200).optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z_.]{1,80}$/)
    .optional(),
  before: z.coerce.number().int().positive().optional(),
});

export type AuditFilters = z.infer<typeof schema>;

export function parseAuditFilters(params: Record<string, string | string[] | undefined>): {
  filters: AuditFilters;
  problems: string[];
} {
  const filters: AuditFilters = {};
  const problems: string[] = [];
  for (const key of ['actor', 'action', 'before'] as const) {
    const raw = params[key];
    if (raw === undefined || raw === '') continue;
    const value = Array.isArray(raw) ? raw[0] : raw;
    const parsed = schema.shape[key].safeParse(value);
    if (parsed.success) Object.assign(filters, { [key]: parsed.data });
    else
      problems.push(
        `Ignored the ${key === 'before' ? 'page position' : key} filter: “${String(value).slice(0, 40)}” is not valid.`,
      );
  }
  return { filters, problems };
}
