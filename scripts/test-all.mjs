// The type check and the lint side by side (about 20 s and 35 s alone, one after the other the first minute of a
// run), then every test, in two lanes side by side: the browser journeys (two files at a time, each with its own app and
// Chromium) then the pure rules, and the database lane (the demo seed's volumes, the database tests on PGlite, then
// again on PostgreSQL when POSTGRES_TEST_URL is set). The lanes are separate vitest processes because vitest runs its
// projects one after another; run one after the other, the journeys were the last six minutes of a run with a core
// idle. Each lane's lines are prefixed; every step runs, and the exit code is the first failure's.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// One PGlite template for the db and e2e projects, built by whichever asks first (test/support/global-setup.ts).
const templates = mkdtempSync(join(tmpdir(), 'threshold-templates-'));

const vitest = (args, env = {}) => ({ cmd: 'npx', args: ['vitest', 'run', ...args], env });

const lanes = [
  { name: 'browser', steps: [vitest(['--project', 'e2e']), vitest(['--project', 'unit'])] },
  {
    name: 'database',
    steps: [
      vitest(['--project', 'seed']),
      vitest(['--project', 'db']),
      ...(process.env.POSTGRES_TEST_URL ? [{ cmd: 'node', args: ['scripts/test-postgres.mjs'], env: {} }] : []),
    ],
  },
];

function run(lane, step) {
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
        for (const line of lines) process.stdout.write(`[${lane.name}] ${line}\n`);
      });
      stream.on('end', () => pending && process.stdout.write(`[${lane.name}] ${pending}\n`));
    }
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const started = Date.now();
// tsc and ESLint first, at the same time: a change that does not type-check or lint stops here, before the tests.
const checks = [
  { name: 'typecheck', steps: [{ cmd: 'npx', args: ['tsc', '-p', '.'], env: {} }] },
  { name: 'lint', steps: [{ cmd: 'npx', args: ['eslint', '.'], env: {} }] },
];
const checked = await Promise.all(checks.map(async (c) => ({ name: c.name, code: await run(c, c.steps[0]) })));
for (const c of checked) console.log(`${c.name}: ${c.code === 0 ? 'passed' : `FAILED (exit ${c.code})`}`);
const failedCheck = checked.find((c) => c.code !== 0);
if (failedCheck) {
  rmSync(templates, { recursive: true, force: true });
  process.exit(failedCheck.code);
}
console.log(`Checks finished in ${Math.round((Date.now() - started) / 1000)} s`);
const results = await Promise.all(
  lanes.map(async (lane) => {
    // Every step runs even after one fails, so one run reports every failure.
    let first = 0;
    for (const step of lane.steps) {
      const code = await run(lane, step);
      if (code !== 0 && first === 0) first = code;
    }
    return { lane: lane.name, code: first };
  }),
);
rmSync(templates, { recursive: true, force: true });
const seconds = Math.round((Date.now() - started) / 1000);
for (const r of results) console.log(`${r.lane} tests: ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`}`);
console.log(`All tests finished in ${seconds} s`);
process.exit(results.find((r) => r.code !== 0)?.code ?? 0);
