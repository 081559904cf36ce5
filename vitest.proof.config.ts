import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * `npm run test:proof`: the slow end-to-end proofs (test/proof/: crashes, faults, fuzzing, logs,
 * permissions through the real service, the offline bundle). Run by .ci/run after `npm test`.
 */
export default defineConfig({
  test: { ...base.test, include: ['test/proof/**/*.test.ts'], exclude: ['**/node_modules/**'] },
});
