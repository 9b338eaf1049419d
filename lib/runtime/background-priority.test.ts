import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE } from './background-priority.js';
import { runOnJobWorker } from './job-thread';

// Background jobs run on worker threads at a lower CPU priority than the server's thread, so on busy
// cores the requests are served first (Linux: a nice value per thread).
describe.runIf(process.platform === 'linux')('background job threads', () => {
  it('run at a lower priority than the thread that serves requests, which keeps its own', async () => {
    const before = os.getPriority();
    const onWorker = await runOnJobWorker<number>('lib/testing/thread-priority.ts', 'threadNice', {});
    expect(onWorker).toBe(Math.min(19, before + BACKGROUND_NICE));
    expect(os.getPriority()).toBe(before);
  });
});
