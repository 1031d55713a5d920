/**
 * npm run audit:verify — recomputes every audit hash chain and checks the keyed checkpoints (with
 * AUDIT_CHECKPOINT_KEY, or the key derived from THRESHOLD_SECRET outside production): reports any altered,
 * inserted or removed event, a chain recomputed without the key, and newest events removed. Events not sealed yet
 * are counted, and are a problem only when older than the tolerance (the sealer is not running).
 * Exit code 0 when every chain is intact, 1 when not, 2 when it could not check (for cron or monitoring).
 * Options:
 *   --expect-head <chain>=<hash>        (repeatable) also check the chain still holds a head recorded earlier
 *   --unsealed-tolerance-minutes <n>    how old an unsealed event may be (default 10)
 */
import { loadConfig } from '../config.js';
import { runCli } from './run.js';
import { openConfiguredDatabase } from '../db/prepare.js';
import { AuditTrail, DEFAULT_UNSEALED_TOLERANCE_MS } from '../platform/audit.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const expected = new Map<string, string>();
  let toleranceMs = DEFAULT_UNSEALED_TOLERANCE_MS;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--expect-head') {
      const [chain, hash] = String(args[i + 1] ?? '').split('=');
      if (!chain || !hash) throw new Error('--expect-head needs <chain>=<hash>');
      expected.set(chain, hash);
      i += 1;
    } else if (args[i] === '--unsealed-tolerance-minutes') {
      const minutes = Number(args[i + 1]);
      if (!(minutes >= 0)) throw new Error('--unsealed-tolerance-minutes needs a number of minutes');
      toleranceMs = minutes * 60_000;
      i += 1;
    } else {
      throw new Error(`unknown option ${String(args[i])}`);
    }
  }
  const config = loadConfig();
  const handle = await openConfiguredDatabase(config);
  try {
    const trail = new AuditTrail(handle.db, () => new Date());
    const result = await trail.verify({ checkpointKey: config.auditCheckpointKey, unsealedToleranceMs: toleranceMs });
    for (const [chain, hash] of expected) {
      const found = result.heads[chain];
      if (found === undefined) result.problems.push({ chain, seq: 0, problem: 'the expected chain is missing' });
      else if (found !== hash && !(await trail.chainContains(chain, hash))) {
        result.problems.push({ chain, seq: 0, problem: 'the chain no longer contains the expected head: rows at its end were removed or rewritten' });
      }
    }
    console.log(`Checked ${result.checked} audit events in ${result.chains} chain(s), and ${result.checkpoints.checked} checkpoint(s) with the checkpoint key.`);
    for (const [chain, hash] of Object.entries(result.heads)) console.log(`head ${chain}=${hash}`);
    if (result.checkpoints.newestAt) console.log(`Newest checkpoint made at ${result.checkpoints.newestAt.toISOString()}.`);
    if (result.unsealed.count > 0) {
      console.log(`${result.unsealed.count} event(s) not sealed yet, the oldest written at ${result.unsealed.oldestAt!.toISOString()}.`);
    }
    if (result.problems.length === 0) {
      console.log('The audit trail is intact.');
      return 0;
    }
    console.error(`The audit trail is not intact: ${result.problems.length} problem(s).`);
    for (const p of result.problems.slice(0, 50)) console.error(`  chain ${p.chain}, event ${p.seq}: ${p.problem}`);
    return 1;
  } finally {
    await handle.close();
  }
}

runCli('audit:verify', main, 2);
