import type { SeedContext } from './context';

// STUB — owned by the batches helper: the past batches of the seeded campaigns (executed, skipped, rejoined).
export function seedBatchHistory(_ctx: SeedContext): void {}
