import { parse } from 'csv-parse';

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
  const parser = parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true });
  let index: number[] | null = null;
  let width = 0;
  let rows = 0;
  let failure: unknown = null;

  const handle = (rec: { record: string[]; info: { lines: number } }) => {
    const { record, info } = rec;
    if (!index) {
      const names = record.map((h) => h.trim().toLowerCase());
      width = names.length;
      index = opts.columns.map((c) => names.indexOf(c));
      opts.columns.forEach((c, i) => {
        if (index?.[i] === -1) opts.errors.add(1, c, `The header has no "${c}" column (expected: ${opts.columns.join(', ')}).`);
      });
      return;
    }
    rows++;
    if (opts.errors.count > 0 && index.includes(-1)) return; // header already wrong: count rows only
    if (record.length !== width) {
      opts.errors.add(info.lines, '(row)', `Has ${record.length} fields; the header has ${width}.`);
      return;
    }
    opts.onRow(
      index.map((i) => record[i] ?? ''),
      info.lines,
    );
  };

  // Settles with the parse error (or null) instead of rejecting: a malformed quote can surface while
  // a chunk is still being written, and it must become a line error, not an exception.
  const ended = new Promise<unknown>((resolve) => {
    parser.on('end', () => resolve(null));
    parser.on('error', resolve);
  });
  parser.on('readable', () => {
    try {
      for (let rec = parser.read(); rec !== null; rec = parser.read()) handle(rec);
    } catch (err) {
      failure = err;
      parser.destroy();
    }
  });

  let bytes = 0;
  for await (const chunk of source) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (bytes > maxBytes) {
      parser.destroy();
      throw new CsvTooLargeError(maxBytes);
    }
    if (failure || parser.destroyed) break;
    if (!parser.write(chunk)) await drained(parser);
  }
  if (failure) throw failure;
  if (!parser.destroyed) parser.end();
  const parseError = await ended;
  if (parseError) {
    // Malformed CSV (e.g. an unclosed quote): csv-parse names the line.
    const e = parseError as { message?: string; lines?: number };
    opts.errors.add(e.lines ?? rows + 1, '(file)', `The CSV cannot be read here: ${e.message ?? 'malformed'}.`);
  }
  if (!index) opts.errors.add(1, '(file)', `The file is empty: expected a header line (${opts.columns.join(', ')}) and rows.`);
  return { rows };
}

/** Waits for 'drain' (or the parser closing), removing both listeners either way. */
function drained(parser: NodeJS.EventEmitter) {
  return new Promise<void>((resolve) => {
    const done = () => {
      parser.off('drain', done);
      parser.off('close', done);
      resolve();
    };
    parser.on('drain', done);
    parser.on('close', done);
  });
}
