/**
 * The person register's published events. A merge moves the register's own rows itself; rows that other
 * capabilities hold about a person (a contact's subjects, …) are moved by those capabilities, subscribed here in
 * `services.ts`, inside the merge's transaction. What each subscriber reports is kept with the merge and handed back
 * to it when the merge is undone, so it can move exactly those rows back.
 */
import { type Actor } from '../../platform/audit.js';
import { Topic } from '../../platform/events.js';

export interface Merging {
  tenantId: string;
  survivorId: string;
  mergedId: string;
}

export interface PersonMerged extends Merging {
  actor: Actor & { tenantId: string; userId: string };
}

export interface MergeUndone extends Merging {
  actor: Actor & { tenantId: string; userId: string };
  /** What each subscriber reported when the merge was made, by subscriber name. */
  reported: Record<string, Record<string, unknown>>;
}

export class PeopleEvents {
  readonly merged = new Topic<Merging, PersonMerged>('person.merged');
  readonly mergeUndone = new Topic<Merging, MergeUndone>('person.merge_undone');
}
