/**
 * What a contact's page shows, read in one place: the contact (its view audited), its named people, later
 * notifications, information requests and alerts from the front door, the work its decision started (clocks),
 * whether it became a domestic abuse case, and the choices a screener needs (agencies, team). Each comes from the
 * capability that owns it, through its service or the port the page needs of it. `presentContactPage` in
 * contact-presenters.ts turns it into the view's data.
 */
import { type Actor } from '../../platform/audit.js';
import { type DeadlineState } from '../../domain/timescales.js';
import { type OrganisationService } from '../organisations/service.js';
import { type ContactService } from './contact-service.js';
import { type InformationRequestService } from './information-request-service.js';
import { type IntakeService } from './intake-service.js';

/** What the contact page shows of the work a decision started (clocks are a capability above the front door). */
export interface ClocksOfContact {
  ofContact(contactId: string, division: string): Promise<readonly { id: string; title: string; person_name?: string | null; dueAt: Date; completedAt: Date | null; state: DeadlineState | 'done-in-time' | 'done-late' }[]>;
}

/** Whether a contact became a domestic abuse case (domestic abuse subscribes to the front door). */
export interface DaCaseOfContact {
  caseOfContact(contactId: string): Promise<{ id: string } | undefined>;
}

type ContactView = NonNullable<Awaited<ReturnType<ContactService['view']>>>;

export interface ContactPageData {
  view: ContactView;
  owning: boolean;
  named: Awaited<ReturnType<IntakeService['namedPeople']>>;
  updates: Awaited<ReturnType<IntakeService['updates']>>;
  requests: Awaited<ReturnType<InformationRequestService['forContact']>>;
  alerts: Awaited<ReturnType<ContactService['alerts']>>;
  clocks: Awaited<ReturnType<ClocksOfContact['ofContact']>>;
  agencies: Awaited<ReturnType<OrganisationService['agencies']>>;
  workers: Awaited<ReturnType<ContactService['teamMembers']>>;
  daCase: { id: string } | undefined;
}

export class ContactPageQuery {
  constructor(
    private readonly contacts: ContactService,
    private readonly intake: IntakeService,
    private readonly infoRequests: InformationRequestService,
    private readonly clocks: ClocksOfContact,
    private readonly organisations: OrganisationService,
    private readonly domesticAbuse: DaCaseOfContact,
  ) {}

  /** The page's data for a viewer the contact's record rule has let in; undefined if there is no such contact. */
  async load(actor: Actor & { userId: string; tenantId: string; agencyId: string }, id: string, options: { seesDaCase: boolean }): Promise<ContactPageData | undefined> {
    const view = await this.contacts.view(actor, id);
    if (!view) return undefined;
    const owning = view.contact.owningAgencyId === actor.agencyId;
    if (view.contact.status === 'draft') return { view, owning, named: [], updates: [], requests: [], alerts: [], clocks: [], agencies: [], workers: [], daCase: undefined };
    const [named, updates, requests, alerts, tenant, agencies, workers, daCase] = await Promise.all([
      this.intake.namedPeople(id),
      this.intake.updates(id),
      owning ? this.infoRequests.forContact(id) : Promise.resolve([]),
      owning ? this.contacts.alerts(view.contact, view.subjects) : Promise.resolve([]),
      this.organisations.tenant(actor.tenantId),
      owning ? this.organisations.agencies(actor.tenantId, { activeOnly: true }) : Promise.resolve([]),
      owning ? this.contacts.teamMembers(actor) : Promise.resolve([]),
      options.seesDaCase ? this.domesticAbuse.caseOfContact(id) : Promise.resolve(undefined),
    ]);
    const clocks = await this.clocks.ofContact(id, tenant?.calendarDivision ?? 'england-and-wales');
    return { view, owning, named, updates, requests, alerts, clocks, agencies, workers, daCase };
  }
}
