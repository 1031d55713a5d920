/**
 * Children missing education's subscription to the front door's seam (ADR 0010), registered in `services.ts`: an
 * authorised decision "pass to children missing education" makes, in the same transaction, a referral for each
 * child the contact is about (joint enquiries due in 20 school days), and tells the CME service.
 */
import { type Subscriber } from '../../platform/events.js';
import { type ContactService } from '../front-door/contact-service.js';
import { type Authorising, type DecisionAuthorised } from '../front-door/events.js';
import { type CmeService, type CmeSetUp } from './service.js';

export const CME_OUTCOME = 'cme';

export function cmeSubscriber(cme: CmeService, contacts: Pick<ContactService, 'takeOn'>): Subscriber<Authorising, DecisionAuthorised, CmeSetUp> {
  return {
    name: 'childrenMissingEducation',
    wants: (event) => event.outcome === CME_OUTCOME,
    prepare: async (before) => (before.outcome === CME_OUTCOME ? cme.setUp(before.tenantId) : undefined),
    handle: async (tx, event, setUp) => {
      if (!setUp || event.outcome !== CME_OUTCOME) return;
      const take = await contacts.takeOn(tx, event.contactId);
      if (!take) return;
      const children = take.people.filter((p): p is typeof p & { personId: string } => p.role === 'subject_child' && !!p.personId && (event.children.length === 0 || event.children.includes(p.personId)));
      const made = await cme.takeOn(tx, setUp, {
        contactId: event.contactId,
        decidedAt: event.decidedAt,
        restricted: take.restricted,
        narrative: take.narrative,
        sourceAgencyId: take.sourceAgencyId,
        children: children.map((c) => ({ personId: c.personId, name: c.name, dateOfBirth: c.dateOfBirth })),
        actor: event.actor,
      });
      return { cmeReferrals: made.map((r) => r.reference) };
    },
  };
}
