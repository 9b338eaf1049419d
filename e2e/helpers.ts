/** Saved signed-in state per demo account (written by auth.setup.ts). */
export const as = (who: 'admin' | 'cx' | 'approver' | 'approver2' | 'exec') => `test-results/.auth/${who}.json`;
