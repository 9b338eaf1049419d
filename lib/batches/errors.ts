/**
 * A refusal a person can act on, raised by the batches data layer (db/batches.ts, db/rejoins.ts).
 * Its message is shown as is; whatever transaction raised it was rolled back, so nothing changed.
 */
export class RefusedError extends Error {
  constructor(
    message: string,
    readonly code: string = 'refused',
  ) {
    super(message);
    this.name = 'RefusedError';
  }
}
