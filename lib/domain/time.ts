/** Milliseconds in a UTC day: every day boundary in the domain is 00:00 UTC. */
export const DAY_MS = 86_400_000;
