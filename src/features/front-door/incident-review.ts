/**
 * The front door's own subscriber to "contact received" (registered in `services.ts`): a notification that became
 * a new contact at the place and time of an incident already reported, sharing its people but not its police
 * reference, raises "possible same incident" questions for the screener (IncidentReviewService). It reads and writes
 * through the contact's transaction only, so the questions exist exactly when the contact does.
 */
import { type Subscriber } from '../../platform/events.js';
import { type ContactReceived, type ReceivingIn, type UpdateAttached } from './events.js';
import { type IncidentReviewService } from './incident-review-service.js';

export function incidentReviewSubscriber(reviews: Pick<IncidentReviewService, 'concerns' | 'raiseIn'>): Subscriber<ReceivingIn, ContactReceived | UpdateAttached, never> {
  return {
    name: 'incidentReview',
    // Only a new contact from a notification naming a place, a time and enough people: anything else is not read back.
    wants: (event) => event.outcome === 'created' && reviews.concerns(event),
    handle: async (tx, event) => {
      if (event.outcome !== 'created') return;
      const raised = await reviews.raiseIn(tx, event);
      if (raised.length === 0) return;
      return { possibleSameIncident: raised.map((r) => ({ reviewId: r.reviewId, otherContactId: r.otherContactId })) };
    },
  };
}
