/**
 * Deprivation of Liberty Safeguards (Mental Capacity Act 2005, Schedule A1): applications from managing
 * authorities, urgent and standard clocks, prioritisation, allocation to assessors, the six assessments, the
 * decision, expiry and review, and the unallocated list.
 */
import { type Database } from '../../db/client.js';
import { type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import * as repo from './repository.js';

export class DolsService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly calendar: CalendarService,
    readonly now: () => Date,
  ) {}

  /** What the record check needs of an application (undefined: no such application). */
  applicationFacts(id: string) {
    return repo.applicationFacts(this.db, id);
  }
}
