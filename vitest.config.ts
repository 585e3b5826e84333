import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests run hundreds of expansions; keep them deterministic and give them room on a shared machine.
    testTimeout: 60_000,
  },
});
