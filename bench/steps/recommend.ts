import { type BenchContext, closeAndRemove, fn, load, openServerCopy } from '../lib/context';
import { timeIt } from '../lib/measure';
import { failed, fmtMs, judge, measured, notAvailable, type Row } from '../lib/table';

// {{recommended_titles}} is chosen when each message is rendered (lib/delivery/message.ts), so it adds
// nothing to queuing; this step measures what it adds to sending: the choice for N recipients, one
// member at a time as the sender renders, against the same three statements run bare.

export async function benchRecommend(ctx: BenchContext, size: number): Promise<Row[]> {
  const step = `Recommended titles for ${size.toLocaleString('en')} recipients (recommendationsFor, at render time)`;
  // The target is on queuing (≤ 5 s added for 900k): met by construction, so the row judges app/raw.
  const target = 'adds 0 s to queuing (≤ 5 s)';
  const rec = await load('@/db/recommendations');
  const recSql = await load<{ RECOMMENDATION_SQL?: { watched: string; seasons: string; popular: string } }>(
    '@/db/recommendations.sql',
  );
  const choose = fn(rec, 'recommendationsFor');
  const statements = recSql?.RECOMMENDATION_SQL;
  if (!choose || !statements) return [notAvailable(step, 'db/recommendations.ts has no recommendationsFor yet', target)];
  try {
    const db = openServerCopy(ctx, 'recommend');
    // Set-up (not measured): each series title becomes season 1 of its series, and every other one gets a season 2.
    db.exec(`UPDATE titles SET series = name, season = 1 WHERE kind = 'series'`);
    db.exec(`INSERT INTO titles (name, kind, series, season)
             SELECT name || ': Season 2', 'series', name, 2 FROM titles WHERE kind = 'series' AND id % 2 = 0`);
    const people = db
      .prepare('SELECT id, country FROM members WHERE last_viewed_at IS NOT NULL ORDER BY id LIMIT ?')
      .all(size) as { id: number; country: string }[];
    const watched = db.prepare(statements.watched);
    const seasons = db.prepare(statements.seasons);
    const popular = db.prepare(statements.popular);
    const raw = timeIt(() => {
      let n = 0;
      for (const p of people) {
        const seen = watched.all({ memberId: p.id }) as { series: string | null; season: number | null }[];
        for (const t of seen) if (t.series != null) n += seasons.all(t.series, t.season).length;
        n += popular.all(p.country).length;
      }
      return n;
    });
    const app = timeIt(() => {
      let chosen = 0;
      for (const p of people) chosen += (choose(db as never, p.id as never, p.country as never) as unknown[]).length;
      return chosen;
    });
    closeAndRemove(db);
    const ratio = app.ms / raw.ms;
    const perMessageUs = (app.ms * 1000) / Math.max(1, people.length);
    return [
      {
        step,
        ...measured('set', app.ms, raw.ms),
        result: fmtMs(app.ms),
        raw: fmtMs(raw.ms),
        ratio,
        target,
        status: judge(app.ms, null, ratio),
        note: `${people.length.toLocaleString('en')} members who watched, ${app.value.toLocaleString('en')} titles chosen (${perMessageUs.toFixed(0)} µs a message). Added to sending, not to queuing (0 s there): at the default 50 messages/s a message has 20 ms. Raw = the same three statements (db/recommendations.sql.ts) bare, without the choice.`,
      },
    ];
  } catch (err) {
    return [failed(step, err, target)];
  }
}
