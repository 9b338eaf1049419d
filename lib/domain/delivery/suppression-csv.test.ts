import { describe, expect, it } from 'vitest';
import { parseSuppressionCsv } from './suppression-csv';

describe('parseSuppressionCsv', () => {
  it('reads rows in any column order, with a BOM and quoted commas', () => {
    const r = parseSuppressionCsv('\uFEFFreason,account_id\n"complaint, by phone",A-1\nlegal,A-2\n');
    expect(r).toEqual({
      ok: true,
      rows: [
        { line: 2, accountId: 'A-1', reason: 'complaint, by phone' },
        { line: 3, accountId: 'A-2', reason: 'legal' },
      ],
    });
  });
  it('reports every bad line by number', () => {
    const r = parseSuppressionCsv('account_id,reason\nA-1,legal\n,no id\nA-1,again\nA 3,\n');
    expect(r).toEqual({
      ok: false,
      errors: [
        'Line 3: account_id is empty.',
        'Line 4: account id "A-1" already appears on line 2.',
        'Line 5: "A 3" is not a valid account id.',
        'Line 5: reason is empty.',
      ],
    });
  });
  it('numbers lines as the file has them: blank lines and line breaks inside quotes count', () => {
    const r = parseSuppressionCsv('account_id,reason\n\nA-1,"asked by letter,\nthen by phone"\nA 2,legal\n');
    expect(r).toEqual({ ok: false, errors: ['Line 5: "A 2" is not a valid account id.'] });
    expect(parseSuppressionCsv('account_id,reason\nA-1,"never closed\n')).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^Line 2: the file is not valid CSV/)],
    });
  });
  it('refuses a file without the expected header', () => {
    expect(parseSuppressionCsv('id,why\n1,x\n')).toEqual({
      ok: false,
      errors: ['Line 1: the header must name the columns "account_id" and "reason".'],
    });
    expect(parseSuppressionCsv('')).toMatchObject({ ok: false });
  });
});
