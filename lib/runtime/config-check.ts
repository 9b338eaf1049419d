import { config } from './config';

/** Validates the configuration at start-up; a bad value stops the process with a message naming it. */
export function configOrExit() {
  try {
    return config();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
