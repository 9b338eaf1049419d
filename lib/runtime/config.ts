import { z } from 'zod';
import { parseRoleMap } from '@/lib/domain/auth/directory-roles';

// Staff sign-in with the company's identity provider (OpenID Connect); empty OIDC_ISSUER = off.
const oidcSettings = {
  OIDC_ISSUER: z.union([z.literal(''), z.url()]).default(''),
  OIDC_CLIENT_ID: z.string().default(''),
  OIDC_CLIENT_SECRET: z.string().default(''),
  OIDC_ROLE_CLAIM: z.string().min(1).default('groups'),
  // Directory group → Rekindle role, e.g. `rekindle-admins=admin,rekindle-cx=cx_manager`.
  OIDC_ROLE_MAP: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const r = parseRoleMap(text);
      if (r.ok) return r.map;
      for (const message of r.errors) ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }),
  // The login button's wording: "Sign in with <OIDC_PROVIDER_NAME>".
  OIDC_PROVIDER_NAME: z.string().min(1).default('your company account'),
  // Password sign-in: on, admins (break-glass for admins only) or off.
  PASSWORD_SIGNIN: z.enum(['on', 'admins', 'off']).default('on'),
};

// Configuration from the environment, validated once. A bad value fails with a message naming it.
const baseSchema = z.object({
  DATABASE_URL: z.string().min(1).default('./data/rekindle.db'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // API key for the streaming backend (events, in-app notices, rejoins). Empty = API disabled.
  INGEST_API_KEY: z.string().default(''),
  // Secret for signing keep-link tokens. Required in production.
  KEEP_LINK_SECRET: z.string().default('rekindle-dev-keep-link-secret-change-me'),
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
  SMTP_URL: z.string().default(''),
  SMTP_FROM: z.string().default('Rekindle <no-reply@rekindle.local>'),
  SEND_RATE_PER_SECOND: z.coerce.number().positive().default(50),
  // Shifts "now" for tests and demos (e.g. to pass a campaign deadline without waiting).
  REKINDLE_CLOCK_OFFSET_MS: z.coerce.number().int().default(0),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  DISABLE_WORKER: z.enum(['0', '1']).default('0'),
  // Inbound SMTP listener for bounce messages (RFC 3464 DSNs); empty = off.
  BOUNCE_SMTP_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(65535).optional()),
  BOUNCE_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  // Hours a submitted batch may wait for a decision before each approver gets one reminder email.
  BATCH_REMINDER_HOURS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number({ error: 'must be a number of hours' }).min(0, 'must not be negative').default(24),
  ),
  // The daily cycle (lib/cycle): the UTC hour its day's jobs become due; DISABLE_CYCLE=1 leaves it to `npm run cycle`.
  CYCLE_HOUR_UTC: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number({ error: 'must be a whole hour from 0 to 23 (UTC)' })
      .int('must be a whole hour from 0 to 23 (UTC)')
      .min(0, 'must be a whole hour from 0 to 23 (UTC)')
      .max(23, 'must be a whole hour from 0 to 23 (UTC)')
      .default(2),
  ),
  DISABLE_CYCLE: z.enum(['0', '1']).default('0'),
  // How often the in-server scheduler looks for due work; tests that move the clock day by day lower it.
  CYCLE_TICK_MS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(100, 'must be at least 100 ms').default(5_000),
  ),
  ...oidcSettings,
});

/** With an issuer, the client id and at least one mapped group are needed: no one could sign in otherwise. */
function requireCompleteOidc(
  c: { OIDC_ISSUER: string; OIDC_CLIENT_ID: string; OIDC_ROLE_MAP: ReadonlyMap<string, string>; PASSWORD_SIGNIN: string },
  ctx: z.RefinementCtx,
) {
  if (!c.OIDC_ISSUER) {
    if (c.PASSWORD_SIGNIN === 'off')
      ctx.addIssue({ code: 'custom', path: ['PASSWORD_SIGNIN'], message: "'off' needs OIDC_ISSUER: no one could sign in" });
    return;
  }
  if (!c.OIDC_CLIENT_ID) ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'required when OIDC_ISSUER is set' });
  if (c.OIDC_ROLE_MAP.size === 0)
    ctx.addIssue({
      code: 'custom',
      path: ['OIDC_ROLE_MAP'],
      message: 'map at least one group to a role when OIDC_ISSUER is set',
    });
}

const schema = baseSchema.superRefine(requireCompleteOidc);
export type Config = z.infer<typeof schema>;
let cached: Config | undefined;

export function config(): Config {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfigCache() {
  cached = undefined;
}
