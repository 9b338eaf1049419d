import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, CsvTokenizer } from './tokenize';

/** Tokenizes `text` fed in pieces cut at `cuts`; returns the records with their lines, or the syntax error. */
function tokenize(text: string, cuts: number[] = []) {
  const out: { fields: string[]; line: number }[] = [];
  const t = new CsvTokenizer((fields, line) => out.push({ fields, line }));
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  try {
    let at = 0;
    for (const p of [...points, text.length]) {
      if (p > at) t.push(text.slice(at, p));
      at = p;
    }
    t.end();
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { error: err.line };
    throw err;
  }
  return { records: out };
}

const reference = (text: string) => {
  try {
    return { fields: parse(text, { bom: true, trim: true, relax_column_count: true }) as string[][] };
  } catch {
    return { error: true };
  }
};

describe('CsvTokenizer', () => {
  it('splits plain, quoted, escaped and multi-line fields, with the line each record starts on', () => {
    const text = '\uFEFFa,b\r\n x , "y, z" \n\n"two\nlines","say ""hi"""\nlast,row';
    expect(tokenize(text)).toEqual({
      records: [
        { fields: ['a', 'b'], line: 1 },
        { fields: ['x', 'y, z'], line: 2 },
        { fields: [''], line: 3 },
        { fields: ['two\nlines', 'say "hi"'], line: 4 },
        { fields: ['last', 'row'], line: 6 },
      ],
    });
  });

  it('refuses an unclosed quote, text after a closing quote and a quote inside a plain field, naming the line', () => {
    expect(tokenize('a,b\n1,"open\n2,3\n')).toEqual({ error: 2 });
    expect(tokenize('a,b\n1,2\n"x"y,3\n')).toEqual({ error: 3 });
    expect(tokenize('a,b\n1,ab"c\n')).toEqual({ error: 2 });
  });

  // Cells from characters that matter to CSV, quoted (with doubled quotes) or not; rows of cells.
  const cell = fc
    .array(fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', 'é', '€', '1'), { maxLength: 6 })
    .map((cs) => cs.join(''));
  const written = cell.map((c) => (/[",\r\n]/.test(c) || c !== c.trim() ? `"${c.replace(/"/g, '""')}"` : c));
  const file = fc
    .tuple(fc.array(fc.array(written, { minLength: 1, maxLength: 4 }), { maxLength: 6 }), fc.constantFrom('\n', '\r\n'))
    .map(([rows, eol]) => rows.map((r) => r.join(',')).join(eol));

  it('reads well-formed files exactly as csv-parse does, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(file, fc.array(fc.nat(400), { maxLength: 6 }), (text, cuts) => {
        const ours = tokenize(text, cuts);
        const ref = reference(text);
        expect(ours.records?.map((r) => r.fields).filter((f) => !(f.length === 1 && f[0] === ''))).toEqual(
          ref.fields?.filter((f) => !(f.length === 1 && f[0] === '')),
        );
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  // One line ending per text: csv-parse takes the first one it sees as the only record delimiter,
  // where this reader accepts \n and \r\n anywhere (a file edited on two systems still reads).
  it('refuses exactly the arbitrary texts csv-parse refuses', () => {
    const text = fc
      .tuple(fc.array(fc.constantFrom('a', ' ', ',', '"', 'EOL', 'x'), { maxLength: 30 }), fc.constantFrom('\n', '\r\n'))
      .map(([cs, eol]) => cs.join('').replaceAll('EOL', eol));
    fc.assert(
      fc.property(text, fc.array(fc.nat(40), { maxLength: 4 }), (t, cuts) => {
        expect('error' in tokenize(t, cuts)).toBe('error' in reference(t));
      }),
      { numRuns: 1000, seed: 5 },
    );
  });
});
