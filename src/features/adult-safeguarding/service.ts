/**
 * Adult safeguarding (Care Act 2014 s42): concerns arrive from the front door (a hand-off from the children's front
 * door, a contact to the adult front door from any agency, form or API); the adult team records the three-point
 * test and proposes a decision; a manager authorises it; an s42 (or other) enquiry then runs with its plan, risks,
 * partners' contributions and meetings, to an outcome per risk and Making Safeguarding Personal. Every view and
 * change is audited, the audit event being the last write of its transaction.
 */
import { type Database } from '../../db/client.js';
import { type AccessDecision, type Viewer, adultConcernAccess, ownedAdultConcernAccess } from '../../domain/access.js';
import { type AuditTrail } from '../../platform/audit.js';
import { type BreakGlass } from '../../platform/break-glass.js';
import { type CalendarService } from '../../platform/calendar.js';
import { type OrganisationService } from '../organisations/service.js';
import * as repo from './repository.js';

export class AdultSafeguardingService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly calendar: CalendarService,
    readonly breakGlass: BreakGlass,
    readonly organisations: OrganisationService,
    readonly now: () => Date,
  ) {}

  async access(viewer: Viewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.concernFacts(this.db, id);
    if (!facts) return undefined;
    return adultConcernAccess(viewer, facts, facts.restricted && (await this.breakGlass.isOpen(viewer.userId, 'adult_concern', id)));
  }

  async ownedAccess(viewer: Viewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.concernFacts(this.db, id);
    if (!facts) return undefined;
    return ownedAdultConcernAccess(viewer, facts, facts.restricted && (await this.breakGlass.isOpen(viewer.userId, 'adult_concern', id)));
  }

  contributionFacts(id: string) {
    return repo.contributionFacts(this.db, id);
  }
}
