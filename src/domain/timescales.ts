/**
 * Statutory and local timescales as data with their source. Areas may override the amount (held per tenant in
 * the database); the code reads them through the calendar, never by adding days by hand.
 */
import { type WorkingCalendar } from './calendar.js';
import { type LocalDate, addDays, addMonths } from './time.js';

export type TimescaleUnit = 'working_days' | 'working_hours' | 'months' | 'school_days';

export const TIMESCALE_UNITS: Record<TimescaleUnit, string> = { working_days: 'working days', working_hours: 'working hours', months: 'months', school_days: 'school days' };

/**
 * The units an area may choose for a timescale, from its default unit: school days only for a timescale that is in
 * school days by default (its callers hold a school calendar), which may also be counted in working days.
 */
export function unitsFor(defaultUnit: TimescaleUnit): TimescaleUnit[] {
  return defaultUnit === 'school_days' ? ['school_days', 'working_days'] : ['working_days', 'working_hours', 'months'];
}

/** The days pupils are in school (weekdays outside bank holidays and the area's school holidays): Operation Encompass's calendar. */
export interface SchoolDays {
  isSchoolDay(date: LocalDate): boolean;
}

/** How far to look for a school day before deciding the school calendar is broken (a year and a bit). */
const SCHOOL_DAY_SEARCH = 400;

/** The date `n` school days after `date` (the start day is not counted). `n` = 0 returns `date`. */
export function addSchoolDays(school: SchoolDays, date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`School days must be a whole number ≥ 0 (got ${n})`);
  let current = date;
  let remaining = n;
  let searched = 0;
  while (remaining > 0) {
    current = addDays(current, 1);
    searched += 1;
    if (school.isSchoolDay(current)) {
      remaining -= 1;
      searched = 0;
    } else if (searched > SCHOOL_DAY_SEARCH) {
      throw new RangeError(`No school day in the ${SCHOOL_DAY_SEARCH} days after ${date}: check the school calendar's term dates`);
    }
  }
  return current;
}

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
    code: 'strategy_discussion.record',
    title: 'A strategy discussion recorded',
    amount: 0,
    unit: 'working_days',
    source: 'Working Together to Safeguard Children (2023): the strategy discussion is recorded and shared the same working day',
  },
  {
    code: 'conference.initial',
    title: 'Initial child protection conference after the strategy discussion',
    amount: 15,
    unit: 'working_days',
    source: 'Working Together to Safeguard Children (2023): initial child protection conference within 15 working days of the strategy discussion',
  },
  {
    code: 'conference.report',
    title: 'An agency’s report to a child protection conference, before the day',
    amount: 2,
    unit: 'working_days',
    source: 'Local standard (configurable): agencies’ reports shared with the chair and the family 2 working days before the conference',
  },
  {
    code: 'conference.first_review',
    title: 'First review child protection conference',
    amount: 3,
    unit: 'months',
    source: 'Working Together to Safeguard Children (2023): first review conference within 3 months of the initial conference',
  },
  {
    code: 'conference.later_review',
    title: 'Later review child protection conferences',
    amount: 6,
    unit: 'months',
    source: 'Working Together to Safeguard Children (2023): further reviews at intervals of not more than 6 months',
  },
  {
    code: 'core_group.first',
    title: 'First core group meeting after the conference',
    amount: 10,
    unit: 'working_days',
    source: 'Working Together to Safeguard Children (2023): the core group meets within 10 working days of the initial conference',
  },
  {
    code: 'core_group.next',
    title: 'Core group meetings after the first',
    amount: 30,
    unit: 'working_days',
    source: 'Local standard (configurable): Working Together asks core groups to meet regularly; the partnership meets at least every 6 weeks',
  },
  {
    code: 'cp_visit.interval',
    title: 'Visits to a child on a child protection plan',
    amount: 10,
    unit: 'working_days',
    source: 'Local standard (configurable): every child on a child protection plan visited by their social worker every two weeks',
  },
  {
    code: 'cin_plan.review',
    title: 'Reviews of a child in need plan',
    amount: 3,
    unit: 'months',
    source: 'Local standard (configurable): child in need plans reviewed at least every 3 months',
  },
  {
    code: 'early_help.contact',
    title: 'Family contacted and engaged after a decision to offer early help',
    amount: 3,
    unit: 'working_days',
    source: 'Local standard (configurable): families contacted and engaged within 3 working days',
  },
  {
    code: 'early_help.assessment',
    title: 'Early help assessment completed',
    amount: 30,
    unit: 'working_days',
    source: 'Local standard (configurable): early help assessments completed within 30 working days of the start of the episode',
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
  {
    code: 'cme.joint_enquiries',
    title: 'Joint enquiries by the school and the local authority about a child missing education, before the pupil is deleted from roll',
    amount: 20,
    unit: 'school_days',
    source:
      'Children missing education: statutory guidance for local authorities (DfE, September 2016): the school and the local authority make reasonable enquiries jointly for 20 school days before a pupil absent without reason is deleted from the roll (Education (Pupil Registration) (England) Regulations 2006, regulation 8(1)(h))',
  },
  {
    code: 'lado.decision',
    title: 'The designated officer’s (LADO’s) decision on an allegation against someone who works with children',
    amount: 1,
    unit: 'working_days',
    source: 'Keeping Children Safe in Education (2024), part 4, and Working Together to Safeguard Children (2023): the employer informs the LADO within one working day, and the LADO decides on the next steps the same way',
  },
  {
    code: 'lado.resolution',
    title: 'An allegation against someone who works with children resolved',
    amount: 3,
    unit: 'months',
    source: 'Keeping Children Safe in Education (2024), part 4: allegations resolved as quickly as possible, most within 3 months (a case open longer needs its reason recorded)',
  },
  {
    code: 'partnership_action.reminder',
    title: 'Reminder to the owner of a partnership action before its due date',
    amount: 5,
    unit: 'working_days',
    source: 'Local standard (configurable): the safeguarding partnership’s business unit reminds an action’s owner 5 working days before it is due',
  },
  {
    code: 'partnership_action.escalation',
    title: 'Escalation of an overdue partnership action to the business unit and the owning agency’s managers',
    amount: 1,
    unit: 'working_days',
    source: 'Local standard (configurable): an action still open on the first working day after its due date is escalated to the business unit and the owning agency’s partner managers',
  },
  {
    code: 'training.impact',
    title: 'The 3-month impact check after multi-agency training',
    amount: 3,
    unit: 'months',
    source: 'Local standard (configurable): the partnership asks attendees for the impact of the training on their practice 3 months after the course (its annual report: “the impact of the training after 3 months of attending the course”)',
  },
  {
    code: 'review.notification',
    title: 'A serious incident notified to the Child Safeguarding Practice Review Panel',
    amount: 5,
    unit: 'working_days',
    source: 'Working Together to Safeguard Children (2023), chapter 5: the local authority notifies the Panel of a serious incident within 5 working days of becoming aware of it',
  },
  {
    code: 'review.rapid_review',
    title: 'A rapid review held and its decision sent to the Panel',
    amount: 15,
    unit: 'working_days',
    source: 'Working Together to Safeguard Children (2023), chapter 5: the safeguarding partners complete a rapid review within 15 working days of the serious incident notification and send it, with their decision, to the Panel',
  },
  {
    code: 'review.lcspr_publication',
    title: 'A local child safeguarding practice review’s final report sent to the Panel and published',
    amount: 6,
    unit: 'months',
    source: 'Local standard (configurable): the partnership sends the final report to the Panel and publishes it within 6 months of the rapid review’s decision to hold an LCSPR',
  },
  {
    code: 'review.dhr_decision',
    title: 'The community safety partnership’s decision on a domestic homicide review',
    amount: 1,
    unit: 'months',
    source: 'Multi-agency statutory guidance for the conduct of domestic homicide reviews (Home Office, 2016): the community safety partnership decides whether to hold a review within one month of being notified of the death (Domestic Violence, Crime and Victims Act 2004, section 9)',
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

/**
 * When a timescale started at `from` is due. School days need the area's school calendar: a timescale in school days
 * without one is refused (a RangeError), never counted in working days by mistake.
 */
export function timescaleDeadline(calendar: WorkingCalendar, from: Date, timescale: Pick<Timescale, 'amount' | 'unit'>, school?: SchoolDays): Date {
  if (timescale.unit === 'school_days') {
    if (!school) throw new RangeError('A timescale in school days needs the area’s school calendar');
    return calendar.closeOfDay(addSchoolDays(school, calendar.dateOf(from), timescale.amount));
  }
  if (timescale.unit === 'working_hours') return calendar.addWorkingHours(from, timescale.amount);
  // "Within N months": by the close of the same date N months on (a calendar date, working day or not).
  if (timescale.unit === 'months') return calendar.closeOfDay(addMonths(calendar.dateOf(from), timescale.amount));
  return calendar.workingDaysDeadline(from, timescale.amount);
}

export type DeadlineState = 'overdue' | 'due-today' | 'due-later';

/** Where a deadline stands relative to now, in London dates. */
export function deadlineState(calendar: WorkingCalendar, dueAt: Date, now: Date): DeadlineState {
  if (dueAt.getTime() < now.getTime()) return 'overdue';
  if (calendar.dateOf(dueAt) === calendar.dateOf(now)) return 'due-today';
  return 'due-later';
}
