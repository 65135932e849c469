import { defineConfig } from 'vitest/config'

/** `npm run test:faults`: the real app as child processes, killed and starved on purpose (not part of `npm test`). */
export default defineConfig({
  test: {
    name: 'faults',
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 1_200_000,
    env: { DISABLE_PAYLOAD_HMR: 'true' },
  },
})
