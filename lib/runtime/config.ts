import { z } from 'zod';

// Configuration from the environment, validated once. A bad value fails with a message naming it.
const schema = z.object({
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
});

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
