/** Words, tags, rows and tables for the boards' pages: states in words, never colour alone. */
import { ATTENDANCE_MARKS, type AgencyAttendance, MEMBER_ROLES, type Quoracy, RISK_KINDS, reviewOverdue, riskBand, riskScore } from '../../domain/boards.js';
import { labelOf } from '../../domain/codes.js';
import { formatDate, formatDateTime } from '../../platform/views.js';
import { groupPath, meetingPath, riskPath } from './paths.js';
import { type AgendaRow, type GroupRow, type MeetingRow, type MemberRow, type RiskRow, type UpcomingRow } from './repository.js';

export interface Tag {
  text: string;
  classes: string;
}

const BAND_CLASSES: Record<string, string> = { low: 'govuk-tag--green', medium: 'govuk-tag--yellow', high: 'govuk-tag--orange', very_high: 'govuk-tag--red' };

/** A meeting's state in words. */
export function meetingTag(m: Pick<MeetingRow, 'status' | 'held_at'>, now: Date): Tag {
  if (m.status === 'cancelled') return { text: 'Cancelled', classes: 'govuk-tag--grey' };
  if (m.status === 'held') return { text: 'Held', classes: 'govuk-tag--green' };
  return new Date(m.held_at).getTime() < now.getTime() ? { text: 'Attendance not recorded', classes: 'govuk-tag--orange' } : { text: 'Scheduled', classes: 'govuk-tag--blue' };
}

export function quorateTag(q: Quoracy, recorded: boolean): Tag {
  if (!recorded) return { text: 'Quoracy not known: attendance not recorded', classes: 'govuk-tag--grey' };
  return q.quorate ? { text: 'Quorate', classes: 'govuk-tag--green' } : { text: 'Not quorate', classes: 'govuk-tag--red' };
}

/** A group as a row of the boards page. */
export function groupRow(g: GroupRow) {
  return {
    href: groupPath(g.id),
    name: g.name,
    main: g.is_main,
    remit: g.remit,
    members: g.members === 1 ? '1 member' : `${g.members} members`,
    next: g.next_meeting_at ? `Next meeting ${formatDateTime(g.next_meeting_at)}` : 'No meeting scheduled',
    nextHref: g.next_meeting_id ? meetingPath(g.next_meeting_id) : null,
  };
}

/** A member, with their time on the group. */
export function memberRow(m: MemberRow, today: string) {
  const past = m.to_on !== null && m.to_on < today;
  return {
    id: m.id,
    name: m.name,
    jobTitle: m.job_title,
    agency: m.agency_name,
    role: labelOf(MEMBER_ROLES, m.role),
    period: m.to_on ? `${formatDate(m.from_on)} to ${formatDate(m.to_on)}` : `Since ${formatDate(m.from_on)}`,
    past,
    hasAccount: m.user_id !== null,
  };
}

export function meetingRow(m: MeetingRow, now: Date) {
  return {
    href: meetingPath(m.id),
    when: formatDateTime(m.held_at),
    location: m.location ?? 'Not given',
    tag: meetingTag(m, now),
    attendance: m.status === 'held' ? `${m.present} of ${m.recorded} present` : '',
  };
}

/** A file size in words: "812 KB", "2.4 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
};

export function agendaRow(a: AgendaRow, paperHref: (itemId: string) => string) {
  return {
    id: a.id,
    position: a.position,
    title: a.title,
    presenter: a.presenter,
    paper: a.paper_name ? { href: paperHref(a.id), name: a.paper_name, about: `${EXTENSIONS[a.paper_type ?? ''] ?? 'File'}, ${sizeText(a.paper_bytes ?? 0)}` } : null,
  };
}

/** A risk's score and band in words ("16, high"). */
export function scoreTag(likelihood: number, impact: number): Tag {
  const score = riskScore(likelihood, impact);
  const band = riskBand(score);
  return { text: `${score} – ${band.label}`, classes: BAND_CLASSES[band.code]! };
}

export function reviewText(r: Pick<RiskRow, 'review_on' | 'status' | 'closed_on'>, today: string): { text: string; overdue: boolean } {
  if (r.status === 'closed') return { text: r.closed_on ? `Closed ${formatDate(r.closed_on)}` : 'Closed', overdue: false };
  const overdue = reviewOverdue(r.review_on, today, r.status);
  return { text: overdue ? `Review overdue: was due ${formatDate(r.review_on)}` : `Review by ${formatDate(r.review_on)}`, overdue };
}

export function riskRow(r: RiskRow, today: string) {
  return {
    href: riskPath(r.id),
    reference: r.reference,
    title: r.title,
    kind: labelOf(RISK_KINDS, r.kind),
    score: scoreTag(r.likelihood, r.impact),
    owner: r.owner_agency_name ? `${r.owner_name}, ${r.owner_agency_name}` : r.owner_name,
    review: reviewText(r, today),
  };
}

type SummaryRow = { key: { text: string }; value: { text: string; classes?: string } };

export function riskSummary(r: RiskRow, today: string): SummaryRow[] {
  const row = (key: string, text: string | null, classes?: string): SummaryRow => ({ key: { text: key }, value: text ? { text, ...(classes ? { classes } : {}) } : { text: 'Not recorded' } });
  return [
    row('Board', r.board_name),
    row('Risk or issue', labelOf(RISK_KINDS, r.kind)),
    row('Description', r.description, 'app-narrative'),
    row('Likelihood', String(r.likelihood)),
    row('Impact', String(r.impact)),
    row('Score', scoreTag(r.likelihood, r.impact).text),
    row('Owner', r.owner_agency_name ? `${r.owner_name}, ${r.owner_agency_name}` : r.owner_name),
    row('Mitigations', r.mitigations, 'app-narrative'),
    row('Review', reviewText(r, today).text),
  ];
}

/** A meeting's column heading in the attendance table: its date. */
export function meetingHeading(heldOn: string): string {
  return formatDate(heldOn);
}

/** The attendance table's rows: the agency, a mark per meeting (blank where it had no member expected), the %. */
export function attendanceCells(r: AgencyAttendance & { agencyName: string }): string[] {
  return [r.agencyName, ...r.marks.map((m) => (m ? ATTENDANCE_MARKS[m] : '')), r.percent === null ? '' : `${r.percent}%`];
}

export function upcomingRow(m: UpcomingRow) {
  return { href: meetingPath(m.id), text: `${m.board_name}: ${m.group_name}`, when: formatDateTime(m.held_at), location: m.location };
}

/** The home page's panel: the next meetings, and the log's entries due for review soon (overdue first). */
export function homePanel(p: { meetings: UpcomingRow[]; risks: RiskRow[]; today: string }, links: { boardsHref: string; risksHref: string }) {
  return {
    meetings: p.meetings.map(upcomingRow),
    risks: p.risks.map((r) => ({ href: riskPath(r.id), text: `${r.reference}: ${r.title}`, board: r.board_name, review: reviewText(r, p.today) })),
    ...links,
  };
}
