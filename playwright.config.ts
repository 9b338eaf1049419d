import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { OIDC_PROVIDER_NAME, OIDC_ROLE_MAP } from './e2e/oidc-users';

// Each run serves its own production build on its own database file (never data/rekindle.db).
// E2E_PORT / NEXT_DIST_DIR let parallel workers run suites side by side without clobbering.
const port = Number(process.env.E2E_PORT || 3100);
const distDir = process.env.NEXT_DIST_DIR || '.next-e2e';
const dbFile = path.resolve(process.env.E2E_DATABASE_URL || `test-results/e2e-${port}.db`);
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// A real SMTP server (e2e/smtp-sink.ts) per run, on a port derived from E2E_PORT so parallel runs do
// not collide; the app sends every campaign email there, and specs read what it received from smtpFile.
const smtpPort = Number(process.env.E2E_SMTP_PORT || port + 1300);
const smtpFile = path.resolve(`test-results/smtp-${smtpPort}.jsonl`);
// The app's inbound SMTP listener for bounce messages (BOUNCE_SMTP_PORT), also derived from E2E_PORT.
const bouncePort = port + 1400;
// A real OpenID Connect provider (e2e/oidc-provider.ts) the app signs staff in with; password
// sign-in stays on, so the other specs sign in as before.
const oidcPort = port + 1500;
export const e2eEnv = { port, dbFile, baseURL: `http://127.0.0.1:${port}`, smtpPort, smtpFile, bouncePort, oidcPort };
process.env.E2E_DATABASE_URL = dbFile;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/artifacts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: e2eEnv.baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    { name: 'chromium', dependencies: ['setup'], testIgnore: /auth\.setup\.ts/ },
  ],
  webServer: [
    {
      command: 'npx tsx e2e/smtp-sink.ts',
      port: smtpPort,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: { SMTP_SINK_PORT: String(smtpPort), SMTP_SINK_FILE: smtpFile },
    },
    {
      command: 'npx tsx e2e/oidc-provider.ts',
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: { OIDC_PROVIDER_PORT: String(oidcPort), OIDC_APP_BASE_URL: e2eEnv.baseURL },
    },
    {
      command: 'npx tsx --conditions=react-server scripts/e2e-server.ts',
      url: `${e2eEnv.baseURL}/login`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        DATABASE_URL: dbFile,
        PORT: String(port),
        NEXT_DIST_DIR: distDir,
        NEXT_TELEMETRY_DISABLED: '1',
        INGEST_API_KEY: 'e2e-api-key',
        PUBLIC_BASE_URL: e2eEnv.baseURL,
        DEMO_PASSWORD: 'rekindle-demo',
        REKINDLE_ALLOW_TEST_CLOCK: '1', // lets e2e move "now" via app_settings (docs/notes/batches.md)
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        BOUNCE_SMTP_PORT: String(bouncePort),
        // The daily cycle would scan, close, propose and purge on its own while other specs move the
        // clock: e2e/cycle.spec.ts starts a server of its own with it on.
        DISABLE_CYCLE: '1',
        OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
        OIDC_CLIENT_ID: 'rekindle-e2e',
        OIDC_CLIENT_SECRET: 'rekindle-e2e-secret',
        OIDC_ROLE_MAP,
        OIDC_PROVIDER_NAME,
      },
    },
  ],
});
