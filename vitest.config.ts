import { defineConfig } from 'vitest/config';

// Three projects: pure rules (no database), routes and services against a real database (PGlite by default,
// PostgreSQL when TEST_DATABASE_URL is set), and browser journeys in Debian's Chromium.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/domain/**/*.test.ts', 'src/**/presenters.test.ts', 'src/**/*.unit.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['src/domain/**', 'src/**/presenters.test.ts', 'src/**/*.unit.test.ts', 'test/e2e/**'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
