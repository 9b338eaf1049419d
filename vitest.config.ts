import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname), 'server-only': path.resolve(__dirname, 'lib/testing/server-only-stub.ts') } },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'e2e/**', '.next*/**', 'bench/tmp/**'],
    globalSetup: ['./lib/testing/global-setup.ts'],
    setupFiles: ['./lib/testing/setup-db.ts'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
