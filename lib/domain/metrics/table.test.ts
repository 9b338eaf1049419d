import { describe, expect, it } from 'vitest';
import { cellText, type DataTable, toCsv } from './table';

describe('chart tables', () => {
  it('gives the table and the CSV the same numbers, units in the CSV header', () => {
    const t: DataTable = {
      columns: [
        { key: 'month', label: 'Month', format: 'text' },
        { key: 'n', label: 'Members', format: 'int' },
        { key: 'usd', label: 'Forgone', format: 'money' },
        { key: 'rate', label: 'Rate', format: 'pct' },
      ],
      rows: [
        ['2024-01', 12345, 123456, 0.12345],
        ['2024-02', 0, null, null],
      ],
    };
    expect(toCsv(t)).toBe('Month,Members,Forgone (USD),Rate (%)\n2024-01,12345,1234.56,12.3\n2024-02,0,,\n');
    expect(cellText(12345, 'int')).toBe('12,345');
    expect(cellText(123456, 'money')).toBe('$1,234.56');
    expect(cellText(0.12345, 'pct')).toBe('12.3%');
    expect(cellText(null, 'money')).toBe('—');
  });
});
