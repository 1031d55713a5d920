/**
 * Statutory and local timescales as data with their source. Areas may override the amount (held per tenant in
 * the database); the code reads them through the calendar, never by adding days by hand.
 */
import { type WorkingCalendar } from './calendar.js';

export type TimescaleUnit = 'working_days' | 'working_hours';

export interface Timescale {
  code: string;
  title: string;
  amount: number;
  unit: TimescaleUnit;
  source: string;
}

export const DEFAULT_TIMESCALES: readonly Timescale[] = [
  {
    code: 'contact.decision.child',
    title: 'Decision on a contact about a child',
    amount: 1,
    unit: 'working_days',
    source: 'Working Together to Safeguard Children (2023): decision within one working day of receipt',
  },
  {
    code: 'contact.decision.adult',
    title: 'Decision on a concern about an adult at risk (the three-point test and whether a section 42 enquiry is needed)',
    amount: 2,
    unit: 'working_days',
    source: 'Local standard (configurable): the Care Act 2014 statutory guidance sets no timescale; the partnership decides within 2 working days of receipt',
  },
  {
    code: 'adult_contribution.answer',
    title: 'A partner’s contribution to an adult safeguarding enquiry',
    amount: 5,
    unit: 'working_days',
    source: 'Local standard (configurable): partners answer a request to contribute to a section 42 enquiry within 5 working days',
  },
  {
    code: 'early_help.triage',
    title: 'Early help triage after a decision to offer early help',
    amount: 5,
    unit: 'working_days',
    source: 'Local standard (configurable): early help contacts triaged within 5 working days',
  },
  {
    code: 'assessment.child',
    title: 'Children’s social care assessment after referral',
    amount: 45,
    unit: 'working_days',
    source: 'Working Together to Safeguard Children (2023): assessment completed within 45 working days of referral',
  },
  {
    code: 'info_request.red',
    title: 'Answer to a red (urgent) information request',
    amount: 4,
    unit: 'working_hours',
    source: 'Local standard (configurable): MASH information sharing, red within 4 working hours',
  },
  {
    code: 'info_request.amber',
    title: 'Answer to an amber information request',
    amount: 1,
    unit: 'working_days',
    source: 'Local standard (configurable): MASH information sharing, amber within 1 working day',
  },
  {
    code: 'info_request.green',
    title: 'Answer to a green information request',
    amount: 3,
    unit: 'working_days',
    source: 'Local standard (configurable): MASH information sharing, green within 3 working days',
  },
];

/** Work that runs against a clock once a screening decision is authorised. */
export const CLOCK_KINDS = {
  early_help_triage: { title: 'Early help triage', timescale: 'early_help.triage', perChild: false },
  assessment: { title: 'Assessment', timescale: 'assessment.child', perChild: true },
} as const;
export type ClockKind = keyof typeof CLOCK_KINDS;

/** The clocks an authorised screening outcome starts: early help starts a triage; a referral an assessment per child. */
export function clocksStartedBy(outcome: string): ClockKind[] {
  if (outcome === 'early_help') return ['early_help_triage'];
  if (outcome === 'referral_csc' || outcome === 'strategy_discussion') return ['assessment'];
  return [];
}

export function timescaleDeadline(calendar: WorkingCalendar, from: Date, timescale: Pick<Timescale, 'amount' | 'unit'>): Date {
  return timescale.unit === 'working_hours'
    ? calendar.addWorkingHours(from, timescale.amount)
    : calendar.workingDaysDeadline(from, timescale.amount);
}

export type DeadlineState = 'overdue' | 'due-today' | 'due-later';

/** Where a deadline stands relative to now, in London dates. */
export function deadlineState(calendar: WorkingCalendar, dueAt: Date, now: Date): DeadlineState {
  if (dueAt.getTime() < now.getTime()) return 'overdue';
  if (calendar.dateOf(dueAt) === calendar.dateOf(now)) return 'due-today';
  return 'due-later';
}
