import { configDefaults, defineConfig } from 'vitest/config';

// Two projects: the Node tests, and the Worker's tests inside workerd (their own config, next to them).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/worker/**'],
          // Property tests run hundreds of expansions; keep them deterministic and give them room on a shared machine.
          testTimeout: 60_000,
        },
      },
      'test/worker/vitest.config.ts',
    ],
  },
});
