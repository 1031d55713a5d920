import { defineConfig } from 'vitest/config';

// The sweeps over every route, role and record (access matrix, route walk, hostile input, fuzzing, the SQL and
// record rules agreeing, the refusals reproduced) and the tests of the pages' frame and headers (layout, navigation,
// the public site's separation, input safety, security headers, shutdown) test the application's HTTP surface and
// rules, not the database engine. When the test command is about to run the database tests again on a PostgreSQL
// server (POSTGRES_TEST_URL set, this being the PGlite pass), they run once, there; without a server they run here,
// on PGlite. (On PGlite each file costs a copy of the database: about 6 s a file in a busy run.)
const ONCE_ON_POSTGRES = [
  'test/record-access-matrix.test.ts',
  'test/route-walk/**',
  'test/hostile-input.test.ts',
  'test/fuzz.test.ts',
  'test/access-consistency.test.ts',
  'test/refusals.test.ts',
  'test/layout.test.ts',
  'test/navigation.test.ts',
  'test/public-site-separation.test.ts',
  'test/input-safety.test.ts',
  'test/graceful-shutdown.test.ts',
  'src/platform/security.test.ts',
];
const SEED_TESTS = 'src/db/seed/**/*.test.ts';
const sweepsLater = Boolean(process.env.POSTGRES_TEST_URL) && !process.env.TEST_DATABASE_URL;

// Four projects: pure rules (no database), routes and services against a real database (PGlite by default,
// PostgreSQL when TEST_DATABASE_URL is set), the demo seed's volumes (on PGlite, at the seeds' scale), and browser
// journeys in Debian's Chromium.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/domain/**/*.test.ts', 'src/**/*presenters.test.ts', 'src/**/*.unit.test.ts', 'test/*.unit.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'db',
          // A ceiling for a hung test, not a measure: in a full run on two cores the database tests share the machine
          // with the browser journeys, and the slowest took 19 s of the default 30 (one file alone: 4 s).
          testTimeout: 60_000,
          // Files in one worker share loaded modules (each still builds its own app and database): importing the
          // application again for every file cost about two minutes of a run.
          isolate: false,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['src/domain/**', 'src/**/*presenters.test.ts', 'src/**/*.unit.test.ts', 'test/*.unit.test.ts', 'test/e2e/**', SEED_TESTS, ...(sweepsLater ? ONCE_ON_POSTGRES : [])],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The demo seed's own volumes and rates, on a borough seeded at the seeds' volumes (scale 1, as `npm start`
          // seeds it); everything else runs on a smaller borough (test/support/demo-scale.ts).
          name: 'seed',
          isolate: false,
          include: [SEED_TESTS],
          env: { TEST_DEMO_SCALE: '1' },
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 240_000,
          // Two journeys at a time, each with its own app, database and Chromium: one journey used less than one
          // core (it waits on the browser and the app in turn), and one at a time was the run's longest lane.
          maxWorkers: 2,
          isolate: false,
        },
      },
    ],
  },
});
