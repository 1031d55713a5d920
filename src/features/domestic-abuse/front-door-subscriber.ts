/**
 * Domestic abuse starts from the front door: a DA notification becomes a DA case (graded, with its Operation
 * Encompass notices and any repeat MARAC referral) in the same transaction as its contact, and a later notification
 * of the same incident is added to that case. Subscribed to the front door's "contact received" in `services.ts`.
 */
import { type Subscriber } from '../../platform/events.js';
import { isRiskLevel } from '../../domain/domestic-abuse.js';
import { type ContactReceived, type ReceivingIn, type UpdateAttached } from '../front-door/events.js';
import { type Notification } from '../front-door/notification-schema.js';
import { type CaseFacts, type DaContext, type DomesticAbuseService } from './service.js';

export function domesticAbuseSubscriber(da: DomesticAbuseService): Subscriber<ReceivingIn, ContactReceived | UpdateAttached, DaContext> {
  return {
    name: 'domesticAbuse',
    wants: (event) => !!event.notification?.domesticAbuse,
    // Read only when a DA notification may arrive (its Operation Encompass calendars and schools).
    prepare: async (before) => (before.notification === undefined || before.notification?.domesticAbuse ? da.context(before.tenantId) : undefined),
    handle: async (tx, event, context) => {
      if (!context) throw new Error('a domestic abuse notification needs the domestic abuse context');
      const n = event.notification!;
      if (event.outcome === 'created') {
        const made = await da.createCase(tx, context, { tenantId: event.tenantId, contactId: event.contactId, incidentId: event.incidentId, sourceAgencyId: event.sourceAgencyId, facts: daFacts(n, await event.namedPeople()) });
        return { daCaseId: made.daCaseId, repeatOfMaracReferral: made.repeatOf, incidentsInYear: made.incidentsInYear, encompass: made.encompass };
      }
      // the people of a later notification are kept in its update, not as the contact's named people
      const daCaseId = await da.attach(tx, context, { tenantId: event.tenantId, contactId: event.contactId, incidentId: event.incidentId, sourceAgencyId: event.sourceAgencyId, facts: daFacts(n, null) });
      return { daCaseId };
    },
  };
}

/** A DA notification as the facts its DA case is made from; `named`: the contact's named people, in the notification's order. */
export function daFacts(n: Notification, named: readonly { id: string; person_id: string | null }[] | null): CaseFacts {
  const da = n.domesticAbuse!;
  return {
    policeReference: n.incident?.policeReference ?? null,
    incidentType: da.incidentType,
    occurredAt: n.incident?.occurredAt ?? null,
    receivedAt: n.receivedAt,
    place: n.incident?.place ?? null,
    postcode: n.incident?.postcode ?? null,
    policeRisk: isRiskLevel(n.riskLevel) ? n.riskLevel : null,
    policeDash: da.policeDash,
    people: n.people.map((p, i) => ({
      namedPersonId: named?.[i]?.id ?? null,
      personId: named?.[i]?.person_id ?? null,
      role: p.daRole ?? 'other',
      givenNames: p.givenNames,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      riskLevel: isRiskLevel(p.riskLevel) ? p.riskLevel : null,
      childVoice: p.childVoice,
      childDemeanour: p.childDemeanour,
      school: p.school,
    })),
  };
}
