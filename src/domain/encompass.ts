/**
 * Operation Encompass: the police tell a child's school key adult about a domestic abuse incident the child was
 * present at or lives with, of any risk level, before the start of the next school day, so the school can support
 * the child that morning (Operation Encompass; Victims and Prisoners Act 2024). These are the rules a safeguarding
 * lead would check line by line: when the notice is due, and who it goes to.
 */
import { type LocalDate, LONDON, addDays, dayOfWeek, instantAt, isLocalDate, parseClock, wallTime } from './time.js';
import { list } from './codes.js';
import { formatDate } from './dates.js';

/** The ages (on the day of the incident) Operation Encompass notifies schools about. */
export const SCHOOL_AGE_FROM = 4;
export const SCHOOL_AGE_TO = 17;

/** A school day starts at this time when neither the school nor the authority has set one. */
export const DEFAULT_DAY_START = '08:45';

export interface SchoolTerm {
  name?: string;
  /** First day of the term, inclusive (Europe/London date). */
  from: LocalDate;
  /** Last day of the term, inclusive. */
  to: LocalDate;
}

export interface SchoolCalendarRules {
  /** "HH:MM", 24-hour clock, London time. */
  dayStartsAt: string;
  terms: readonly SchoolTerm[];
  /** Days the school is shut inside a term: INSET days, a half-term week entered day by day, a polling day. */
  closures: readonly LocalDate[];
}

export const DEFAULT_SCHOOL_CALENDAR: SchoolCalendarRules = { dayStartsAt: DEFAULT_DAY_START, terms: [], closures: [] };

/**
 * Whether pupils are in school on a date: Monday to Friday, not a bank holiday, inside a term, not a closure day.
 *
 * With no terms configured every such weekday counts as a school day: Threshold cannot know the holidays, and
 * counting a holiday as a school day only makes a notice due sooner, never later. For the same reason a date
 * before the first or after the last configured term (the dates nobody has entered yet) counts as in term.
 */
export function isSchoolDay(date: LocalDate, cal: SchoolCalendarRules, isBankHoliday: (date: LocalDate) => boolean): boolean {
  const dow = dayOfWeek(date);
  if (dow === 0 || dow === 6) return false;
  if (isBankHoliday(date)) return false;
  if (cal.closures.includes(date)) return false;
  return inTerm(date, cal.terms);
}

function inTerm(date: LocalDate, terms: readonly SchoolTerm[]): boolean {
  if (terms.length === 0) return true;
  let first = terms[0]!.from;
  let last = terms[0]!.to;
  for (const t of terms) {
    if (t.from <= date && date <= t.to) return true;
    if (t.from < first) first = t.from;
    if (t.to > last) last = t.to;
  }
  // Outside every known term: a holiday between two known terms, or a date nobody has entered terms for yet.
  return date < first || date > last;
}

/** How far ahead to look for a school day before deciding the calendar is broken (a year and a bit). */
const SEARCH_DAYS = 400;

/**
 * The start (London time, so correct across the clock changes) of the next school day after `after`: that day's
 * start when `after` is on a school day before it starts; otherwise the start of the next school day. An incident
 * at the very moment school starts is after the start: the next school day is the following one.
 */
export function nextSchoolDayStart(after: Date, cal: SchoolCalendarRules, isBankHoliday: (date: LocalDate) => boolean): Date {
  const start = parseClock(cal.dayStartsAt);
  const now = wallTime(after, LONDON);
  let date = now.date;
  if (isSchoolDay(date, cal, isBankHoliday)) {
    const opening = instantAt(date, start, LONDON);
    if (after.getTime() < opening.getTime()) return opening;
  }
  for (let i = 0; i < SEARCH_DAYS; i += 1) {
    date = addDays(date, 1);
    if (isSchoolDay(date, cal, isBankHoliday)) return instantAt(date, start, LONDON);
  }
  throw new RangeError(`No school day in the ${SEARCH_DAYS} days after ${now.date}: check the school's term dates and closures`);
}

// ——— who the notice goes to ———

export const ENCOMPASS_ROUTES = list({
  school: 'School',
  early_years: 'Early years setting',
  health_visitor: 'Health visitor',
  childrens_social_care: 'Children’s social care (electively home educated)',
});
export type EncompassRoute = 'school' | 'early_years' | 'health_visitor' | 'childrens_social_care';

export interface EncompassSetting {
  agencyId: string;
  name: string;
}

export interface ChildForRouting {
  /** Age on the day of the incident; null when no date of birth is known. */
  ageAtIncident: number | null;
  electivelyHomeEducated: boolean;
  school: EncompassSetting | null;
  earlyYears: EncompassSetting | null;
  healthVisitor: EncompassSetting | null;
  /** What the notification named as the school (a name or URN), when it did not match a school Threshold knows. */
  schoolGiven: string | null;
}

export type RouteDecision =
  | { route: EncompassRoute; agencyId: string }
  /** A notice is needed but nobody to send it to was found: the MASH assigns a setting. `route` is the kind of setting wanted. */
  | { needsSetting: string; route: EncompassRoute }
  /** Operation Encompass does not apply (an adult by the day of the incident). */
  | { noNotice: string };

function givenText(schoolGiven: string | null): string {
  return schoolGiven && schoolGiven.trim() ? schoolGiven.trim() : '';
}

/**
 * Who an Operation Encompass notice about a child goes to:
 * - no date of birth: the MASH finds the child's setting (Threshold cannot tell whether they are of school age);
 * - 18 or over on the day of the incident: no notice;
 * - 4 to 17: the school; electively home educated: the area's children's social care front door instead;
 * - under 4: the early years setting (a school's nursery class counts), else the health visitor;
 * - no setting found: the needs-a-setting queue, with the reason in words.
 */
export function routeFor(child: ChildForRouting, area: { frontDoor: EncompassSetting | null } = { frontDoor: null }): RouteDecision {
  const given = givenText(child.schoolGiven);
  const unknownSchool = given ? `The school named in the notification, “${given}”, is not a school Threshold knows` : '';
  const age = child.ageAtIncident;
  if (age === null) {
    return {
      route: 'school',
      needsSetting: `No date of birth: Threshold cannot tell whether the child is of school age (${SCHOOL_AGE_FROM} to ${SCHOOL_AGE_TO})${given ? `. The notification named “${given}”` : ''}. Check the child’s age and assign their school or setting`,
    };
  }
  if (age < 0) {
    return { route: 'early_years', needsSetting: 'The date of birth is after the incident: check the child’s date of birth and assign their setting' };
  }
  if (age > SCHOOL_AGE_TO) {
    return { noNotice: `The young person was ${age} on the day of the incident: Operation Encompass is for children up to ${SCHOOL_AGE_TO}` };
  }
  if (age >= SCHOOL_AGE_FROM) {
    if (child.electivelyHomeEducated) {
      if (area.frontDoor) return { route: 'childrens_social_care', agencyId: area.frontDoor.agencyId };
      return { route: 'childrens_social_care', needsSetting: 'The child is electively home educated and this area has no children’s social care front door in Threshold to tell' };
    }
    if (child.school) return { route: 'school', agencyId: child.school.agencyId };
    if (unknownSchool) return { route: 'school', needsSetting: unknownSchool };
    return { route: 'school', needsSetting: 'No school is recorded for the child and the notification did not name one' };
  }
  // Under 4: the early years setting (including a school's nursery), else the health visitor.
  const setting = child.earlyYears ?? child.school;
  if (setting) return { route: 'early_years', agencyId: setting.agencyId };
  if (child.healthVisitor) return { route: 'health_visitor', agencyId: child.healthVisitor.agencyId };
  return {
    route: 'early_years',
    needsSetting: `The child is under ${SCHOOL_AGE_FROM} and has no early years setting or health visitor recorded${unknownSchool ? `; ${unknownSchool.charAt(0).toLowerCase()}${unknownSchool.slice(1)}` : ''}`,
  };
}

// ——— matching what the police wrote to a school ———

/** A school's name as compared: case, spacing and the kind of apostrophe do not matter. */
export function schoolNameKey(name: string): string {
  return name.normalize('NFKC').replace(/[’‘`´]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A URN: six digits (Department for Education unique reference number). */
export function isUrn(value: string): boolean {
  return /^\d{6}$/.test(value.trim());
}

/** The school a notification named, by URN or by its exact name (ignoring case and spacing); null if none matches. */
export function matchSchool<T extends { urn: string; name: string }>(given: string | null, schools: readonly T[]): T | null {
  if (!given || !given.trim()) return null;
  const text = given.trim();
  if (isUrn(text)) return schools.find((s) => s.urn === text) ?? null;
  const key = schoolNameKey(text);
  const found = schools.filter((s) => schoolNameKey(s.name) === key);
  return found.length === 1 ? found[0]! : null;
}

// ——— the school's view and the monitor ———

export const SUPPORT_GIVEN = list({
  key_adult_check_in: 'Key adult check-in with the child',
  quiet_space: 'A quiet space or time out',
  pastoral_support: 'Pastoral support',
  school_counsellor: 'Referral to the school counsellor',
  extra_curricular: 'Extra-curricular activity',
  flexibility: 'Flexibility with homework, uniform or behaviour',
  other: 'Other',
});

export type NoticeStatus = 'new' | 'acknowledged' | 'support_recorded';

export function noticeStatus(n: { acknowledgedAt: Date | null; supportRecordedAt: Date | null }): NoticeStatus {
  if (n.supportRecordedAt) return 'support_recorded';
  if (n.acknowledgedAt) return 'acknowledged';
  return 'new';
}

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = { new: 'New', acknowledged: 'Acknowledged', support_recorded: 'Support recorded' };

/**
 * How a notice did against its due time (the start of the next school day):
 * - waiting: not yet due, and not yet both sent and acknowledged;
 * - in_time: sent and acknowledged by the due time;
 * - late: sent, but after the due time;
 * - not_sent: due and still not sent (no setting found, or the setting has no key adult);
 * - not_acknowledged: sent in time, but nobody acknowledged it by the due time.
 * Late and not sent are both "missed" by the school day; not acknowledged is missed by the school.
 */
export type NoticeOutcome = 'waiting' | 'in_time' | 'late' | 'not_sent' | 'not_acknowledged';

/**
 * Was the notice received late: sent to the setting after its due time (the start of the next school day)? A notice
 * sent at the very moment the school day starts is in time; one not sent yet is not late (it is "not sent" once due).
 * The key adult's list marks these, and `show=late` lists them (features/encompass/repository.ts says the same in SQL).
 */
export function receivedLate(n: { dueAt: Date; sentAt: Date | null }): boolean {
  return n.sentAt !== null && n.sentAt.getTime() > n.dueAt.getTime();
}

export function noticeOutcome(n: { dueAt: Date; sentAt: Date | null; acknowledgedAt: Date | null }, now: Date): NoticeOutcome {
  const due = n.dueAt.getTime();
  if (receivedLate(n)) return 'late';
  if (!n.sentAt) return now.getTime() >= due ? 'not_sent' : 'waiting';
  if (n.acknowledgedAt && n.acknowledgedAt.getTime() <= due) return 'in_time';
  return now.getTime() >= due ? 'not_acknowledged' : 'waiting';
}

export const NOTICE_OUTCOME_LABELS: Record<NoticeOutcome, string> = {
  waiting: 'Not yet due',
  in_time: 'Sent and acknowledged in time',
  late: 'Sent late',
  not_sent: 'Not sent',
  not_acknowledged: 'Not acknowledged in time',
};

// ——— term dates ———

/** Problems with a new term against the terms a calendar already has, in words (empty when it fits). */
export function termProblems(term: SchoolTerm, existing: readonly SchoolTerm[]): { field: 'from' | 'to'; message: string }[] {
  if (!isLocalDate(term.from) || !isLocalDate(term.to)) return [];
  if (term.to < term.from) return [{ field: 'to', message: 'The last day of term must be the same as or after the first day' }];
  const clash = existing.find((t) => t.from <= term.to && term.from <= t.to);
  if (clash) return [{ field: 'from', message: `These dates overlap ${clash.name ? `${clash.name} ` : 'a term '}(${longDate(clash.from)} to ${longDate(clash.to)}): remove that term first or change the dates` }];
  return [];
}

/** "1 September 2026". */
export function longDate(date: LocalDate): string {
  return formatDate(date);
}

/** Terms in date order. */
export function sortTerms<T extends SchoolTerm>(terms: readonly T[]): T[] {
  return [...terms].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
