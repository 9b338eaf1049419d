import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname), 'server-only': path.resolve(__dirname, 'lib/test/server-only-stub.ts') } },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'e2e/**', '.next*/**', 'bench/tmp/**'],
    globalSetup: ['./lib/test/global-setup.ts'],
    setupFiles: ['./lib/test/setup-db.ts'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
