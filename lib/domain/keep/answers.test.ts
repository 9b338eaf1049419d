import { describe, expect, it } from 'vitest';
import { cutLeaveNote, LEAVE_NOTE_MAX, leaveReasonOf } from './answers';

describe('the free-text reason', () => {
  it('is cut at 500 characters, never refused', () => {
    expect(cutLeaveNote('x'.repeat(600))).toHaveLength(LEAVE_NOTE_MAX);
    expect(cutLeaveNote('  too dear  ')).toBe('too dear');
    expect(cutLeaveNote('   ')).toBeNull();
    expect(cutLeaveNote(undefined)).toBeNull();
  });

  it('never splits an emoji at the cut', () => {
    const note = `${'x'.repeat(499)}😀tail`;
    expect(cutLeaveNote(note)).toBe('x'.repeat(499));
  });
});

describe('the reason code', () => {
  it('takes only the fixed list', () => {
    expect(leaveReasonOf('too_expensive')).toBe('too_expensive');
    expect(leaveReasonOf('DROP TABLE')).toBeNull();
    expect(leaveReasonOf(undefined)).toBeNull();
  });
});
