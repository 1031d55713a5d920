/**
 * The LADO's subscription to the front door's seam (ADR 0010), registered in `services.ts`: every allegation against
 * someone who works with children comes through the front door (the MASH), as a contact naming an adult in a
 * position of trust. When such a contact is received (on the form, through the API or in a police file), the
 * allegation is made in the same transaction, due for the designated officer's decision within 1 working day, with
 * the contact's children; the designated officers are told.
 */
import { categoryFromConcerns } from '../../domain/lado.js';
import { type Subscriber } from '../../platform/events.js';
import { type ContactService } from '../front-door/contact-service.js';
import { type ContactReceived, type ReceivingIn, type UpdateAttached } from '../front-door/events.js';
import { type LadoService, type LadoSetUp } from './service.js';

export const POSITION_OF_TRUST = 'position_of_trust';

export function ladoAllegationSubscriber(lado: LadoService, contacts: Pick<ContactService, 'takeOn'>): Subscriber<ReceivingIn, ContactReceived | UpdateAttached, LadoSetUp> {
  return {
    name: 'ladoAllegation',
    wants: (event) => event.outcome === 'created' && (event.notification === null || event.notification.people.some((p) => p.role === POSITION_OF_TRUST)),
    // A notification that names no adult in a position of trust needs nothing read; a form's contact (no
    // notification) or a police file's run (any) may.
    prepare: async (before) => (before.notification && !before.notification.people.some((p) => p.role === POSITION_OF_TRUST) ? undefined : lado.setUp(before.tenantId)),
    handle: async (tx, event, setUp) => {
      if (!setUp || event.outcome !== 'created') return;
      const take = await contacts.takeOn(tx, event.contactId);
      if (!take || !take.people.some((p) => p.role === POSITION_OF_TRUST)) return;
      const made = await lado.takeOn(tx, setUp, {
        contactId: event.contactId,
        receivedAt: event.receivedAt,
        take,
        concerns: event.notification?.concerns ?? [],
        categoryOf: categoryFromConcerns,
        actor: event.actor,
      });
      return made && { ladoAllegationId: made.id, ladoReference: made.reference };
    },
  };
}
