// Recorded views in the shape the bulk recording works on (db/viewing.ts recordViews): columns
// rather than objects, ordered by member, reduced to each member's latest view. Pure: no I/O.

export type ViewEvent = {
  memberId: number;
  watchedAt: number;
  /** Either an existing title id, or a title name (an unknown name creates the title). */
  titleId?: number;
  title?: string;
  seconds: number;
};

/**
 * Views in columns (an import holds millions; objects per event would double its memory and time).
 * `title[i]` indexes `titles`: an existing title id, or a name (an unknown name creates the title).
 */
export type ViewColumns = {
  length: number;
  memberId: ArrayLike<number>;
  watchedAt: ArrayLike<number>;
  seconds: ArrayLike<number>;
  title: ArrayLike<number>;
  titles: readonly ({ id: number } | { name: string })[];
};

/** ViewEvent objects as columns (titles named by the same name share one entry). */
export function viewColumns(events: readonly ViewEvent[]): ViewColumns {
  const titles: ({ id: number } | { name: string })[] = [];
  const byKey = new Map<string, number>();
  const title = new Int32Array(events.length);
  events.forEach((e, i) => {
    const key = e.titleId != null ? `#${e.titleId}` : `=${(e.title ?? '').trim()}`;
    let t = byKey.get(key);
    if (t === undefined) {
      t = titles.length;
      titles.push(e.titleId != null ? { id: e.titleId } : { name: (e.title ?? '').trim() });
      byKey.set(key, t);
    }
    title[i] = t;
  });
  return {
    length: events.length,
    memberId: events.map((e) => e.memberId),
    watchedAt: events.map((e) => e.watchedAt),
    seconds: events.map((e) => e.seconds),
    title,
    titles,
  };
}

/** Event indices ordered by member, then input order (a stable sort on one packed float key). */
export function memberOrder(memberId: ArrayLike<number>, length: number): Int32Array {
  const SHIFT = 2 ** 24;
  const order = new Int32Array(length);
  if (length >= SHIFT) {
    const idx = Array.from({ length }, (_, i) => i).sort((a, b) => (memberId[a] as number) - (memberId[b] as number) || a - b);
    order.set(idx);
    return order;
  }
  const keys = new Float64Array(length);
  for (let i = 0; i < length; i++) keys[i] = (memberId[i] as number) * SHIFT + i;
  keys.sort();
  for (let i = 0; i < length; i++) order[i] = (keys[i] as number) % SHIFT;
  return order;
}

/** Per member, in id order, flat: [id, latest instant, its title, id, …] (ties: the later event in the file). */
export function latestPerMember(v: ViewColumns, order: Int32Array, titleIds: readonly number[]): number[] {
  const latest: number[] = [];
  for (let i = 0; i < v.length; i++) {
    const e = order[i] as number;
    const m = v.memberId[e] as number;
    const w = v.watchedAt[e] as number;
    const t = titleIds[v.title[e] as number] as number;
    const n = latest.length;
    if (m !== latest[n - 3]) latest.push(m, w, t);
    else if (w >= (latest[n - 2] as number)) {
      latest[n - 2] = w;
      latest[n - 1] = t;
    }
  }
  return latest;
}

/** `latest` (from latestPerMember) cut into `perChunk` members each, with their ids. */
export function memberChunks(latest: readonly number[], perChunk: number): { rows: number[]; ids: number[] }[] {
  const per = perChunk * 3;
  return Array.from({ length: Math.ceil(latest.length / per) }, (_, c) => {
    const rows = latest.slice(c * per, (c + 1) * per);
    return { rows, ids: rows.filter((_, i) => i % 3 === 0) };
  });
}
