import type Database from 'better-sqlite3';
import { dormantDays, dormantIntervals } from '@/lib/domain/dormancy-history';
import { languageForCountry } from '@/lib/domain/members/language';
import { DAY_MS as DAY_MS_EXPORT } from '@/lib/runtime/clock';
import type { SeedContext } from './context';
import { DailyCounter, writeDailyCounts } from './daily-counts';
import { FIRST_NAMES } from './first-names';
import { LAST_NAMES } from './last-names';
import { LEGACY_YEARS, legacyPrice, MARKETS, PLAN_WEIGHTS, PLANS } from './markets';
import { EMAIL_DOMAINS } from './names';
import { DEFAULT_POLICY } from './policy';
import { seedTitles } from './titles';

// The demo population: members, their viewing events (in member order, the table's clustering
// order), titles, popular titles per country and the daily dormant counts of the last HISTORY_DAYS,
// all from one deterministic random stream. Written with multi-row prepared INSERTs in large
// transactions; the members' secondary indexes are dropped during the load and rebuilt after.

const DAY_MS = DAY_MS_EXPORT; // local copy for the hot loop
const YEAR_MS = 365.25 * DAY_MS;
export const HISTORY_DAYS = 800; // > 24 months of daily dormant counts
const TITLE_COUNT = 3_000;
const MEMBERS_PER_TX = 50_000;
const MEMBER_ROWS_PER_STMT = 16;
const EVENT_ROWS_PER_STMT = 50; // measured fastest: one native call per 50 rows

// Fates (shares of all members). Everyone else watches regularly, with gaps below MAX_GAP_DAYS.
const P_NEVER = 0.0025; // never watches anything after joining
const P_LAPSED = 0.0045; // stops watching; dormant now if the last view is over 730 days old
const P_SPELL = 0.004; // one long break (dormant for a while), then came back
const P_LATE = 0.0015; // first view more than a year after joining
const P_DRIFT = 0.05; // watches often, then ever less often (see `drift`)
const MAX_GAP_DAYS = 600;

export type PopulationStats = { members: number; events: number; dormant: number; dailyRows: number };

export function seedPopulation(ctx: SeedContext, rng: () => number): PopulationStats {
  const { sqlite, now, members: total, log } = ctx;
  const policy = DEFAULT_POLICY;
  const titles = seedTitles(sqlite, rng, TITLE_COUNT, new Date(now).getUTCFullYear());
  const titleKinds = titles.map((t) => t.typicalSeconds);

  // Per-country title rankings: one global popularity order, locally reshuffled per country.
  const globalOrder = titles.map((t) => t.id - 1);
  const ranking = MARKETS.map(() => {
    const r = globalOrder.slice();
    for (let i = 0; i < 300; i++) {
      const j = Math.min(r.length - 1, i + Math.floor(rng() * 25));
      [r[i], r[j]] = [r[j]!, r[i]!];
    }
    return Int32Array.from(r);
  });
  const watches = new Int32Array(MARKETS.length * TITLE_COUNT);

  const marketCdf = cumulative(MARKETS.map((m) => m.weight));
  const planCdf = cumulative(PLANS.map((p) => PLAN_WEIGHTS[p]));
  const ascii = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  const names = MARKETS.map((m) => ({
    first: FIRST_NAMES[m.names],
    last: LAST_NAMES[m.names],
    firstAscii: FIRST_NAMES[m.names].map(ascii),
    lastAscii: LAST_NAMES[m.names].map(ascii),
  }));

  const todayDay = Math.floor(now / DAY_MS);
  const counter = new DailyCounter(todayDay - HISTORY_DAYS + 1, todayDay);

  // Joins over eight years, three times as many per day now as at the start (the service grew).
  const span = 8 * YEAR_MS;
  const growth = Math.log(3) / span;
  const start = now - span;
  const legacyBefore = now - LEGACY_YEARS * YEAR_MS;

  const memberSql = `INSERT INTO members (id, account_id, email, display_name, country, plan, price_minor, currency, joined_at,
    last_viewed_at, last_title_id, status, status_changed_at, dormant_reason, dormant_since, language) VALUES `;
  const memberCols = 16;
  const insertMembers = sqlite.prepare(memberSql + rowsSql(MEMBER_ROWS_PER_STMT, memberCols));
  const insertMember = sqlite.prepare(memberSql + rowsSql(1, memberCols));
  const eventSql = 'INSERT INTO viewing_events (member_id, watched_at, title_id, seconds_watched) VALUES ';
  const insertEvents = sqlite.prepare(eventSql + rowsSql(EVENT_ROWS_PER_STMT, 4));
  const insertEvent = sqlite.prepare(eventSql + rowsSql(1, 4));
  const memberArgs = new Array<unknown>(MEMBER_ROWS_PER_STMT * memberCols);
  let ma = 0; // filled length of memberArgs
  const eventArgs = new Array<number>(EVENT_ROWS_PER_STMT * 4);
  let ei = 0; // filled length of eventArgs

  let views = new Float64Array(8192);
  let events = 0;
  let dormant = 0;
  const t0 = performance.now();
  let nextLog = 0.1;

  const generate = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = i + 1;
      // Join: inverse CDF of exponential growth at an evenly spread quantile, so ids follow join order.
      const q = (i + rng()) / total;
      const joinedAt = Math.floor(start + Math.log1p(q * Math.expm1(growth * span)) / growth);
      const mi = pickIndex(marketCdf, rng());
      const market = MARKETS[mi]!;
      const plan = PLANS[pickIndex(planCdf, rng())]!;
      const current = market.prices[plan];
      const price = joinedAt < legacyBefore ? legacyPrice(current, market.currency) : current;
      const nm = names[mi]!;
      const fi = Math.floor(rng() * nm.first.length);
      const li = Math.floor(rng() * nm.last.length);
      const email = `${nm.firstAscii[fi]}.${nm.lastAscii[li]}${id}@${EMAIL_DOMAINS[id % EMAIL_DOMAINS.length]}`;

      // Viewing: active segments separated by the fate's long break; exponential gaps inside a segment
      // with a per-member mean (log-normal across members: most watch often, a long tail rarely).
      const meanGapDays = Math.min(500, Math.max(2, Math.exp(Math.log(205) + 0.9 * gaussian(rng))));
      const firstView = joinedAt + Math.floor(-Math.log(1 - rng()) * 3 * DAY_MS) + 60_000;
      const fate = rng();
      let n = 0;
      const push = (t: number) => {
        if (n === views.length) {
          const bigger = new Float64Array(views.length * 2);
          bigger.set(views);
          views = bigger;
        }
        views[n++] = t;
      };
      const segment = (a: number, b: number) => {
        let t = a;
        while (t <= b) {
          push(t);
          const gap = Math.min(MAX_GAP_DAYS, -Math.log(1 - rng()) * meanGapDays);
          t += Math.max(1_000, Math.floor(gap * DAY_MS));
        }
      };
      // Drifting: a frequent watcher whose gaps grow by a factor after each view once the drift
      // starts (uncapped, so many end up dormant), which the at-risk score should see coming.
      const drift = (a: number, b: number) => {
        let gap = 5 + rng() * 40;
        const growth = 1.5 + rng() * 0.7;
        const driftFrom = a + rng() * (b - a);
        for (let t = a; t <= b; ) {
          push(t);
          if (t >= driftFrom) gap *= growth;
          t += Math.max(1_000, Math.floor(-Math.log(1 - rng()) * gap * DAY_MS));
        }
      };
      if (fate < P_NEVER) {
        // no views at all
      } else if (fate < P_NEVER + P_LAPSED && now - 730 * DAY_MS - firstView > 30 * DAY_MS) {
        // Last view between 2 and ~5 years ago (never before the first view).
        const stop = Math.max(firstView, now - (730 + rng() * 1100) * DAY_MS);
        segment(firstView, stop);
      } else if (fate < P_NEVER + P_LAPSED + P_SPELL && now - firstView > 1400 * DAY_MS) {
        const breakDays = 731 + rng() * 400;
        const breakStart = Math.max(firstView, now - (breakDays + rng() * 600) * DAY_MS);
        segment(firstView, breakStart);
        segment(views[n - 1]! + Math.floor(breakDays * DAY_MS), now);
      } else if (fate < P_NEVER + P_LAPSED + P_SPELL + P_LATE && now - joinedAt > 700 * DAY_MS) {
        segment(joinedAt + Math.floor((366 + rng() * 300) * DAY_MS), now);
      } else if (fate < P_NEVER + P_LAPSED + P_SPELL + P_LATE + P_DRIFT && firstView <= now) {
        drift(firstView, now);
      } else if (firstView <= now) {
        segment(firstView, now);
      }

      // Events, in (member, time) order; titles drawn from the country's ranking with a heavy head.
      const rank = ranking[mi]!;
      let lastTitle: number | null = null;
      for (let k = 0; k < n; k++) {
        const u = rng();
        const ti = rank[Math.floor(TITLE_COUNT * u * u * u * u)]!;
        watches[mi * TITLE_COUNT + ti]!++;
        lastTitle = ti + 1;
        const seconds = Math.floor(titleKinds[ti]! * (0.1 + 0.9 * rng()));
        eventArgs[ei++] = id;
        eventArgs[ei++] = views[k]!;
        eventArgs[ei++] = lastTitle;
        eventArgs[ei++] = seconds;
        if (ei === eventArgs.length) {
          insertEvents.run(eventArgs);
          ei = 0;
        }
      }
      events += n;

      // Dormant spells → daily counts, and the member's state today.
      const spells = dormantIntervals(joinedAt, views.subarray(0, n), policy, now);
      let status = 'active';
      let changedAt = joinedAt;
      let reason: string | null = null;
      let since: number | null = null;
      for (const s of spells) {
        const { fromDay, toDay } = dormantDays(s, now);
        counter.add({ country: market.country, plan, reason: s.reason, currency: market.currency }, price, fromDay, toDay);
        if (s.end === null) {
          status = 'dormant';
          changedAt = s.start;
          reason = s.reason;
          since = s.start;
        } else changedAt = s.end;
      }
      if (status === 'dormant') dormant++;
      memberArgs[ma++] = id;
      memberArgs[ma++] = accountId(id);
      memberArgs[ma++] = email;
      memberArgs[ma++] = `${nm.first[fi]} ${nm.last[li]}`;
      memberArgs[ma++] = market.country;
      memberArgs[ma++] = plan;
      memberArgs[ma++] = price;
      memberArgs[ma++] = market.currency;
      memberArgs[ma++] = joinedAt;
      memberArgs[ma++] = n ? views[n - 1]! : null;
      memberArgs[ma++] = lastTitle;
      memberArgs[ma++] = status;
      memberArgs[ma++] = changedAt;
      memberArgs[ma++] = reason;
      memberArgs[ma++] = since;
      memberArgs[ma++] = languageForCountry(market.country);
      if (ma === memberArgs.length) {
        insertMembers.run(memberArgs);
        ma = 0;
      }
    }
    for (let j = 0; j < ma; j += memberCols) insertMember.run(memberArgs.slice(j, j + memberCols));
    ma = 0;
    for (let j = 0; j < ei; j += 4) insertEvent.run(eventArgs.slice(j, j + 4));
    ei = 0;
  };

  for (let from = 0; from < total; from += MEMBERS_PER_TX) {
    const to = Math.min(total, from + MEMBERS_PER_TX);
    sqlite.transaction(() => generate(from, to))();
    if (to / total >= nextLog || to === total) {
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      log(`  members ${to.toLocaleString('en')}/${total.toLocaleString('en')} · events ${events.toLocaleString('en')} · ${s} s`);
      while (nextLog <= to / total) nextLog += 0.1;
    }
  }

  // Top 10 titles per country, from the events just written.
  const insertPopular = sqlite.prepare('INSERT INTO popular_titles (country, rank, title_id) VALUES (?, ?, ?)');
  sqlite.transaction(() => {
    for (const [mi, m] of MARKETS.entries()) {
      const top = Array.from({ length: TITLE_COUNT }, (_, ti) => ti)
        .sort((a, b) => watches[mi * TITLE_COUNT + b]! - watches[mi * TITLE_COUNT + a]! || a - b)
        .slice(0, 10);
      for (const [r, ti] of top.entries()) insertPopular.run(m.country, r + 1, ti + 1);
    }
  })();
  log(`  popular titles written · ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const dailyRows = writeDailyCounts(sqlite, counter);
  log(`  daily counts written · ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { members: total, events, dormant, dailyRows };
}

/**
 * Drops a table's secondary indexes and triggers while `fn` bulk-loads it, then recreates them from
 * their saved SQL. Without the member triggers the overview's member histogram misses the load, so
 * it is marked for a full rebuild (5M delta rows would otherwise be written and folded in).
 */
export function withIndexesDropped<T>(sqlite: Database.Database, table: string, fn: () => T, onRebuild?: () => void): T {
  const saved = sqlite
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL")
    .all(table) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const o of saved) sqlite.exec(`DROP ${o.type.toUpperCase()} "${o.name}"`);
  const result = fn();
  onRebuild?.();
  sqlite.pragma('threads = 2'); // lets the index sorter use a helper thread
  for (const o of saved) sqlite.exec(o.sql);
  if (saved.some((o) => o.type === 'trigger')) sqlite.exec("DELETE FROM metrics_refresh WHERE part = 'members'");
  return result;
}

/** Account ids look random but are a bijection of the member id (odd multiplier mod 2^32): unique, stable. */
export function accountId(id: number): string {
  return `RK-${(Math.imul(id, 0x9e3779b1) >>> 0).toString(36).toUpperCase().padStart(7, '0')}`;
}

function rowsSql(rows: number, cols: number): string {
  const one = `(${Array(cols).fill('?').join(', ')})`;
  return Array(rows).fill(one).join(', ');
}

function cumulative(weights: number[]): Float64Array {
  const sum = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return Float64Array.from(weights, (w) => (acc += w / sum));
}

function pickIndex(cdf: Float64Array, u: number): number {
  for (let i = 0; i < cdf.length; i++) if (u < cdf[i]!) return i;
  return cdf.length - 1;
}

/** Standard normal (Box–Muller) from the seed stream. */
function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}
