import os from 'node:os';

/** The calling thread's nice value (Linux keeps one per thread): what a job worker runs at. */
export function threadNice(): number {
  return os.getPriority();
}
