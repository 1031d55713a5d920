/**
 * Adult safeguarding's subscriptions to the front door's seam (ADR 0010), registered in `services.ts`: a concern is
 * made, in the same transaction, when the children's front door's decision "hand off to adult safeguarding" is
 * authorised, and when a contact about an adult reaches the adult front door (from any agency, on the form or
 * through the API, or from the public). The adult team's workers are told; the concern is on their worklist at once.
 */
import { timescaleDeadline } from '../../domain/timescales.js';
import { type Subscriber } from '../../platform/events.js';
import { type ContactService } from '../front-door/contact-service.js';
import { type Authorising, type ContactReceived, type DecisionAuthorised, type ReceivingIn, type UpdateAttached } from '../front-door/events.js';
import { type AdultSafeguardingService, sourceFromAgencyType } from './service.js';

type SetUp = NonNullable<Awaited<ReturnType<AdultSafeguardingService['arrivalSetUp']>>>;
type TakeOn = NonNullable<Awaited<ReturnType<ContactService['takeOn']>>>;

/** The adult a contact is about: the subject adult, else an adult named in it, else the first person. */
export function adultOf(people: TakeOn['people'], on: Date): TakeOn['people'][number] | null {
  const subject = people.find((p) => p.role === 'subject_adult');
  if (subject) return subject;
  const year = on.getUTCFullYear();
  const adult = people.find((p) => p.role !== 'subject_child' && (!p.dateOfBirth || year - Number(p.dateOfBirth.slice(0, 4)) >= 18));
  return adult ?? people[0] ?? null;
}

export function adultHandOffConcernSubscriber(adults: AdultSafeguardingService, contacts: Pick<ContactService, 'takeOn'>): Subscriber<Authorising, DecisionAuthorised, SetUp> {
  return {
    name: 'adultConcernFromHandOff',
    wants: (event) => event.outcome === 'adult_safeguarding',
    prepare: async (before) => (before.outcome === 'adult_safeguarding' ? adults.arrivalSetUp(before.tenantId) : undefined),
    handle: async (tx, event, setUp) => {
      if (!setUp) return;
      const take = await contacts.takeOn(tx, event.contactId);
      if (!take) return;
      const receivedAt = event.decidedAt;
      const adult = adultOf(take.people, receivedAt);
      const made = await adults.takeOn(tx, {
        tenantId: event.tenantId,
        contactId: event.contactId,
        channel: 'mash_hand_off',
        owningAgencyId: setUp.door.id,
        receivedAt,
        decisionDueAt: timescaleDeadline(setUp.calendar, receivedAt, setUp.timescale),
        sourceCode: sourceFromAgencyType(take.sourceAgencyType, take.channel),
        sourceAgencyId: take.sourceAgencyId ?? event.owningAgencyId,
        referrerName: take.referrerName,
        whatHappened: take.narrative ?? '',
        adult: adult && { personId: adult.personId, name: adult.name, voice: adult.voice },
        restricted: take.restricted,
        createdByUserId: event.actor.userId,
        actor: event.actor,
        tell: setUp.workers,
      });
      return { adultConcernId: made.id, adultConcernReference: made.reference };
    },
  };
}

export function adultFrontDoorConcernSubscriber(adults: AdultSafeguardingService, contacts: Pick<ContactService, 'takeOn'>): Subscriber<ReceivingIn, ContactReceived | UpdateAttached, SetUp> {
  return {
    name: 'adultConcernFromFrontDoor',
    wants: (event) => event.outcome === 'created' && event.contactType === 'adult',
    prepare: (before) => adults.arrivalSetUp(before.tenantId),
    handle: async (tx, event, setUp) => {
      if (!setUp || event.outcome !== 'created' || event.contactType !== 'adult') return;
      const take = await contacts.takeOn(tx, event.contactId);
      if (!take) return;
      const adult = adultOf(take.people, event.receivedAt);
      const made = await adults.takeOn(tx, {
        tenantId: event.tenantId,
        contactId: event.contactId,
        channel: take.channel === 'public' ? 'public' : 'front_door',
        owningAgencyId: setUp.door.id,
        receivedAt: event.receivedAt,
        decisionDueAt: timescaleDeadline(setUp.calendar, event.receivedAt, setUp.timescale),
        sourceCode: sourceFromAgencyType(take.sourceAgencyType, take.channel),
        sourceAgencyId: take.sourceAgencyId,
        referrerName: take.referrerName,
        whatHappened: take.narrative ?? '',
        adult: adult && { personId: adult.personId, name: adult.name, voice: adult.voice },
        restricted: take.restricted,
        createdByUserId: take.createdByUserId,
        actor: event.actor,
        tell: setUp.workers,
      });
      return { adultConcernId: made.id };
    },
  };
}
