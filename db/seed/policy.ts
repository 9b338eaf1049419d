import type { SeedContext } from './context';

export const DEFAULT_POLICY = { neverWatchedDays: 365, inactiveDays: 730, responseDays: 30, retentionDays: 300 };

/** Policy version 1 with the defaults from DOMAIN.md, dated two years back so history can cite it. */
export function seedPolicy({ sqlite, now }: SeedContext) {
  const exists = sqlite.prepare('SELECT 1 FROM policy_versions LIMIT 1').get();
  if (exists) return;
  sqlite
    .prepare(
      `INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at, note)
       VALUES (?, ?, ?, ?, 'system', ?, 'Initial policy')`,
    )
    .run(
      DEFAULT_POLICY.neverWatchedDays,
      DEFAULT_POLICY.inactiveDays,
      DEFAULT_POLICY.responseDays,
      DEFAULT_POLICY.retentionDays,
      now - 3 * 365 * 86_400_000,
    );
}
