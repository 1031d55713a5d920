/**
 * npm run audit:verify — recomputes every audit hash chain and reports any altered, inserted or removed row.
 * Exit code 0 when every chain is intact, 1 when not, 2 when it could not check (for cron or monitoring).
 * Options: --expect-head <chain>=<hash> (repeatable) to check the chain still ends where it did last time.
 */
import { loadConfig } from '../config.js';
import { runCli } from './run.js';
import { openConfiguredDatabase } from '../db/prepare.js';
import { AuditTrail } from '../platform/audit.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const expected = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--expect-head') {
      const [chain, hash] = String(args[i + 1] ?? '').split('=');
      if (!chain || !hash) throw new Error('--expect-head needs <chain>=<hash>');
      expected.set(chain, hash);
      i += 1;
    }
  }
  const config = loadConfig();
  const handle = await openConfiguredDatabase(config);
  try {
    const trail = new AuditTrail(handle.db, () => new Date());
    const result = await trail.verify();
    for (const [chain, hash] of expected) {
      const found = result.heads[chain];
      if (found === undefined) result.problems.push({ chain, seq: 0, problem: 'the expected chain is missing' });
      else if (found !== hash && !(await trail.chainContains(chain, hash))) {
        result.problems.push({ chain, seq: 0, problem: 'the chain no longer contains the expected head: rows at its end were removed or rewritten' });
      }
    }
    console.log(`Checked ${result.checked} audit events in ${result.chains} chain(s).`);
    for (const [chain, hash] of Object.entries(result.heads)) console.log(`head ${chain}=${hash}`);
    if (result.problems.length === 0) {
      console.log('The audit trail is intact.');
      return 0;
    }
    console.error(`The audit trail has been tampered with: ${result.problems.length} problem(s).`);
    for (const p of result.problems.slice(0, 50)) console.error(`  chain ${p.chain}, event ${p.seq}: ${p.problem}`);
    return 1;
  } finally {
    await handle.close();
  }
}

runCli('audit:verify', main, 2);
