import { describe, expect, it } from 'vitest';
import { seedSteps } from './seed';

describe('the seeding row’s note', () => {
  it('names the seeder’s slowest steps from the times its lines end with', () => {
    const out = [
      'Seeding 1,000 members into x.db (now = 2026-01-01T00:00:00.000Z)',
      'Rebuilding the members indexes and counting views — 4.0 s',
      'Population: 1,000 members (10 dormant), 9,000 viewing events, 30 daily-count rows — 5.5 s',
      'Policy — 5.6 s',
      'At-risk scores {"scored":990,"high":3} — 9.6 s',
      'Demo staff — 9.7 s',
    ].join('\n');
    expect(seedSteps(out)).toBe(
      'Rebuilding the members indexes and counting views 4.0 s · At-risk scores 4.0 s · Population 1.5 s · Policy 0.1 s',
    );
  });
});
