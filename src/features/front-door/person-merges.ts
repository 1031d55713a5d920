/**
 * Contacts follow their people through the register's merges: the front door's subscribers to "person merged" and
 * "merge undone" (registered in `services.ts`) move the contacts' subjects, and move exactly those back.
 */
import { type Subscriber } from '../../platform/events.js';
import { type MergeUndone, type Merging, type PersonMerged } from '../people/events.js';
import * as repo from './contact-repository.js';

const NAME = 'contactSubjects';

export function subjectsFollowMerge(): Subscriber<Merging, PersonMerged> {
  return {
    name: NAME,
    handle: async (tx, event) => ({ ...(await repo.moveSubjects(tx, event.survivorId, event.mergedId)) }),
  };
}

export function subjectsFollowUndo(): Subscriber<Merging, MergeUndone> {
  return {
    name: NAME,
    handle: async (tx, event) => {
      const moved = event.reported[NAME] as repo.SubjectsMoved | undefined;
      if (moved) await repo.moveSubjectsBack(tx, event.mergedId, { subjects: moved.subjects ?? [], subjectsRemoved: moved.subjectsRemoved ?? [] });
    },
  };
}
