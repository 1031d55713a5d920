/**
 * Early help's subscription to the front door's seam (ADR 0010), registered in `services.ts`: when a decision to
 * offer early help is authorised, an episode for the contact's family is made in the same transaction (its children
 * the contact's subject children), led by the council's children's services until triage chooses a lead
 * practitioner, with the 3 and 5 working day deadlines. The council's early help managers are told.
 */
import { familyNameOf } from '../../domain/early-help.js';
import { type Subscriber } from '../../platform/events.js';
import { type ContactService } from '../front-door/contact-service.js';
import { type Authorising, type DecisionAuthorised } from '../front-door/events.js';
import { type EarlyHelpService, type EarlyHelpSetUp } from './service.js';

export function earlyHelpSubscriber(earlyHelp: EarlyHelpService, contacts: Pick<ContactService, 'takeOn'>): Subscriber<Authorising, DecisionAuthorised, EarlyHelpSetUp> {
  return {
    name: 'earlyHelp',
    wants: (event) => event.outcome === 'early_help',
    prepare: async (before) => (before.outcome === 'early_help' ? earlyHelp.setUp(before.tenantId) : undefined),
    handle: async (tx, event, setUp) => {
      if (!setUp || event.outcome !== 'early_help') return;
      const take = await contacts.takeOn(tx, event.contactId);
      if (!take) return;
      const children = take.people.filter((p) => p.role === 'subject_child');
      const made = await earlyHelp.takeOn(tx, setUp, event.contactId, {
        children: event.children.length > 0 ? event.children : children.flatMap((c) => (c.personId ? [c.personId] : [])),
        familyName: familyNameOf((children.length > 0 ? children : take.people).map((p) => p.name)),
        startedAt: event.decidedAt,
        restricted: take.restricted,
        actor: event.actor,
      });
      return { earlyHelpEpisodeId: made.id, earlyHelpReference: made.reference };
    },
  };
}
