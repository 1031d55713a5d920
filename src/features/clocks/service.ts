/**
 * Clocks: an authorised screening decision starts the work that follows it — an early help triage (5 working days),
 * an assessment for each child referred (45 working days) — each with a deadline from the working-day calendar.
 */
import { type Database, asDate, transaction } from '../../db/client.js';
import { CLOCK_KINDS, type ClockKind, type DeadlineState, clocksStartedBy, deadlineState, timescaleDeadline } from '../../domain/timescales.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import * as repo from './repository.js';

export class ClockService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly calendar: CalendarService,
    private readonly now: () => Date,
  ) {}

  /** Starts the clocks an authorised outcome calls for (in the caller's transaction). Returns the kinds started. */
  async startFor(
    tx: Database,
    actor: Actor,
    input: { tenantId: string; division: string; contactId: string; outcome: string; decidedAt: Date; children: readonly string[] },
  ): Promise<ClockKind[]> {
    const started: ClockKind[] = [];
    const calendar = await this.calendar.forDivision(input.division);
    for (const kind of clocksStartedBy(input.outcome)) {
      const spec = CLOCK_KINDS[kind];
      const timescale = await this.calendar.timescale(input.tenantId, spec.timescale);
      const dueAt = timescaleDeadline(calendar, input.decidedAt, timescale);
      const people = spec.perChild ? input.children : [null];
      for (const personId of people) {
        if (await repo.start(tx, { tenantId: input.tenantId, kind, contactId: input.contactId, personId, startedAt: input.decidedAt, dueAt })) {
          await this.audit.record(tx, actor, { action: 'clock.started', recordType: 'contact', recordId: input.contactId, details: { kind, personId, dueAt: dueAt.toISOString(), timescale: timescale.code } });
        }
      }
      started.push(kind);
    }
    return started;
  }

  /** A contact's clocks, with where each stands. */
  async ofContact(contactId: string, division: string) {
    const calendar = await this.calendar.forDivision(division);
    const now = this.now();
    return (await repo.ofContact(this.db, contactId)).map((k) => {
      const due = asDate(k.due_at);
      const completed = asDate(k.completed_at);
      return {
        ...k,
        title: CLOCK_KINDS[k.kind as ClockKind]?.title ?? k.kind,
        dueAt: due,
        completedAt: completed,
        state: (completed ? (completed <= due ? 'done-in-time' : 'done-late') : deadlineState(calendar, due, now)) as DeadlineState | 'done-in-time' | 'done-late',
      };
    });
  }

  async complete(actor: Actor & { userId: string }, contactId: string, clockId: string): Promise<boolean> {
    const at = this.now();
    return transaction(this.db, async (tx) => {
      const done = await repo.complete(tx, contactId, clockId, actor.userId, at);
      if (done) await this.audit.record(tx, actor, { action: 'clock.completed', recordType: 'contact', recordId: contactId, details: { clockId } });
      return done;
    });
  }
}
