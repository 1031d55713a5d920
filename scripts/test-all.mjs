// The type check and the lint side by side, then every test, in two lanes side by side, each a few vitest runs one
// after the other: the demo seed's volumes, the browser journeys (two files at a time, each with its own app and
// Chromium) and the pure rules; and the database tests on PGlite, then again on PostgreSQL when POSTGRES_TEST_URL is
// set. The lanes are separate vitest processes because vitest runs its projects one after another, and are balanced
// by time on two cores: with the seed in the database lane a full run (`.ci/run`, 903 s) had its lanes take 657 s and
// 834 s; with the seed moved and the pure rules last in the database lane, 693 s and 813 s. Each line is prefixed
// with its run's name; every run goes ahead even when one before it fails, and the exit code is the first failure's.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// One PGlite template for the db and e2e projects, built by whichever asks first (test/support/global-setup.ts).
const templates = mkdtempSync(join(tmpdir(), 'threshold-templates-'));

const vitest = (name, args, env = {}) => ({ name, cmd: 'npx', args: ['vitest', 'run', ...args], env });

const lanes = [
  {
    name: 'seed, browser and unit',
    steps: [vitest('seed', ['--project', 'seed']), vitest('browser', ['--project', 'e2e']), vitest('unit', ['--project', 'unit'])],
  },
  {
    name: 'database',
    steps: [
      vitest('database', ['--project', 'db']),
      ...(process.env.POSTGRES_TEST_URL ? [{ name: 'postgres', cmd: 'node', args: ['scripts/test-postgres.mjs'], env: {} }] : []),
    ],
  },
];

function run(step) {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, {
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0', TEST_TEMPLATE_DIR: templates, ...step.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) process.stdout.write(`[${step.name}] ${line}\n`);
      });
      stream.on('end', () => pending && process.stdout.write(`[${step.name}] ${pending}\n`));
    }
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const started = Date.now();
// tsc and ESLint first, at the same time: a change that does not type-check or lint stops here, before the tests.
const checks = [
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '-p', '.'], env: {} },
  { name: 'lint', cmd: 'npx', args: ['eslint', '.'], env: {} },
];
const checked = await Promise.all(checks.map(async (c) => ({ name: c.name, code: await run(c) })));
for (const c of checked) console.log(`${c.name}: ${c.code === 0 ? 'passed' : `FAILED (exit ${c.code})`}`);
const failedCheck = checked.find((c) => c.code !== 0);
if (failedCheck) {
  rmSync(templates, { recursive: true, force: true });
  process.exit(failedCheck.code);
}
console.log(`Checks finished in ${Math.round((Date.now() - started) / 1000)} s`);
const results = (
  await Promise.all(
    lanes.map(async (lane) => {
      // Every run goes ahead after one fails, so one run of the command reports every failure.
      const done = [];
      for (const step of lane.steps) {
        const at = Date.now();
        const code = await run(step);
        done.push({ name: step.name, code, seconds: Math.round((Date.now() - at) / 1000) });
      }
      return done;
    }),
  )
).flat();
rmSync(templates, { recursive: true, force: true });
const seconds = Math.round((Date.now() - started) / 1000);
for (const r of results) console.log(`${r.name} tests: ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`} in ${r.seconds} s`);
console.log(`All tests finished in ${seconds} s`);
process.exit(results.find((r) => r.code !== 0)?.code ?? 0);
