import type { SeedContext } from './context';

// STUB — owned by the campaigns helper: two years of past campaigns with variants, holdouts and outcomes.
export function seedCampaignHistory(_ctx: SeedContext): void {}
