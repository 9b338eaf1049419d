import type Database from 'better-sqlite3';
import { mulberry32 } from '@/db/seed/context';
import { seedPolicy } from '@/db/seed/policy';

// Used ONLY while the real seeder writes no members, so the other steps still have rows to work
// on; the results table says so. Members: ~55% watched in the last year, ~25% long inactive,
// ~20% never watched; 8 countries, 3 plans. No viewing events.

const DAY = 86_400_000;

export function fillFallbackPopulation(sqlite: Database.Database, members: number, now: number) {
  seedPolicy({ sqlite, now, members, rng: mulberry32(1), log: () => {} });
  sqlite.function('bench_rand', { deterministic: true }, (id: number, salt: number) =>
    mulberry32(Number(id) * 7919 + Number(salt))(),
  );
  sqlite.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${members})
    INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at)
    SELECT 'bench-' || i, 'member' || i || '@example.com', 'Member ' || i,
      substr('USGBDEFRBRJPCAIN', 1 + 2 * (i % 8), 2),
      CASE i % 3 WHEN 0 THEN 'basic' WHEN 1 THEN 'standard' ELSE 'premium' END,
      CASE i % 3 WHEN 0 THEN 799 WHEN 1 THEN 1299 ELSE 1799 END,
      CASE i % 8 WHEN 1 THEN 'GBP' WHEN 2 THEN 'EUR' WHEN 3 THEN 'EUR' WHEN 4 THEN 'BRL' WHEN 5 THEN 'JPY' WHEN 6 THEN 'CAD' WHEN 7 THEN 'INR' ELSE 'USD' END,
      ${now} - CAST((400 + bench_rand(i, 1) * 3000) AS INTEGER) * ${DAY},
      CASE WHEN bench_rand(i, 2) < 0.20 THEN NULL
           WHEN bench_rand(i, 2) < 0.45 THEN ${now} - CAST((740 + bench_rand(i, 3) * 300) AS INTEGER) * ${DAY}
           ELSE ${now} - CAST((bench_rand(i, 3) * 360) AS INTEGER) * ${DAY} END,
      'active', ${now}
    FROM n`);
}
