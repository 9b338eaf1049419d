import path from 'node:path';

/**
 * The absolute path of a worker thread's script in lib/runtime/. Resolved from the project
 * directory (as db/open.ts finds the migrations), not from this module: under `next start` this
 * module runs from a bundle in the build directory, while the script stays where it is. The
 * scripts are plain CommonJS, so the thread needs no loader under Next, vitest or tsx.
 */
export function runtimeWorkerFile(name: string): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'runtime', name);
}
