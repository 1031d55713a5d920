/**
 * An authorised front-door decision starts its clocks (early help, assessment, strategy discussion …) with their
 * deadlines from the working-day calendar. Subscribed to the front door's "decision authorised" in `services.ts`.
 */
import { type Subscriber } from '../../platform/events.js';
import { type Authorising, type DecisionAuthorised } from '../front-door/events.js';
import { type OrganisationService } from '../organisations/service.js';
import { type ClockService, type PlannedClock } from './service.js';

export function clocksSubscriber(clocks: ClockService, organisations: Pick<OrganisationService, 'tenant'>): Subscriber<Authorising, DecisionAuthorised, PlannedClock[]> {
  return {
    name: 'clocks',
    prepare: async (before) => {
      const planned = await clocks.plan({
        tenantId: before.tenantId,
        division: (await organisations.tenant(before.tenantId))?.calendarDivision ?? 'england-and-wales',
        outcome: before.outcome,
        decidedAt: before.decidedAt,
        children: before.children,
      });
      return planned.length > 0 ? planned : undefined;
    },
    handle: async (tx, event, planned) => {
      if (planned) await clocks.start(tx, event.actor, event.contactId, planned);
    },
  };
}
