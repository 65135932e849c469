import { defineConfig } from 'vitest/config'

/**
 * unit: pure functions. int: real PostgreSQL (a throw-away embedded server per run, a fresh
 * migrated database per test file). e2e: the real server and real Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'collections/**/*.unit.test.ts'],
          environment: 'node',
        },
      },
      {
        // Admin components (.tsx) rendered in tests: tsconfig's `jsx: preserve` is for Next's own build.
        oxc: { jsx: { runtime: 'automatic' } },
        test: {
          name: 'int',
          include: ['tests/int/**/*.test.ts', 'collections/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // Tests create and log in many accounts from one address; tests/int/rate-limits.test.ts switches limits on.
          env: { DISABLE_PAYLOAD_HMR: 'true', PAYLOAD_SECRET: 'test-secret-0123456789abcdef0123456789', RATE_LIMITS: 'off' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/e2e-setup.ts'],
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 600_000,
          // Tests create and log in many accounts from one address; tests/int/rate-limits.test.ts switches limits on.
          env: { DISABLE_PAYLOAD_HMR: 'true', PAYLOAD_SECRET: 'test-secret-0123456789abcdef0123456789', RATE_LIMITS: 'off' },
        },
      },
    ],
  },
})
