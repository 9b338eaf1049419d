import type { SeedContext } from './context';

// STUB — owned by the overview helper: exchange rates to the reporting currency (USD) for the last 3 years.
export function seedFxRates(_ctx: SeedContext): void {}
