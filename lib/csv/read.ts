import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError as ParseError, parse } from 'csv-parse';

// Streams a CSV through csv-parse without holding the file: each record is handed to `onRow` as it
// is parsed, the byte count is checked as chunks arrive, and errors carry line and column.

export type CsvError = { line: number; column: string; reason: string };
/** Errors kept in full for the person fixing the file; further ones are only counted. */
export const MAX_REPORTED_ERRORS = 100;
export const MAX_UPLOAD_BYTES = 500 * 1024 * 1024;

export class CsvTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB. Split it into smaller files.`);
  }
}

export class CsvErrors {
  readonly list: CsvError[] = [];
  count = 0;
  add(line: number, column: string, reason: string) {
    this.count++;
    if (this.list.length < MAX_REPORTED_ERRORS) this.list.push({ line, column, reason });
  }
}

export type ReadCsvOptions = {
  /** Required columns, in the order `onRow` receives their values. Extra columns are ignored. */
  columns: readonly string[];
  maxBytes?: number;
  errors: CsvErrors;
  /** Called once per data record with the required columns' values (trimmed by csv-parse) and its line number. */
  onRow: (values: string[], line: number) => void;
};

/** Reads the whole stream. Returns the number of data rows; problems are added to `opts.errors`. */
export async function readCsv(source: AsyncIterable<Uint8Array | string>, opts: ReadCsvOptions): Promise<{ rows: number }> {
  const maxBytes = opts.maxBytes ?? MAX_UPLOAD_BYTES;
  // No `info: true` (it doubles csv-parse's cost): line numbers are counted here instead. Empty lines
  // are kept (skip_empty_lines would hide them from the count) and skipped below; a quoted field's
  // own line breaks are added, so a record's number is the line it starts on.
  const parser = parse({ bom: true, trim: true, relax_column_count: true });
  let index: number[] | null = null;
  let width = 0;
  let rows = 0;
  let nextLine = 1;

  const handle = (record: string[]) => {
    const line = nextLine;
    nextLine++;
    for (const f of record) if (f.includes('\n')) nextLine += f.split('\n').length - 1;
    if (record.length === 1 && record[0] === '') return; // an empty line
    if (!index) {
      const names = record.map((h) => h.trim().toLowerCase());
      width = names.length;
      index = opts.columns.map((c) => names.indexOf(c));
      opts.columns.forEach((c, i) => {
        if (index?.[i] === -1)
          opts.errors.add(line, c, `The header has no "${c}" column (expected: ${opts.columns.join(', ')}).`);
      });
      return;
    }
    rows++;
    if (opts.errors.count > 0 && index.includes(-1)) return; // header already wrong: count rows only
    if (record.length !== width) {
      opts.errors.add(line, '(row)', `Has ${record.length} fields; the header has ${width}.`);
      return;
    }
    opts.onRow(
      index.map((i) => record[i] ?? ''),
      line,
    );
  };

  // Bytes are counted in front of the parser, so an oversized body stops being read at the limit.
  let bytes = 0;
  async function* counted() {
    for await (const chunk of source) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (bytes > maxBytes) throw new CsvTooLargeError(maxBytes);
      yield chunk;
    }
  }
  try {
    await pipeline(Readable.from(counted()), parser, async (records: AsyncIterable<string[]>) => {
      for await (const rec of records) handle(rec);
    });
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    const e = err as { message?: string; lines?: number };
    // Malformed CSV (e.g. an unclosed quote), wherever it falls in a chunk: a line error, not an exception.
    opts.errors.add(e.lines ?? rows + 1, '(file)', `The CSV cannot be read here: ${e.message ?? 'malformed'}.`);
  }
  if (!index) opts.errors.add(1, '(file)', `The file is empty: expected a header line (${opts.columns.join(', ')}) and rows.`);
  return { rows };
}
