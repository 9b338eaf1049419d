import { CsvSyntaxError, CsvTokenizer } from '@/lib/domain/csv/tokenize';

// Suppression CSV: a header row with `account_id` and `reason`, one member per line.
// Every problem is reported with its line number; the import is all-or-nothing.

export const MAX_IMPORT_ROWS = 50_000;
export const MAX_REASON_LENGTH = 200;
const ACCOUNT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export type ParsedRow = { line: number; accountId: string; reason: string };
export type ParseResult = { ok: true; rows: ParsedRow[] } | { ok: false; errors: string[] };

/** Records with the line each starts on (the same reader as the imports), blank lines left out. */
function records(input: string): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  const tokenizer = new CsvTokenizer((fields, line) => {
    if (!(fields.length === 1 && fields[0] === '')) out.push({ fields, line });
  });
  tokenizer.push(input);
  tokenizer.end();
  return out;
}

export function parseSuppressionCsv(input: string): ParseResult {
  let recs: { fields: string[]; line: number }[];
  try {
    recs = records(input);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    return { ok: false, errors: [`Line ${err.line}: the file is not valid CSV (${err.message}).`] };
  }
  const [head, ...body] = recs;
  const header = head?.fields;
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
  for (const { fields, line } of body) {
    const accountId = fields[idCol] ?? '';
    const reason = fields[reasonCol] ?? '';
    if (!accountId) errors.push(`Line ${line}: account_id is empty.`);
    else if (!ACCOUNT_ID.test(accountId)) errors.push(`Line ${line}: "${accountId.slice(0, 70)}" is not a valid account id.`);
    else if (seen.has(accountId))
      errors.push(`Line ${line}: account id "${accountId}" already appears on line ${seen.get(accountId)}.`);
    if (!reason) errors.push(`Line ${line}: reason is empty.`);
    else if (reason.length > MAX_REASON_LENGTH)
      errors.push(`Line ${line}: reason is longer than ${MAX_REASON_LENGTH} characters.`);
    if (accountId && !seen.has(accountId)) seen.set(accountId, line);
    rows.push({ line, accountId, reason });
  }
  if (errors.length) return { ok: false, errors: errors.slice(0, 50) };
  return { ok: true, rows };
}
