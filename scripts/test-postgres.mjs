// Runs the database tests a second time against a real PostgreSQL server when POSTGRES_TEST_URL is set
// (.ci/run starts one on loopback). Without it, says so and succeeds: the PGlite run has already covered them.
import { spawnSync } from 'node:child_process';

const url = process.env.POSTGRES_TEST_URL;
if (!url) {
  console.log('POSTGRES_TEST_URL is not set: database tests ran on PGlite only (see docs/testing.md to add PostgreSQL).');
  process.exit(0);
}
console.log('Running the database tests again on PostgreSQL…');
const result = spawnSync('npx', ['vitest', 'run', '--project', 'db'], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(result.status ?? 1);
