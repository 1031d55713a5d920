import { type Database } from '../../db/client.js';
import { type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';

export class DomesticAbuseService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly calendar: CalendarService,
    readonly now: () => Date,
  ) {}
}
