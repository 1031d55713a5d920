/**
 * The hand-off to adult safeguarding: when a children's front door's decision "hand off to adult safeguarding" is
 * authorised, the area's adult front door is given the contact and its screeners are told. The front door's own
 * subscriber to "decision authorised" (registered in `services.ts` like any other), so adult safeguarding's own
 * capability can subscribe beside it without the decision's code changing.
 */
import { type AuditTrail } from '../../platform/audit.js';
import { type Subscriber } from '../../platform/events.js';
import { notifyInApp } from '../../platform/outbox.js';
import { type OrganisationService } from '../organisations/service.js';
import { type ContactService } from './contact-service.js';
import { type Authorising, type DecisionAuthorised } from './events.js';
import { contactPath } from './paths.js';

interface HandOff {
  agencyId: string;
  users: string[];
}

export function adultHandOffSubscriber(contacts: Pick<ContactService, 'shareIn'>, organisations: Pick<OrganisationService, 'frontDoor' | 'usersWith'>, audit: AuditTrail): Subscriber<Authorising, DecisionAuthorised, HandOff> {
  return {
    name: 'adultHandOff',
    wants: (event) => event.outcome === 'adult_safeguarding',
    prepare: async (before) => {
      if (before.outcome !== 'adult_safeguarding') return undefined;
      const door = await organisations.frontDoor(before.tenantId, 'adult');
      if (!door || door.id === before.owningAgencyId) return undefined;
      return { agencyId: door.id, users: (await organisations.usersWith(before.tenantId, door.id, 'contact:screen')).map((u) => u.id) };
    },
    handle: async (tx, event, handOff) => {
      if (!handOff) return;
      await contacts.shareIn(tx, event.actor, event.contactId, handOff.agencyId, 'Handed off to adult safeguarding');
      for (const userId of handOff.users) {
        await notifyInApp(tx, { tenantId: event.tenantId, userId, title: `Handed off to adult safeguarding: ${event.reference ?? ''}`, body: 'The children’s front door has handed this contact to adult safeguarding.', link: contactPath(event.contactId) });
      }
      await audit.record(tx, event.actor, { action: 'contact.handed_off', recordType: 'contact', recordId: event.contactId, details: { agencyId: handOff.agencyId } });
    },
  };
}
