// While a worker thread holds the database's write lock for one long transaction (a big import's
// write, lib/runtime/import-thread.ts), a write on the server's thread would wait for it in SQLite's
// busy handler, which sleeps the thread: every request would wait with it, and after busy_timeout
// (5 s) the write would fail. So the server's writers first await `writesFree()`: the event loop
// stays free, reads carry on, and the write runs once the lock is let go.

const g = globalThis as unknown as { __rekindleWriteHolds?: Set<Promise<void>> };
if (!g.__rekindleWriteHolds) g.__rekindleWriteHolds = new Set();
const holds = g.__rekindleWriteHolds;

/** Marks a long write as holding the lock until the returned release is called (idempotent). */
export function holdWrites(): () => void {
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  holds.add(held);
  return () => {
    holds.delete(held);
    release();
  };
}

/** Whether a long write holds the lock now (a write on this thread would wait for it). */
export function writesHeld(): boolean {
  return holds.size > 0;
}

/**
 * Resolves once no long write holds the lock, or after `maxWaitMs` (then SQLite's busy timeout
 * takes over, as it would without this). Immediate when none does.
 */
export async function writesFree(maxWaitMs = 120_000): Promise<void> {
  if (holds.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((r) => {
    timer = setTimeout(r, maxWaitMs);
  });
  try {
    while (holds.size > 0) {
      const before = performance.now();
      await Promise.race([Promise.all([...holds]), limit]);
      if (performance.now() - before >= maxWaitMs) return;
    }
  } finally {
    clearTimeout(timer);
  }
}
