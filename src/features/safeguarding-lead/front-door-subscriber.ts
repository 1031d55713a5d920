/**
 * The lead starts at the front door: when a contact is received (API, police file or form), each person it is about
 * who has no open lead gets one, in the contact's transaction: the front door that received it (its owning agency:
 * the children's front door for a contact about a child, the adults' for one about an adult) and the team its
 * screeners work in, for the work "contact". Someone who already has a lead keeps it. Subscribed to the front door's
 * "contact received" in `services.ts`; what it opened is merged into the contact's audit event.
 *
 * The people are those the contact names who are linked to the register: the notification's named people
 * (`namedPeople()`) and the contact's subjects, read through the front door's service (`takeOn`) in the transaction.
 */
import { type Database } from '../../db/client.js';
import { type Subscriber } from '../../platform/events.js';
import { type ContactReceived, type ReceivingIn, type UpdateAttached } from '../front-door/events.js';
import { type FrontDoorLeads, type SafeguardingLeadService } from './service.js';

/** The front door's service, as far as this subscriber reads it: the people a contact is about. */
export interface ContactPeople {
  takeOn(tx: Database, id: string): Promise<{ people: readonly { personId: string | null }[] } | undefined>;
}

export function safeguardingLeadSubscriber(leads: Pick<SafeguardingLeadService, 'ensureLead' | 'frontDoorLeads'>, contacts: ContactPeople): Subscriber<ReceivingIn, ContactReceived | UpdateAttached, FrontDoorLeads> {
  return {
    name: 'safeguardingLead',
    // a later notification about an incident already reported adds no one: its contact's people have their leads
    wants: (event) => event.outcome === 'created',
    prepare: (before) => leads.frontDoorLeads(before.tenantId),
    handle: async (tx, event, doors) => {
      if (event.outcome !== 'created') return;
      const door = event.contactType === 'adult' ? doors?.adult : doors?.child;
      // (a contact is received only where its front door exists: this is an area set up while it was received)
      if (!door) return { leadNotOpened: 'no_front_door' };
      const named = await event.namedPeople();
      const taken = await contacts.takeOn(tx, event.contactId);
      const people = [...new Set([...named.map((n) => n.person_id), ...(taken?.people ?? []).map((p) => p.personId)].filter((id): id is string => !!id))];
      const opened: string[] = [];
      for (const personId of people) {
        const made = await leads.ensureLead(tx, {
          tenantId: event.tenantId,
          personId,
          agencyId: door.agencyId,
          teamId: door.teamId,
          workKind: 'contact',
          workId: event.contactId,
          since: event.receivedAt,
          reason: `${event.contactType === 'adult' ? 'The adults’' : 'The children’s'} front door received contact ${event.reference}`,
          setByUserId: event.actor.userId,
        });
        if (made.opened) opened.push(personId);
      }
      return opened.length ? { leadsOpenedFor: opened, leadAgencyId: door.agencyId, leadTeamId: door.teamId } : undefined;
    },
  };
}
