/**
 * The hand-off to adult safeguarding: when a children's front door's decision "hand off to adult safeguarding" is
 * authorised, the contact is shared with the area's adult front door, so its team can open the original. The front
 * door's own subscriber to "decision authorised" (registered in `services.ts` like any other); adult safeguarding's
 * capability subscribes beside it and makes the concern on the adult team's worklist (and tells its workers).
 */
import { type AuditTrail } from '../../platform/audit.js';
import { type Subscriber } from '../../platform/events.js';
import { type OrganisationService } from '../organisations/service.js';
import { type ContactService } from './contact-service.js';
import { type Authorising, type DecisionAuthorised } from './events.js';

interface HandOff {
  agencyId: string;
}

export function adultHandOffSubscriber(contacts: Pick<ContactService, 'shareIn'>, organisations: Pick<OrganisationService, 'frontDoor'>, audit: AuditTrail): Subscriber<Authorising, DecisionAuthorised, HandOff> {
  return {
    name: 'adultHandOff',
    wants: (event) => event.outcome === 'adult_safeguarding',
    prepare: async (before) => {
      if (before.outcome !== 'adult_safeguarding') return undefined;
      const door = await organisations.frontDoor(before.tenantId, 'adult');
      if (!door || door.id === before.owningAgencyId) return undefined;
      return { agencyId: door.id };
    },
    handle: async (tx, event, handOff) => {
      if (!handOff) return;
      await contacts.shareIn(tx, event.actor, event.contactId, handOff.agencyId, 'Handed off to adult safeguarding');
      await audit.record(tx, event.actor, { action: 'contact.handed_off', recordType: 'contact', recordId: event.contactId, details: { agencyId: handOff.agencyId } });
    },
  };
}
