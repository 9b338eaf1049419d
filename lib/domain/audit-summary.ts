// Machine writers (the events API, system jobs) can add an audit entry per call: thousands a day.
// The audit page shows them summarised, one line per writer, action and minute; people's entries
// stay one line each. Nothing is dropped from the log itself.

export const MACHINE_ACTORS: readonly string[] = ['api', 'system'];

export type AuditRow = {
  id: number;
  at: number;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
};

export type AuditSummary = {
  actorLabel: string;
  action: string;
  entityType: string;
  /** Start of the minute (UTC ms). */
  minute: number;
  count: number;
  newestId: number;
  firstAt: number;
  lastAt: number;
  /** Numeric fields of the entries' "after" data, added up (e.g. events received and stored). */
  totals: Record<string, number>;
};

export type AuditLine = { kind: 'entry'; row: AuditRow } | { kind: 'summary'; summary: AuditSummary };

const MINUTE_MS = 60_000;

function addTotals(totals: Record<string, number>, after: string | null) {
  if (!after) return;
  let data: unknown;
  try {
    data = JSON.parse(after);
  } catch {
    return;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return;
  for (const [k, v] of Object.entries(data)) if (typeof v === 'number' && Number.isFinite(v)) totals[k] = (totals[k] ?? 0) + v;
}

/**
 * Turns rows read newest first into at most `limit` lines. A machine entry joins the line of the
 * same writer, action and minute if one is already on the page; a line of one entry stays an entry.
 * `consumed` is how many rows were used: the next page starts after the last of them.
 */
export function summariseAudit(rows: readonly AuditRow[], limit: number): { lines: AuditLine[]; consumed: number } {
  const held: { row: AuditRow; summary?: AuditSummary }[] = [];
  const open = new Map<string, (typeof held)[number]>();
  let consumed = 0;
  for (const row of rows) {
    const machine = MACHINE_ACTORS.includes(row.actorLabel);
    const minute = Math.floor(row.at / MINUTE_MS) * MINUTE_MS;
    const key = `${row.actorLabel}\u0000${row.action}\u0000${minute}`;
    const joined = machine ? open.get(key) : undefined;
    if (joined) {
      if (!joined.summary) {
        const first = joined.row;
        joined.summary = {
          actorLabel: first.actorLabel,
          action: first.action,
          entityType: first.entityType,
          minute,
          count: 1,
          newestId: first.id,
          firstAt: first.at,
          lastAt: first.at,
          totals: {},
        };
        addTotals(joined.summary.totals, first.after);
      }
      const s = joined.summary;
      s.count += 1;
      s.firstAt = Math.min(s.firstAt, row.at);
      s.lastAt = Math.max(s.lastAt, row.at);
      addTotals(s.totals, row.after);
      consumed += 1;
      continue;
    }
    if (held.length === limit) break;
    const h = { row };
    held.push(h);
    if (machine) open.set(key, h);
    consumed += 1;
  }
  const lines = held.map((h): AuditLine => (h.summary ? { kind: 'summary', summary: h.summary } : { kind: 'entry', row: h.row }));
  return { lines, consumed };
}
