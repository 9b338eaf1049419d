import fs from 'node:fs';

// Timing and memory helpers. Peak RSS comes from Linux's VmHWM ("high water mark"); writing 5 to
// /proc/<pid>/clear_refs resets it, so each in-process step reports its own peak.

export const ms = (t0: number) => performance.now() - t0;

export function timeIt<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: ms(t0) };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: ms(t0) };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

/** VmHWM of a process in MiB, or null if it is gone or unreadable. */
export function peakRssMb(pid: number | 'self' = 'self'): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Resets this process's peak RSS to its current RSS (after a GC when exposed), so the next step measures its own peak. */
export function resetPeakRss() {
  (globalThis as { gc?: () => void }).gc?.();
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux, or not permitted: the reading then covers the whole run so far.
  }
}

/** The process and all its descendants (next start may fork a worker). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/**
 * Polls the peak RSS of a child process tree until stopped (VmHWM vanishes with the process, so it
 * is sampled while it lives). Reports the largest single process, in MiB.
 */
export function watchPeakRss(rootPid: number, everyMs = 100) {
  let peak = 0;
  const sample = () => {
    for (const p of processTree(rootPid)) peak = Math.max(peak, peakRssMb(p) ?? 0);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    sample,
    stop: () => {
      clearInterval(timer);
      return peak;
    },
    resetTree: () => {
      for (const p of processTree(rootPid)) {
        try {
          fs.writeFileSync(`/proc/${p}/clear_refs`, '5');
        } catch {
          // not permitted
        }
      }
      peak = 0;
    },
  };
}

/**
 * CPU time (user + system) process `pid` has used, in ms (Linux /proc, 100 ticks a second): what
 * its responses cost the server, whatever else the machine runs.
 */
export function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
