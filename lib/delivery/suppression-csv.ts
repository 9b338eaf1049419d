import { parse } from 'csv-parse/sync';

// Suppression CSV: a header row with `account_id` and `reason`, one member per line.
// Every problem is reported with its line number; the import is all-or-nothing.

export const MAX_IMPORT_ROWS = 50_000;
export const MAX_REASON_LENGTH = 200;
const ACCOUNT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export type ParsedRow = { line: number; accountId: string; reason: string };
export type ParseResult = { ok: true; rows: ParsedRow[] } | { ok: false; errors: string[] };

export function parseSuppressionCsv(input: string): ParseResult {
  let records: string[][];
  try {
    records = parse(input, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { ok: false, errors: [`${line ? `Line ${line}: ` : ''}the file is not valid CSV (${(err as Error).message}).`] };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, errors: ['The file is empty: expected a header row "account_id,reason".'] };
  const names = header.map((h) => h.toLowerCase());
  const idCol = names.indexOf('account_id');
  const reasonCol = names.indexOf('reason');
  if (idCol < 0 || reasonCol < 0)
    return { ok: false, errors: ['Line 1: the header must name the columns "account_id" and "reason".'] };
  if (body.length === 0) return { ok: false, errors: ['The file has a header but no rows.'] };
  if (body.length > MAX_IMPORT_ROWS)
    return { ok: false, errors: [`The file has ${body.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.`] };

  const errors: string[] = [];
  const rows: ParsedRow[] = [];
  const seen = new Map<string, number>();
  body.forEach((rec, i) => {
    const line = i + 2; // 1-based, after the header (blank lines are skipped, so this counts records)
    const accountId = rec[idCol] ?? '';
    const reason = rec[reasonCol] ?? '';
    if (!accountId) errors.push(`Line ${line}: account_id is empty.`);
    else if (!ACCOUNT_ID.test(accountId)) errors.push(`Line ${line}: "${accountId.slice(0, 70)}" is not a valid account id.`);
    else if (seen.has(accountId))
      errors.push(`Line ${line}: account id "${accountId}" already appears on line ${seen.get(accountId)}.`);
    if (!reason) errors.push(`Line ${line}: reason is empty.`);
    else if (reason.length > MAX_REASON_LENGTH)
      errors.push(`Line ${line}: reason is longer than ${MAX_REASON_LENGTH} characters.`);
    if (accountId && !seen.has(accountId)) seen.set(accountId, line);
    rows.push({ line, accountId, reason });
  });
  if (errors.length) return { ok: false, errors: errors.slice(0, 50) };
  return { ok: true, rows };
}
