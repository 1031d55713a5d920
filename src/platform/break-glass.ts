/**
 * Break glass: opening a restricted record needs a stated reason. The reason is kept, audited, valid for an hour
 * for that user and record, and listed for managers.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import { type Database, rows, transaction } from '../db/client.js';
import { breakGlass } from '../db/schema/index.js';
import { type Actor, type AuditTrail } from './audit.js';

export const BREAK_GLASS_MINUTES = 60;

export type RestrictedRecordType = 'contact' | 'person' | 'adult_concern' | 'csc_referral' | 'lado_allegation';

export class BreakGlass {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly now: () => Date,
  ) {}

  async isOpen(userId: string, recordType: RestrictedRecordType, recordId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: breakGlass.id })
      .from(breakGlass)
      .where(and(eq(breakGlass.userId, userId), eq(breakGlass.recordType, recordType), eq(breakGlass.recordId, recordId), gt(breakGlass.expiresAt, this.now())))
      .limit(1);
    return !!row;
  }

  async open(actor: Actor & { userId: string; tenantId: string }, recordType: RestrictedRecordType, recordId: string, reason: string): Promise<void> {
    const now = this.now();
    await transaction(this.db, async (tx) => {
      await tx.insert(breakGlass).values({
        tenantId: actor.tenantId,
        userId: actor.userId,
        recordType,
        recordId,
        reason,
        openedAt: now,
        expiresAt: new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000),
      });
      await this.audit.record(tx, actor, { action: 'break_glass.opened', recordType, recordId, reason });
    });
  }

  /** Break-glass openings in an area, newest first, for managers. */
  report(tenantId: string, since: Date) {
    return rows<{ opened_at: string; record_type: string; record_id: string; reason: string; display_name: string; agency_name: string }>(
      this.db,
      sql`select b.opened_at, b.record_type, b.record_id, b.reason, u.display_name, a.name as agency_name
            from break_glass b join app_user u on u.id = b.user_id join agency a on a.id = u.agency_id
           where b.tenant_id = ${tenantId} and b.opened_at >= ${since.toISOString()}
           order by b.opened_at desc, b.id limit 500`,
    );
  }
}
