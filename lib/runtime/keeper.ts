import { onConnectionOpened } from '@/db/client';
import { checkpointContinuously } from './checkpoint';

/**
 * Start-up for every process that serves or changes data through the process's connection (the
 * server's instrumentation, `npm run worker`, the retention purge, the test set-up): that
 * connection then opens with the checkpoint keeper beside it (lib/runtime/checkpoint.ts), and
 * closeDb() stops it. Call before the first getSqlite(); a connection already open gets it at once.
 */
export function keepCheckpointing() {
  onConnectionOpened((sqlite) => checkpointContinuously(sqlite));
}
