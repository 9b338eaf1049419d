import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { config, resetConfigCache } from './config';

// CYCLE_HOUR_UTC, DISABLE_CYCLE and CYCLE_TICK_MS: a bad value stops the start with a message naming the variable.

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetConfigCache();
});

const withEnv = (env: Record<string, string>) => {
  Object.assign(process.env, env);
  resetConfigCache();
  return config();
};

describe('cycle configuration', () => {
  it('defaults to 02 UTC, scheduler on', () => {
    delete process.env.CYCLE_HOUR_UTC;
    delete process.env.DISABLE_CYCLE;
    resetConfigCache();
    expect(config()).toMatchObject({ CYCLE_HOUR_UTC: 2, DISABLE_CYCLE: '0' });
    expect(withEnv({ CYCLE_HOUR_UTC: '0' }).CYCLE_HOUR_UTC).toBe(0);
    expect(withEnv({ CYCLE_HOUR_UTC: '23' }).CYCLE_HOUR_UTC).toBe(23);
  });

  it.each(['24', '-1', '2.5', 'two', '99'])('refuses CYCLE_HOUR_UTC=%s, naming it', (v) => {
    expect(() => withEnv({ CYCLE_HOUR_UTC: v })).toThrow(/CYCLE_HOUR_UTC: must be a whole hour from 0 to 23 \(UTC\)/);
  });

  it('refuses DISABLE_CYCLE other than 0 or 1, naming it', () => {
    expect(() => withEnv({ DISABLE_CYCLE: 'yes' })).toThrow(/DISABLE_CYCLE/);
  });

  it('ticks every 5 s by default; CYCLE_TICK_MS below 100 or not a number is refused, naming it', () => {
    delete process.env.CYCLE_TICK_MS;
    resetConfigCache();
    expect(config().CYCLE_TICK_MS).toBe(5_000);
    expect(withEnv({ CYCLE_TICK_MS: '250' }).CYCLE_TICK_MS).toBe(250);
    expect(() => withEnv({ CYCLE_TICK_MS: '50' })).toThrow(/CYCLE_TICK_MS: must be at least 100 ms/);
    expect(() => withEnv({ CYCLE_TICK_MS: 'fast' })).toThrow(/CYCLE_TICK_MS/);
  });

  it('`npm run cycle` stops with the message and a non-zero exit', () => {
    let err: { status: number; stderr: Buffer } | undefined;
    try {
      execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/cycle.ts'], {
        env: { ...process.env, CYCLE_HOUR_UTC: '24' },
        stdio: 'pipe',
      });
    } catch (e) {
      err = e as typeof err;
    }
    expect(err?.status).toBe(2);
    expect(String(err?.stderr)).toContain('Invalid configuration: CYCLE_HOUR_UTC: must be a whole hour from 0 to 23 (UTC)');
  });
});
