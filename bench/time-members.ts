// Times the members-explorer queries on a seeded database: `npx tsx --conditions=react-server
// bench/time-members.ts [file]` (default DATABASE_URL). Each query is run once to warm the cache,
// then 20 times; the mean is printed. Read-only.
import Database from 'better-sqlite3';
import { countMembersCapped, listMembers, memberFacets, memberTimeline } from '@/db/members';

const db = new Database(process.argv[2] || process.env.DATABASE_URL || './data/rekindle.db', { readonly: true });
db.pragma('cache_size = -65536');
const time = (label: string, fn: () => unknown) => {
  fn();
  const n = 20;
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  console.log(`${label.padEnd(62)} ${((performance.now() - t) / n).toFixed(2).padStart(8)} ms`);
};
const maxId = (db.prepare('SELECT max(id) AS m FROM members').get() as { m: number }).m;
const deep = Math.max(1, Math.floor(maxId / 100));
const anyAccount = (db.prepare('SELECT account_id AS a FROM members WHERE id = ?').get(deep) as { a: string }).a;
time('first page, no filter', () => listMembers(db, {}, {}, 50));
time(`deep page, no filter (after = ${deep})`, () => listMembers(db, {}, { after: deep }, 50));
time('previous page, no filter (before = max − 5,000)', () => listMembers(db, {}, { before: maxId - 5000 }, 50));
time('first page, status = dormant', () => listMembers(db, { status: 'dormant' }, {}, 50));
time(`deep page, status = dormant (after = ${deep})`, () => listMembers(db, { status: 'dormant' }, { after: deep }, 50));
time('first page, country = NL, plan = premium', () => listMembers(db, { country: 'NL', plan: 'premium' }, {}, 50));
time(`deep page, country = NL, plan = premium (after = ${deep})`, () =>
  listMembers(db, { country: 'NL', plan: 'premium' }, { after: deep }, 50),
);
time('first page, status = dormant, country = KR, plan = basic', () =>
  listMembers(db, { status: 'dormant', country: 'KR', plan: 'basic' }, {}, 50),
);
time('first page, status = active, country = US', () => listMembers(db, { status: 'active', country: 'US' }, {}, 50));
time('capped count (≤ 10,001 rows), country = US', () => countMembersCapped(db, { country: 'US' }));
time('capped count, status = dormant', () => countMembersCapped(db, { status: 'dormant' }));
time('country and plan lists (skip-scan)', () => memberFacets(db));
time('search by account id', () => listMembers(db, { q: anyAccount }, {}, 50));
time(`timeline first page, member ${deep}`, () => memberTimeline(db, deep, {}, 25));
