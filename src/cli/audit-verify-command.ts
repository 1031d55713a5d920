/**
 * What `npm run audit:verify` does (src/cli/audit-verify.ts runs it as a command): recomputes every audit hash
 * chain and checks the keyed checkpoints, writing its report through `print`. Returns the exit code: 0 when every
 * chain is intact, 1 when not. Bad options throw (the command exits 2: it could not check).
 */
import { type Config } from '../config.js';
import { type DbHandle } from '../db/client.js';
import { openConfiguredDatabase } from '../db/prepare.js';
import { AuditTrail, DEFAULT_UNSEALED_TOLERANCE_MS } from '../platform/audit.js';

export interface Printer {
  out(line: string): void;
  err(line: string): void;
}

export interface VerifyOptions {
  expected: Map<string, string>;
  toleranceMs: number;
}

/** The command's options: `--expect-head <chain>=<hash>` (repeatable) and `--unsealed-tolerance-minutes <n>`. */
export function parseVerifyArgs(args: readonly string[]): VerifyOptions {
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
  return { expected, toleranceMs };
}

/** `open`: the configured database by default (a test may give it one already open). */
export async function verifyAuditTrail(
  config: Config,
  args: readonly string[],
  print: Printer,
  open: () => Promise<DbHandle> = () => openConfiguredDatabase(config),
): Promise<number> {
  const { expected, toleranceMs } = parseVerifyArgs(args);
  const handle = await open();
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
    print.out(`Checked ${result.checked} audit events in ${result.chains} chain(s), and ${result.checkpoints.checked} checkpoint(s) with the checkpoint key.`);
    for (const [chain, hash] of Object.entries(result.heads)) print.out(`head ${chain}=${hash}`);
    if (result.checkpoints.newestAt) print.out(`Newest checkpoint made at ${result.checkpoints.newestAt.toISOString()}.`);
    if (result.unsealed.count > 0) {
      print.out(`${result.unsealed.count} event(s) not sealed yet, the oldest written at ${result.unsealed.oldestAt!.toISOString()}.`);
    }
    if (result.problems.length === 0) {
      print.out('The audit trail is intact.');
      return 0;
    }
    print.err(`The audit trail is not intact: ${result.problems.length} problem(s).`);
    for (const p of result.problems.slice(0, 50)) print.err(`  chain ${p.chain}, event ${p.seq}: ${p.problem}`);
    return 1;
  } finally {
    await handle.close();
  }
}
