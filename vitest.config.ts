import { defineConfig } from 'vitest/config';

/**
 * `npm test`: every test except the slow end-to-end proofs in test/proof/ (`npm run test:proof`,
 * vitest.proof.config.ts); .ci/run runs both.
 *
 * maxWorkers: vitest's default is one worker per CPU minus one, i.e. a single worker on the 2-core
 * CI machine, and most of our test time is waiting (child processes, sockets, LibreOffice, timers),
 * not computing. Three workers keep both cores busy while the others wait.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/proof/**', '**/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    maxWorkers: 3,
  },
});
