/** Words and tags for Operation Encompass notices: status and timeliness in words, never colour alone. */
import { asDate } from '../../db/client.js';
import { labelOf } from '../../domain/codes.js';
import { DA_ROLES } from '../../domain/domestic-abuse.js';
import { ENCOMPASS_ROUTES, NOTICE_OUTCOME_LABELS, NOTICE_STATUS_LABELS, type NoticeOutcome, SUPPORT_GIVEN, noticeStatus, receivedLate } from '../../domain/encompass.js';
import { addDays } from '../../domain/time.js';
import { formatDateTime } from '../../platform/views.js';
import { type KeyAdultShow, type NoticeRow } from './repository.js';
import { personName } from '../../domain/names.js';

export interface Tag {
  text: string;
  classes: string;
}

const STATUS_CLASSES = { new: 'govuk-tag--blue', acknowledged: 'govuk-tag--yellow', support_recorded: 'govuk-tag--green' } as const;

export function statusTag(n: Pick<NoticeRow, 'acknowledged_at' | 'support_recorded_at'>): Tag {
  const status = noticeStatus({ acknowledgedAt: asDate(n.acknowledged_at), supportRecordedAt: asDate(n.support_recorded_at) });
  return { text: NOTICE_STATUS_LABELS[status], classes: STATUS_CLASSES[status] };
}

/** The due time in words, saying when it has passed without an acknowledgement. */
export function dueTag(n: Pick<NoticeRow, 'due_at' | 'acknowledged_at'>, now: Date): Tag {
  const due = asDate(n.due_at);
  if (n.acknowledged_at) return { text: `Was due ${formatDateTime(due)}`, classes: 'govuk-tag--grey' };
  if (due.getTime() <= now.getTime()) return { text: `Overdue: was due ${formatDateTime(due)}`, classes: 'govuk-tag--red' };
  return { text: `Due ${formatDateTime(due)}`, classes: 'govuk-tag--blue' };
}

/** A red "Late" tag when the notice reached the setting after the start of the school day it was due by; null otherwise. */
export function lateTag(n: Pick<NoticeRow, 'due_at' | 'sent_at'>): Tag | null {
  return receivedLate({ dueAt: asDate(n.due_at), sentAt: n.sent_at ? asDate(n.sent_at) : null }) ? { text: 'Late', classes: 'govuk-tag--red' } : null;
}

/** The key adult's lists, in words. */
export const KEY_ADULT_SHOW_LABELS: Record<KeyAdultShow, string> = {
  all: 'All',
  unacknowledged: 'Not acknowledged',
  overdue: 'Overdue',
  today: 'Received today',
  late: 'Received late',
};

const OUTCOME_CLASSES: Record<NoticeOutcome, string> = {
  waiting: 'govuk-tag--blue',
  in_time: 'govuk-tag--green',
  late: 'govuk-tag--orange',
  not_sent: 'govuk-tag--red',
  not_acknowledged: 'govuk-tag--yellow',
};

export function outcomeTag(outcome: NoticeOutcome): Tag {
  return { text: NOTICE_OUTCOME_LABELS[outcome], classes: OUTCOME_CLASSES[outcome] };
}

export function childName(n: Pick<NoticeRow, 'given_names' | 'family_name'>): string {
  return personName(n);
}

const RISK = { standard: 'Standard', medium: 'Medium', high: 'High' } as Record<string, string>;

export function riskText(risk: string | null): string {
  return risk ? (RISK[risk] ?? risk) : 'Not given';
}

/** What the notice page shows about the child and the incident. */
export function noticeDetails(n: NoticeRow) {
  return {
    childName: childName(n),
    role: labelOf(DA_ROLES, n.role),
    route: labelOf(ENCOMPASS_ROUTES, n.route),
    incident: n.occurred_at ? formatDateTime(n.occurred_at) : `Not given by the police (the notification was received ${formatDateTime(n.received_at)})`,
    risk: n.child_police_risk && n.child_police_risk !== n.case_police_risk ? `${riskText(n.child_police_risk)} for the child (${riskText(n.case_police_risk)} for the adult victim)` : riskText(n.child_police_risk ?? n.case_police_risk),
    support: n.support.map((s) => labelOf(SUPPORT_GIVEN, s)),
  };
}

/** The default report period: the last 28 days up to today (London dates). */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: addDays(today, -27), to: today };
}
