import { describe, expect, it } from 'vitest';
import { holdWrites, writesFree } from './write-gate';

describe('writesFree', () => {
  it('is immediate with no long write, and waits (without blocking) until every hold is released', async () => {
    await writesFree();
    const first = holdWrites();
    const second = holdWrites();
    let free = false;
    const waiting = writesFree().then(() => {
      free = true;
    });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(free).toBe(false);
    expect(ticks).toBeGreaterThan(3); // the thread kept running meanwhile
    first();
    await new Promise((r) => setTimeout(r, 5));
    expect(free).toBe(false);
    second();
    second(); // releasing twice is harmless
    await waiting;
    clearInterval(timer);
    expect(free).toBe(true);
  });

  it('gives up after its limit, leaving SQLite busy timeout to decide', async () => {
    const release = holdWrites();
    const t0 = performance.now();
    await writesFree(50);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
    release();
  });
});
