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

  /**
   * Households for everyone with a current address who has never been in one (after an upgrade or a bulk load).
   * Returns how many people were placed. People taken out of a household by hand keep their record and are skipped.
   */
  async deriveMissing(tenantId: string): Promise<number> {
    let placed = 0;
    const today = this.today();
    let after: string | undefined;
    for (;;) {
      const batch = await repo.currentAddressesWithoutHousehold(this.db, tenantId, 5000, after);
      if (batch.length === 0) return placed;
      after = batch[batch.length - 1]!.person_id;
      await transaction(this.db, (tx) =>
        repo.joinDerivedInBulk(tx, tenantId, batch.map((b) => ({ personId: b.person_id, key: repo.addressKey(b) })), today),
      );
      placed += batch.length;
    }
  }

  householdsOf(personId: string) {
    return repo.householdsOf(this.db, personId);
  }

  /** Adds a person to a household by hand (in the caller's transaction); does nothing if they are in it already. */
  async addByHand(tx: Database, actor: Actor & { tenantId: string; userId: string }, householdId: string, personId: string): Promise<void> {
    const member = await repo.membership(tx, householdId, personId);
    if (member && member.to_date === null) return;
    await repo.join(tx, { tenantId: actor.tenantId, householdId, personId, source: 'manual', fromDate: this.today(), createdByUserId: actor.userId });
    await this.audit.record(tx, actor, { action: 'household.member_added', recordType: 'person', recordId: personId, details: { householdId } });
  }

  /** Puts someone in the household a person lives in now (the one at their address first). False if they have none. */
  async joinSameHousehold(tx: Database, actor: Actor & { tenantId: string; userId: string }, personId: string, otherPersonId: string): Promise<boolean> {
    const householdId = await repo.currentHouseholdOf(tx, personId);
    if (!householdId) return false;
    await this.addByHand(tx, actor, householdId, otherPersonId);
    return true;
  }

  /** Whether a person lives in a household now (so others can be added to it). */
  async hasHousehold(personId: string): Promise<boolean> {
    return (await repo.currentHouseholdOf(this.db, personId)) !== null;
  }

  async removeByHand(actor: Actor & { tenantId: string }, householdId: string, personId: string): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      const removed = await repo.removeByHand(tx, householdId, personId, this.today());
      if (removed) await this.audit.record(tx, actor, { action: 'household.member_removed', recordType: 'person', recordId: personId, details: { householdId } });
      return removed;
    });
  }
}
