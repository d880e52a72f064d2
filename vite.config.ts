import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { port: 5173 },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'engine',
          include: ['test/engine/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/worker/**/*.test.ts'],
          environment: 'node',
          // Two files at a time, as the browser files: one at a time left a core idle for the
          // first few minutes of CI. A simulation-heavy test (Little's law over replications,
          // 4.6 s alone) shares its core then, so it gets 30 s, not Vitest's 5 s.
          maxWorkers: 2,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'app',
          include: ['test/app/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/app/setup.ts'],
          // Vitest's 5 s suits a unit test, not recharts drawn in jsdom: compare-chart's crossover
          // test (two charts drawn) took 2–6.7 s on a loaded 2-core machine (two CPU hogs) and
          // timed out there. A test that passes is not slowed by this; one that hangs still fails.
          testTimeout: 30_000,
          // Its group's worker count (the engine's, above).
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          // expect.poll waits for a state the page reaches when it gets to it; Vitest's default of
          // 1 s failed checks of a state that was only late, on a loaded CI machine. A poll that
          // passes returns at once, so this costs time only when a check fails.
          expect: { poll: { timeout: 15_000 } },
          // Two files at a time against the one build and the one Chromium of global-setup.ts: a
          // browser test mostly waits on the page, so two share the two cores well (about 550 s
          // instead of 950 s one after another). After the engine and app files (their own group:
          // Vitest runs a group at a time, and each group has one worker count).
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
