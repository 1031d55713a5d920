/**
 * Merging two records of the same person: everything linked to the merged record (names, identifiers, addresses,
 * contact details, relationships, contacts, households) moves to the survivor, in one transaction, audited on
 * both records. Undoing a merge moves exactly those rows back and restores what the merge removed.
 */
import { type Database, transaction } from '../../db/client.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type IdentityService } from './identity.js';
import * as identityRepo from './identity-repository.js';
import * as repo from './merge-repository.js';
import { type PeopleEvents } from './events.js';

type UserActor = Actor & { userId: string; tenantId: string };

export class MergeService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly identity: IdentityService,
    private readonly events: PeopleEvents,
    private readonly now: () => Date,
  ) {}

  /** The area a merge was made in (its record rule's facts). */
  async mergeArea(id: string): Promise<{ tenantId: string } | undefined> {
    const row = await repo.mergeArea(this.db, id);
    return row ? { tenantId: row.tenant_id } : undefined;
  }

  async merge(actor: UserActor, survivorId: string, mergedId: string, options: { reason: string | null; duplicateId?: string }): Promise<{ problem: string } | { mergeId: string }> {
    if (survivorId === mergedId) return { problem: 'Choose two different records' };
    const [s, m] = await Promise.all([repo.personState(this.db, survivorId), repo.personState(this.db, mergedId)]);
    if (!s || !m || s.tenant_id !== actor.tenantId || m.tenant_id !== actor.tenantId) return { problem: 'One of these records does not exist in your area' };
    if (s.merged_into_person_id || m.merged_into_person_id) return { problem: 'One of these records has already been merged' };
    const now = this.now();
    const merging = { tenantId: actor.tenantId, survivorId, mergedId };
    const prepared = await this.events.merged.prepare(merging);
    const mergeId = await transaction(this.db, async (tx) => {
      const moved: repo.Moved = await repo.moveAll(tx, survivorId, mergedId);
      moved.subscribers = await this.events.merged.publish(tx, { ...merging, actor }, prepared);
      await repo.markMerged(tx, mergedId, survivorId, now);
      const id = await repo.recordMerge(tx, { tenantId: actor.tenantId, survivorId, mergedId, moved, reason: options.reason, mergedByUserId: actor.userId, mergedAt: now });
      if (options.duplicateId) await identityRepo.decideDuplicate(tx, options.duplicateId, 'merged', actor.userId, now, options.reason);
      await this.identity.dropProfile(mergedId, tx);
      await this.identity.refresh(actor.tenantId, [survivorId], tx);
      await this.audit.record(tx, actor, { action: 'person.merged_into', recordType: 'person', recordId: mergedId, reason: options.reason ?? undefined, details: { survivorId, mergeId: id } });
      await this.audit.record(tx, actor, { action: 'person.merged_from', recordType: 'person', recordId: survivorId, reason: options.reason ?? undefined, details: { mergedId, mergeId: id } });
      return id;
    });
    return { mergeId };
  }

  async undo(actor: UserActor, mergeId: string): Promise<{ problem: string } | { survivorId: string; mergedId: string }> {
    const merge = await repo.getMerge(this.db, actor.tenantId, mergeId);
    if (!merge) return { problem: 'There is no such merge in your area' };
    if (merge.undoneAt) return { problem: 'This merge has already been undone' };
    const moved = merge.moved as repo.Moved;
    const merging = { tenantId: actor.tenantId, survivorId: merge.survivorId, mergedId: merge.mergedId };
    const prepared = await this.events.mergeUndone.prepare(merging);
    await transaction(this.db, async (tx) => {
      if (!(await repo.markUndone(tx, mergeId, actor.userId, this.now()))) throw new Error('merge changed while undoing');
      await repo.moveBack(tx, merge.mergedId, moved);
      // A merge made before subscribers reported what they moved kept the contacts' subjects at the top level.
      const reported = moved.subscribers ?? { contactSubjects: { subjects: moved.subjects ?? [], subjectsRemoved: moved.subjectsRemoved ?? [] } };
      await this.events.mergeUndone.publish(tx, { ...merging, actor, reported }, prepared);
      await repo.markMerged(tx, merge.mergedId, null, null);
      await this.identity.refresh(actor.tenantId, [merge.survivorId, merge.mergedId], tx);
      await this.audit.record(tx, actor, { action: 'person.unmerged', recordType: 'person', recordId: merge.mergedId, details: { survivorId: merge.survivorId, mergeId } });
      await this.audit.record(tx, actor, { action: 'person.unmerged', recordType: 'person', recordId: merge.survivorId, details: { mergedId: merge.mergedId, mergeId } });
    });
    return { survivorId: merge.survivorId, mergedId: merge.mergedId };
  }

  async notTheSame(actor: UserActor, duplicateId: string, reason: string | null): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      const done = await identityRepo.decideDuplicate(tx, duplicateId, 'not_same', actor.userId, this.now(), reason);
      if (done) await this.audit.record(tx, actor, { action: 'duplicate.not_the_same', recordType: 'duplicate', recordId: duplicateId, reason: reason ?? undefined });
      return done;
    });
  }

  mergesInto(survivorId: string, db: Database = this.db) {
    return repo.mergesInto(db, survivorId);
  }
}
