/**
 * Households: people who share a current address live together, unless someone took them out by hand; others
 * can be added by hand (a partner who stays most nights, a child placed with relatives).
 */
import { type Database, transaction } from '../../db/client.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import * as repo from './household-repository.js';

export class HouseholdService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly today: () => string,
  ) {}

  /** Puts a person in the household of their current address (in the caller's transaction). */
  async sync(tx: Database, tenantId: string, personId: string): Promise<void> {
    const address = await repo.currentAddress(tx, personId);
    if (!address) {
      await repo.leaveOtherDerived(tx, personId, null, this.today());
      return;
    }
    const householdId = await repo.householdFor(tx, tenantId, repo.addressKey(address));
    await repo.leaveOtherDerived(tx, personId, householdId, this.today());
    const member = await repo.membership(tx, householdId, personId);
    if (member && (member.to_date === null || member.removed_by_hand)) return;
    await repo.join(tx, { tenantId, householdId, personId, source: 'address', fromDate: this.today(), createdByUserId: null });
  }

  householdsOf(personId: string) {
    return repo.householdsOf(this.db, personId);
  }

  async addByHand(actor: Actor & { tenantId: string; userId: string }, householdId: string, personId: string): Promise<void> {
    await transaction(this.db, async (tx) => {
      const member = await repo.membership(tx, householdId, personId);
      if (member && member.to_date === null) return;
      await repo.join(tx, { tenantId: actor.tenantId, householdId, personId, source: 'manual', fromDate: this.today(), createdByUserId: actor.userId });
      await this.audit.record(tx, actor, { action: 'household.member_added', recordType: 'person', recordId: personId, details: { householdId } });
    });
  }

  async removeByHand(actor: Actor & { tenantId: string }, householdId: string, personId: string): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      const removed = await repo.removeByHand(tx, householdId, personId, this.today());
      if (removed) await this.audit.record(tx, actor, { action: 'household.member_removed', recordType: 'person', recordId: personId, details: { householdId } });
      return removed;
    });
  }
}
