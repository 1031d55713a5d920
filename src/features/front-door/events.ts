/**
 * The front door's published seam: what it tells the rest of Threshold, inside the transaction that made the
 * change (ADR 0010). Capabilities that start from the front door (domestic abuse, clocks, the adult front door,
 * the agency API's idempotent responses, and those to come) subscribe to these in `services.ts`; the front door's
 * own code never names them.
 */
import { Topic } from '../../platform/events.js';
import { type Actor } from '../../platform/audit.js';
import { type Notification } from './notification-schema.js';

/** Known before a contact's transaction opens: the area, and the notification when one arrives alone. */
export interface ReceivingIn {
  tenantId: string;
  /**
   * The notification being received; null for a contact recorded on the form (no notification); absent for a run
   * of them (a police file's chunk), when any may arrive.
   */
  notification?: Notification | null;
}

interface Received {
  tenantId: string;
  contactId: string;
  reference: string;
  channel: string;
  sourceAgencyId: string | null;
  apiClientId: string | null;
  /** The Idempotency-Key an API client sent with the notification, and a hash of its request. */
  idempotency: { key: string; requestHash: string } | null;
  actor: Actor;
}

/** A new contact has arrived (any channel). */
export interface ContactReceived extends Received {
  outcome: 'created';
  contactType: string;
  receivedAt: Date;
  decisionDueAt: Date;
  incidentId: string | null;
  /** People linked at once by a verified unique identifier. */
  linkedPeople: number;
  /** The notification as received; null for a contact recorded on the form (its people are the contact's own). */
  notification: Notification | null;
  /** Reads the people named in it (in the notification's order) and who each is linked to yet, through the transaction. */
  namedPeople(): Promise<readonly { id: string; person_id: string | null }[]>;
}

/** A later notification about an incident already reported, attached to its contact as an update. */
export interface UpdateAttached extends Received {
  outcome: 'attached';
  incidentId: string;
  updateId: string;
  matchedBy: string;
  notification: Notification;
}

/** Before a decision is authorised: what subscribers may read to prepare. */
export interface Authorising {
  tenantId: string;
  contactId: string;
  owningAgencyId: string;
  reference: string | null;
  outcome: string;
  decidedAt: Date;
  /** The children the contact is about (person ids). */
  children: readonly string[];
}

/** A manager has authorised a screening decision: the work it starts begins now. */
export interface DecisionAuthorised extends Authorising {
  decisionId: string;
  actor: Actor & { tenantId: string; userId: string };
}

/** Before an information request is answered. */
export interface Answering {
  tenantId: string;
  requestId: string;
  contactId: string;
}

/** A partner agency has answered an information request about a contact. */
export interface InformationAnswered extends Answering {
  agencyId: string;
  knownToAgency: string;
  riskIndicators: readonly string[];
  actor: Actor & { tenantId: string; userId: string };
}

export class FrontDoorEvents {
  /** A notification or a submitted form became a contact; or a later notification was attached to one. */
  readonly received = new Topic<ReceivingIn, ContactReceived | UpdateAttached>('contact.received');
  readonly decisionAuthorised = new Topic<Authorising, DecisionAuthorised>('contact.decision_authorised');
  readonly informationAnswered = new Topic<Answering, InformationAnswered>('information_request.answered');
}

/** What subscribers reported, as one flat set of audit details (each subscriber names its own keys). */
export function reportedDetails(reported: Record<string, Record<string, unknown>>): Record<string, unknown> {
  return Object.assign({}, ...Object.values(reported)) as Record<string, unknown>;
}
