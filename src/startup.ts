/**
 * After the database is migrated (and perhaps seeded): make sure the matching engine knows every person and everyone with an address is in a household, estimate
 * its parameters from the register where there is none yet, and, for a freshly seeded demo, fill the
 * possible-duplicates queue. Safe to run at every start: it only does what is missing.
 */
import { sql } from 'drizzle-orm';
import { rows } from './db/client.js';
import { MIN_REGISTER_FOR_TRAINING } from './features/people/identity.js';
import { SYSTEM_ACTOR } from './platform/audit.js';
import { type Services } from './services.js';

export async function readyTheRegister(services: Pick<Services, 'db' | 'identity' | 'households'>, options: { seeded: boolean; log?: (message: string) => void }): Promise<void> {
  const tenants = await rows<{ id: string; has_model: boolean }>(
    services.db,
    sql`select t.id, exists (select 1 from match_model m where m.tenant_id = t.id) as has_model from tenant t`,
  );
  for (const t of tenants) {
    const built = await services.identity.rebuildMissing(t.id);
    if (built) options.log?.(`matching profiles built for ${built} people`);
    const placed = await services.households.deriveMissing(t.id);
    if (placed) options.log?.(`households derived for ${placed} people`);
    const size = (await rows<{ n: number }>(services.db, sql`select count(*) as n from person_match_profile where tenant_id = ${t.id}`))[0]?.n ?? 0;
    if (!t.has_model && size >= MIN_REGISTER_FOR_TRAINING) {
      const result = await services.identity.train(SYSTEM_ACTOR, t.id);
      options.log?.(`matching model: ${result.source}`);
    }
    if (options.seeded) {
      const scan = await services.identity.scanDuplicates(SYSTEM_ACTOR, t.id);
      options.log?.(`possible duplicates queued: ${scan.queued}`);
    }
  }
}
