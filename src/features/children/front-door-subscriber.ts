/**
 * Children's social care's subscription to the front door's seam (ADR 0010), registered in `services.ts`: an
 * authorised decision "referral to children's social care" or "strategy discussion" makes, in the same transaction,
 * a referral and its assessment (due 45 working days from the referral) for each child the contact is about; the
 * team managers are told, to allocate.
 */
import { type Subscriber } from '../../platform/events.js';
import { type ContactService } from '../front-door/contact-service.js';
import { type Authorising, type DecisionAuthorised } from '../front-door/events.js';
import { type ChildrenService } from './service.js';

type SetUp = NonNullable<Awaited<ReturnType<ChildrenService['arrivalSetUp']>>>;

export const REFERRAL_OUTCOMES: ReadonlySet<string> = new Set(['referral_csc', 'strategy_discussion']);

export function childrenReferralSubscriber(children: ChildrenService, contacts: Pick<ContactService, 'takeOn'>): Subscriber<Authorising, DecisionAuthorised, SetUp> {
  return {
    name: 'childrenReferral',
    wants: (event) => REFERRAL_OUTCOMES.has(event.outcome) && event.children.length > 0,
    prepare: async (before) => (REFERRAL_OUTCOMES.has(before.outcome) && before.children.length > 0 ? children.arrivalSetUp(before.tenantId) : undefined),
    handle: async (tx, event, setUp) => {
      if (!setUp) return;
      const take = await contacts.takeOn(tx, event.contactId);
      if (!take) return;
      const made = await children.takeOn(tx, { tenantId: event.tenantId, contactId: event.contactId, route: event.outcome, referredAt: event.decidedAt, take, children: event.children, setUp, actor: event.actor });
      return { cscReferrals: made.map((r) => r.reference) };
    },
  };
}
