/** How many nice steps a background worker thread runs below the thread that started it. */
export const BACKGROUND_NICE: number;
/** Lowers the calling worker thread's CPU priority by BACKGROUND_NICE (ignored where not permitted). */
export function lowerThreadPriority(): void;
