import { StringDecoder } from 'node:string_decoder';
import { CsvSyntaxError, CsvTokenizer } from '../domain/csv/tokenize';

// Streams a CSV without holding the file: each record is handed to `onRow` as it is parsed, the
// byte count is checked as chunks arrive, and errors carry line and column.

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
  /** Columns a file may leave out; their values follow the required ones in `onRow` ('' when absent). */
  optionalColumns?: readonly string[];
  maxBytes?: number;
  errors: CsvErrors;
  /** Called once per data record with the required columns' values (trimmed) and its line number. */
  onRow: (values: string[], line: number) => void;
  /** Called every PROGRESS_ROWS data rows with the count so far (the Import page shows it). */
  onProgress?: (rows: number) => void;
};

export const PROGRESS_ROWS = 50_000;

/** Reads the whole stream. Returns the number of data rows; problems are added to `opts.errors`. */
export async function readCsv(source: AsyncIterable<Uint8Array | string>, opts: ReadCsvOptions): Promise<{ rows: number }> {
  const maxBytes = opts.maxBytes ?? MAX_UPLOAD_BYTES;
  let index: number[] | null = null;
  let optionalIndex: number[] = [];
  let width = 0;
  let rows = 0;

  // A record's number is the line it starts on (a quoted field's own line breaks count).
  const handle = (record: string[], line: number) => {
    if (record.length === 1 && record[0] === '') return; // an empty line
    if (!index) {
      const names = record.map((h) => h.trim().toLowerCase());
      width = names.length;
      index = opts.columns.map((c) => names.indexOf(c));
      optionalIndex = (opts.optionalColumns ?? []).map((c) => names.indexOf(c));
      opts.columns.forEach((c, i) => {
        if (index?.[i] === -1)
          opts.errors.add(line, c, `The header has no "${c}" column (expected: ${opts.columns.join(', ')}).`);
      });
      return;
    }
    rows++;
    if (rows % PROGRESS_ROWS === 0) opts.onProgress?.(rows);
    if (opts.errors.count > 0 && index.includes(-1)) return; // header already wrong: count rows only
    if (record.length !== width) {
      opts.errors.add(line, '(row)', `Has ${record.length} fields; the header has ${width}.`);
      return;
    }
    opts.onRow(
      [...index, ...optionalIndex].map((i) => (i < 0 ? '' : (record[i] ?? ''))),
      line,
    );
  };

  // Bytes are counted as they arrive, so an oversized body stops being read at the limit.
  let bytes = 0;
  const tokenizer = new CsvTokenizer(handle);
  const decoder = new StringDecoder('utf8'); // a UTF-8 character may straddle two chunks
  try {
    for await (const chunk of source) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (bytes > maxBytes) throw new CsvTooLargeError(maxBytes);
      tokenizer.push(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    }
    const rest = decoder.end();
    if (rest) tokenizer.push(rest);
    tokenizer.end();
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    // Malformed CSV (e.g. an unclosed quote), wherever it falls in a chunk: a line error, not an exception.
    opts.errors.add(err.line, '(file)', `The CSV cannot be read here: ${err.message}.`);
  }
  if (!index) opts.errors.add(1, '(file)', `The file is empty: expected a header line (${opts.columns.join(', ')}) and rows.`);
  return { rows };
}
