/**
 * Clocks: an authorised screening decision starts the work that follows it — an early help triage (5 working days),
 * an assessment for each child referred (45 working days) — each with a deadline from the working-day calendar.
 */
import { type Database, asDate, transaction } from '../../db/client.js';
import { CLOCK_KINDS, type ClockKind, type DeadlineState, clocksStartedBy, deadlineState, timescaleDeadline } from '../../domain/timescales.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import * as repo from './repository.js';

export interface PlannedClock {
  kind: ClockKind;
  personId: string | null;
  startedAt: Date;
  dueAt: Date;
  timescale: string;
}

export class ClockService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly calendar: CalendarService,
    private readonly now: () => Date,
  ) {}

  /**
   * The clocks an authorised outcome would start, with their deadlines. Reads the calendar and the area's
   * timescales, so call it before the transaction that starts them (PGlite has one connection).
   */
  async plan(input: { tenantId: string; division: string; outcome: string; decidedAt: Date; children: readonly string[] }): Promise<PlannedClock[]> {
    const out: PlannedClock[] = [];
    const calendar = await this.calendar.forDivision(input.division);
    for (const kind of clocksStartedBy(input.outcome)) {
      const spec = CLOCK_KINDS[kind];
      const timescale = await this.calendar.timescale(input.tenantId, spec.timescale);
      const dueAt = timescaleDeadline(calendar, input.decidedAt, timescale);
      for (const personId of spec.perChild ? input.children : [null]) out.push({ kind, personId, startedAt: input.decidedAt, dueAt, timescale: timescale.code });
    }
    return out;
  }

  /** Starts planned clocks in the caller's transaction (a clock already running is left alone). */
  async start(tx: Database, actor: Actor & { tenantId: string }, contactId: string, planned: readonly PlannedClock[]): Promise<void> {
    for (const p of planned) {
      if (await repo.start(tx, { tenantId: actor.tenantId, kind: p.kind, contactId, personId: p.personId, startedAt: p.startedAt, dueAt: p.dueAt })) {
        await this.audit.record(tx, actor, { action: 'clock.started', recordType: 'contact', recordId: contactId, details: { kind: p.kind, personId: p.personId, dueAt: p.dueAt.toISOString(), timescale: p.timescale } });
      }
    }
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

  /**
   * Completes a contact's running clock of one kind (for one child, or the contact's when `personId` is null) in the
   * caller's transaction, when the work it times is done elsewhere (early help: the episode triaged). Returns whether
   * a clock stopped; the caller audits the work, naming it.
   */
  async completeFor(tx: Database, contactId: string, kind: ClockKind, personId: string | null, at: Date, userId: string): Promise<boolean> {
    const running = (await repo.ofContact(tx, contactId)).find((k) => k.kind === kind && k.person_id === personId && k.completed_at === null);
    return running ? repo.complete(tx, contactId, running.id, userId, at) : false;
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
