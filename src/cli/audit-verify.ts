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
import { verifyAuditTrail } from './audit-verify-command.js';

runCli('audit:verify', async () => verifyAuditTrail(loadConfig(), process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }), 2);
