/**
 * Actions agreed for a domestic abuse household, at the daily triage meeting (MADA) or at MARAC: the one writer of
 * `da_action`, which domestic abuse owns (src/db/schema/owners.json). MARAC adds and completes its actions through
 * this service (it implements `MaracActionWriter`, the seam MARAC declares, since MARAC may not import domestic
 * abuse, which builds on it). Every method runs in the caller's transaction; the caller writes the audit event.
 */
import { type Database } from '../../db/client.js';
import { type MaracActionInput, type MaracActionWriter } from '../marac/service.js';
import * as repo from './repository.js';

export interface MadaActionInput {
  tenantId: string;
  daCaseId: string;
  meetingId: string;
  description: string;
  ownerAgencyId: string;
  dueOn: string;
  createdByUserId: string;
}

export class DaActionService implements MaracActionWriter {
  /** The actions of a MADA decision (none is fine). */
  async addMadaActions(tx: Database, actions: readonly MadaActionInput[]): Promise<void> {
    await repo.insertActions(
      tx,
      actions.map((a) => ({ ...a, forum: 'mada' })),
    );
  }

  /** A MADA action marked done by its owning agency, unless it is not theirs or already done: its DA case, or null. */
  completeMadaAction(tx: Database, done: { tenantId: string; agencyId: string; id: string; userId: string; note: string; at: Date }): Promise<string | null> {
    return repo.completeMadaAction(tx, done.tenantId, done.agencyId, done.id, done.userId, done.note, done.at);
  }

  /** An action agreed at a MARAC meeting for a referral: its id. */
  addMaracAction(tx: Database, action: MaracActionInput): Promise<string> {
    return repo.insertAction(tx, { ...action, forum: 'marac' });
  }

  /** A MARAC action marked done unless it already is (MARAC has checked the owner): whether it was. */
  completeMaracAction(tx: Database, id: string, done: { userId: string; at: Date; note: string }): Promise<boolean> {
    return repo.completeMaracAction(tx, id, done);
  }
}
