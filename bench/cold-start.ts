/**
 * Cold start of `npm start` on an empty data folder: the time from launching the process to /health/ready
 * answering, including migrations and seeding the demo borough. Runs the real command in a child process.
 *
 *   npx tsx bench/cold-start.ts [--runs 3]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3);
const port = 3900 + Math.floor(Math.random() * 90);

async function once(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'threshold-cold-'));
  const started = Date.now();
  const child = spawn('npm', ['start'], { env: { ...process.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: 'ignore', detached: true });
  try {
    for (;;) {
      if (Date.now() - started > 120_000) throw new Error('did not become ready within 2 minutes');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
        if (res.ok) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    rmSync(dir, { recursive: true, force: true });
  }
}

const times: number[] = [];
for (let i = 0; i < runs; i += 1) {
  const ms = await once();
  times.push(ms);
  console.log(`run ${i + 1}: ready in ${(ms / 1000).toFixed(1)} s`);
}
times.sort((a, b) => a - b);
console.log(`cold start (empty data folder → /health/ready): median ${(times[Math.floor(times.length / 2)]! / 1000).toFixed(1)} s over ${runs} runs`);
