/**
 * MARAC: who may see a meeting's research and minutes (the rule, as a pure function), and the words and tags the
 * pages show: statuses, flags, research progress and action deadlines, never colour alone.
 */
import { labelOf } from '../../domain/codes.js';
import { MARAC_CRITERIA } from '../../domain/domestic-abuse.js';

export const REFERRAL_STATUSES = [
  { code: 'referred', label: 'New', classes: 'govuk-tag--blue' },
  { code: 'listed', label: 'On an agenda', classes: 'govuk-tag--purple' },
  { code: 'heard', label: 'Heard', classes: 'govuk-tag--green' },
  { code: 'closed', label: 'Closed', classes: 'govuk-tag--grey' },
] as const;

export function statusTag(status: string): { text: string; classes: string } {
  const s = REFERRAL_STATUSES.find((x) => x.code === status);
  return s ? { text: s.label, classes: s.classes } : { text: status, classes: 'govuk-tag--grey' };
}

export function meetingStatusTag(status: string): { text: string; classes: string } {
  return status === 'held' ? { text: 'Held', classes: 'govuk-tag--green' } : { text: 'Scheduled', classes: 'govuk-tag--blue' };
}

export function criteriaLabels(criteria: readonly string[]): string[] {
  return criteria.map((c) => labelOf(MARAC_CRITERIA, c));
}

/** Short names for the criteria, for tables. */
export function criteriaShort(criteria: readonly string[]): string {
  const SHORT: Record<string, string> = { visible_high_risk: 'Visible high risk', professional_judgement: 'Professional judgement', escalation: 'Escalation', repeat: 'Repeat' };
  return criteria.map((c) => SHORT[c] ?? c).join(', ');
}

/** The flags a coordinator needs to see at once: a repeat referral, a serial perpetrator. */
export function referralFlags(r: { criteria: readonly string[]; previous_referral_id: string | null; serial?: boolean }): { text: string; classes: string }[] {
  const out: { text: string; classes: string }[] = [];
  if (r.previous_referral_id || r.criteria.includes('repeat')) out.push({ text: 'Repeat', classes: 'govuk-tag--orange' });
  if (r.serial) out.push({ text: 'Serial perpetrator', classes: 'govuk-tag--red' });
  return out;
}

/** The date of birth held in a name-and-date-of-birth key (`given|family|YYYY-MM-DD`), if any. */
export function dobFromKey(key: string | null): string | null {
  const dob = key?.split('|')[2];
  return dob && /^\d{4}-\d{2}-\d{2}$/.test(dob) ? dob : null;
}

/** Which invited agencies have completed research on a case, and which have not, by name. */
export function researchProgress(researchedBy: readonly string[], invited: readonly { agency_id: string; name: string }[]): { done: string[]; waiting: string[]; text: string } {
  const doneIds = new Set(researchedBy);
  const done = invited.filter((a) => doneIds.has(a.agency_id)).map((a) => a.name);
  const waiting = invited.filter((a) => !doneIds.has(a.agency_id)).map((a) => a.name);
  return { done, waiting, text: `${done.length} of ${invited.length} agencies` };
}

/** An action's state on a date: done, overdue, due today, or due on a date. */
export function actionState(a: { due_on: string; done_at: string | null }, today: string): { text: string; classes: string; overdue: boolean } {
  if (a.done_at) return { text: 'Done', classes: 'govuk-tag--green', overdue: false };
  if (a.due_on < today) return { text: 'Overdue', classes: 'govuk-tag--red', overdue: true };
  if (a.due_on === today) return { text: 'Due today', classes: 'govuk-tag--yellow', overdue: false };
  return { text: 'Open', classes: 'govuk-tag--blue', overdue: false };
}

/** One line for an agenda row: how many invited agencies have returned their research ("Research: 6 of 9 agencies returned"). */
export function researchSummary(researchedBy: readonly string[], invited: readonly { agency_id: string }[]): { returned: number; invited: number; text: string; complete: boolean } {
  const done = new Set(researchedBy);
  const returned = invited.filter((a) => done.has(a.agency_id)).length;
  const text = invited.length === 0 ? 'Research: no agencies invited' : `Research: ${returned} of ${invited.length} ${invited.length === 1 ? 'agency' : 'agencies'} returned`;
  return { returned, invited: invited.length, text, complete: invited.length > 0 && returned === invited.length };
}

/** The meeting's own sub-navigation: its summary, agenda, research (invited agencies), attendance, and minutes once held (agencies present). */
export function meetingTabs(
  links: { meeting: string; agenda: string; research: string; attendance: string; minutes: string },
  access: { research: boolean; minutes: boolean },
  held: boolean,
  current: 'summary' | 'agenda' | 'research' | 'attendance' | 'minutes',
): { text: string; href: string; current: boolean }[] {
  const tabs: { key: typeof current; text: string; href: string; shown: boolean }[] = [
    { key: 'summary', text: 'Summary', href: links.meeting, shown: true },
    { key: 'agenda', text: 'Agenda', href: links.agenda, shown: true },
    { key: 'research', text: 'Research', href: links.research, shown: access.research },
    { key: 'attendance', text: 'Attendance', href: links.attendance, shown: true },
    { key: 'minutes', text: 'Minutes and actions', href: links.minutes, shown: access.minutes && held },
  ];
  return tabs.filter((t) => t.shown).map((t) => ({ text: t.text, href: t.href, current: t.key === current }));
}
