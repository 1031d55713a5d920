/**
 * The agency API's answer to a notification, and its idempotent record: a subscriber to the front door's "contact
 * received" (registered in `services.ts`) stores the answer under the client's Idempotency-Key in the contact's own
 * transaction, so a contact and the answer a retry will get commit together or not at all.
 */
import { type Subscriber } from '../../platform/events.js';
import { type ContactReceived, type ReceivingIn, type UpdateAttached } from '../front-door/events.js';
import { type ApiClientService } from './clients.js';

type Outcome =
  | Pick<ContactReceived, 'outcome' | 'contactId' | 'reference' | 'decisionDueAt' | 'linkedPeople'>
  | Pick<UpdateAttached, 'outcome' | 'contactId' | 'reference' | 'updateId' | 'matchedBy'>;

export interface AcceptedResponse {
  statusCode: 200 | 201;
  response:
    | { id: string; reference: string; outcome: 'created'; decisionDueAt: string; linkedPeople: number }
    | { id: string; reference: string; outcome: 'attached'; updateId: string; matchedBy: string };
  headers: Record<string, string>;
}

/** What the API answers for a notification received: 201 with the new contact, or 200 with the update it became. */
export function acceptedResponse(received: Outcome): AcceptedResponse {
  if (received.outcome === 'created') {
    return {
      statusCode: 201,
      response: { id: received.contactId, reference: received.reference, outcome: 'created', decisionDueAt: received.decisionDueAt.toISOString(), linkedPeople: received.linkedPeople },
      headers: { location: `/api/v1/contacts/${received.contactId}` },
    };
  }
  return { statusCode: 200, response: { id: received.contactId, reference: received.reference, outcome: 'attached', updateId: received.updateId, matchedBy: received.matchedBy }, headers: {} };
}

export function idempotencySubscriber(apiClients: Pick<ApiClientService, 'storeResponse'>): Subscriber<ReceivingIn, ContactReceived | UpdateAttached> {
  return {
    name: 'apiIdempotency',
    wants: (event) => !!event.apiClientId && !!event.idempotency,
    handle: async (tx, event) => {
      const { apiClientId, idempotency } = event;
      if (!apiClientId || !idempotency) return;
      await apiClients.storeResponse(tx, apiClientId, idempotency.key, { requestHash: idempotency.requestHash, ...acceptedResponse(event) });
    },
  };
}
