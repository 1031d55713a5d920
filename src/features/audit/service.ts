/** What managers see of the audit trail: who viewed or changed a record, and who broke the glass. */
import { type Database } from '../../db/client.js';
import { type AuditTrail } from '../../platform/audit.js';
import { type BreakGlass } from '../../platform/break-glass.js';

export const ACTION_LABELS: Record<string, string> = {
  'contact.view': 'Viewed',
  'person.view': 'Viewed',
  'contact.draft_started': 'Started the draft',
  'contact.draft_updated': 'Changed the draft',
  'contact.person_added': 'Added a person',
  'contact.person_removed': 'Removed a person',
  'contact.child_voice_recorded': 'Recorded the child’s voice',
  'contact.submitted': 'Submitted',
  'contact.screening_decision_recorded': 'Recorded a screening decision',
  'contact.decision_authorised': 'Authorised the decision',
  'contact.decision_returned': 'Returned the decision',
  'contact.allocated': 'Allocated',
  'contact.shared': 'Shared with an agency',
  'person.created': 'Created the record',
  'person.relationship_added': 'Added a relationship',
  'break_glass.opened': 'Opened a restricted record (break glass)',
  'access.denied': 'Was refused access',
};

export class AuditService {
  constructor(
    private readonly db: Database,
    private readonly trail: AuditTrail,
    private readonly breakGlass: BreakGlass,
    private readonly now: () => Date,
  ) {}

  async recordHistory(tenantId: string, recordType: 'contact' | 'person', recordId: string) {
    const events = await this.trail.eventsFor(tenantId, recordType, recordId);
    return events.map((e) => ({ ...e, label: ACTION_LABELS[e.action] ?? e.action }));
  }

  breakGlassReport(tenantId: string, days = 90) {
    return this.breakGlass.report(tenantId, new Date(this.now().getTime() - days * 86_400_000));
  }
}
