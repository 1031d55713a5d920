/**
 * The partnership's action tracker: pure rules. An action has an owner agency and person, a due date, a status
 * (not started, in progress, completed, cancelled) with allowed moves between them, and a RAG rating (red, amber,
 * green). "Open" is neither completed nor cancelled; "overdue" is open and due before today; "on track" is open, not
 * overdue and not red. A "short" plan holds at most `max_open` open actions: the peer review's recommendation 1
 * ("The action plan is very detailed and complex… a much smaller number of game changing actions"). Completing an
 * action needs evidence; its impact is checked only after completion. Evidence files are checked by size, declared
 * type and their first bytes, and their names made safe. Reminders before the due date and the escalation once it
 * has passed are timed on the working-day calendar (timescales `partnership_action.reminder` and
 * `partnership_action.escalation`, a local standard). No I/O.
 */
import { type WorkingCalendar } from './calendar.js';
import { type Code, isCode, list } from './codes.js';
import { type LocalDate } from './time.js';

export const PEER_REVIEW_QUOTE = 'The action plan is very detailed and complex… a much smaller number of game changing actions';

export const ACTION_STATUSES = list({ not_started: 'Not started', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled' });
export type ActionStatus = 'not_started' | 'in_progress' | 'completed' | 'cancelled';

export const RAGS = list({ red: 'Red', amber: 'Amber', green: 'Green' });
export type Rag = 'red' | 'amber' | 'green';

export const PLAN_SOURCE_KINDS = list({
  learning_review: 'Learning review',
  case_audit: 'Multi-agency audit',
  inspection: 'Inspection',
  self_assessment: 'Self-assessment',
  peer_review: 'Peer review',
  board_decision: 'Board decision',
});

/** Sources a plan is made for by hand: those not held in Threshold. */
export const MANUAL_SOURCE_KINDS: readonly Code[] = PLAN_SOURCE_KINDS.filter((c) => c.code === 'inspection' || c.code === 'peer_review');

export const BOARD_KINDS = list({
  children: 'Children’s safeguarding partnership',
  adults: 'Safeguarding adults board',
  community_safety: 'Community safety partnership',
  joint: 'Joint (all boards)',
});

export const PLAN_STATUSES = list({ open: 'Open', closed: 'Closed' });

/** The largest number of open actions a short plan may be set to hold. */
export const MAX_OPEN_LIMIT = 20;

/** Where an action may move from each status. Completed or cancelled actions can be reopened. */
export const STATUS_TRANSITIONS: Record<ActionStatus, readonly ActionStatus[]> = {
  not_started: ['in_progress', 'completed', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: ['in_progress'],
  cancelled: ['not_started', 'in_progress'],
};

export function isStatus(value: string): value is ActionStatus {
  return isCode(ACTION_STATUSES, value);
}

export function isRag(value: string): value is Rag {
  return isCode(RAGS, value);
}

export function isOpenStatus(status: string): boolean {
  return status === 'not_started' || status === 'in_progress';
}

export interface ActionState {
  status: string;
  dueOn: LocalDate;
  rag: string;
}

/** Open and due before today. */
export function isOverdue(a: Pick<ActionState, 'status' | 'dueOn'>, today: LocalDate): boolean {
  return isOpenStatus(a.status) && a.dueOn < today;
}

/** Open, not overdue and not rated red. */
export function isOnTrack(a: ActionState, today: LocalDate): boolean {
  return isOpenStatus(a.status) && !isOverdue(a, today) && a.rag !== 'red';
}

export interface PlanLimit {
  short: boolean;
  maxOpen: number | null;
  /** Open actions in the plan now (not counting the one being added or reopened). */
  openCount: number;
}

/** The plain refusal a short plan gives when it already has its number of open actions. */
export function shortPlanMessage(maxOpen: number): string {
  return `This is a short plan: it can have at most ${maxOpen} open ${maxOpen === 1 ? 'action' : 'actions'}. Complete or cancel one before adding another.`;
}

/** Why a new open action (or a reopened one) may not be added to the plan, or null. */
export function shortPlanProblem(plan: PlanLimit): string | null {
  if (!plan.short || plan.maxOpen === null) return null;
  return plan.openCount >= plan.maxOpen ? shortPlanMessage(plan.maxOpen) : null;
}

/** Why a short plan's settings are wrong, or null. */
export function planSettingsProblem(short: boolean, maxOpen: number | null): string | null {
  if (!short) return null;
  if (maxOpen === null) return 'Enter how many open actions the short plan may have';
  if (!Number.isInteger(maxOpen) || maxOpen < 1 || maxOpen > MAX_OPEN_LIMIT) return `The number of open actions must be between 1 and ${MAX_OPEN_LIMIT}`;
  return null;
}

export interface ActionUpdateInput {
  /** The status chosen on the form (the same as now when unchanged). */
  status: string;
  isEvidence: boolean;
}

export interface ActionNow {
  status: string;
  /** Evidence updates already on the action. */
  evidenceCount: number;
  planOpen: boolean;
}

/**
 * What is wrong with an update, by field: a status it cannot move to, completing without evidence (at least one
 * evidence update, this one counting), reopening in a short plan that is full, or a closed plan.
 */
export function updateProblems(action: ActionNow, update: ActionUpdateInput, plan: PlanLimit): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!action.planOpen) {
    problems.note = 'This plan is closed: its actions can no longer be updated';
    return problems;
  }
  const from = action.status as ActionStatus;
  const to = update.status as ActionStatus;
  if (!isStatus(to)) {
    problems.status = 'Select the action’s status';
    return problems;
  }
  if (from !== to && !(STATUS_TRANSITIONS[from] ?? []).includes(to)) {
    problems.status = `An action that is ${statusWords(from)} cannot be marked ${statusWords(to)}`;
    return problems;
  }
  if (to === 'completed' && from !== 'completed' && action.evidenceCount === 0 && !update.isEvidence) {
    problems.isEvidence = 'An action can only be completed with evidence: mark this update as evidence, or add evidence first';
  }
  if (!isOpenStatus(from) && isOpenStatus(to)) {
    const full = shortPlanProblem(plan);
    if (full) problems.status = full.replace('before adding another', 'before reopening this one');
  }
  return problems;
}

function statusWords(status: string): string {
  return (ACTION_STATUSES.find((c) => c.code === status)?.label ?? status).toLowerCase();
}

/** Why the impact check cannot be recorded, or null: only after completion. */
export function impactProblem(status: string): string | null {
  return status === 'completed' ? null : 'The impact can only be checked once the action is completed';
}

// ——— evidence files ———

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

interface EvidenceKind {
  extensions: readonly string[];
  type: string;
  label: string;
  /** The file's first bytes, or a check of the whole content (plain text). */
  magic: (bytes: Buffer) => boolean;
}

const startsWith = (prefix: readonly number[]) => (bytes: Buffer) => bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
const ZIP = startsWith([0x50, 0x4b, 0x03, 0x04]);

/** Plain UTF-8 text with no NUL or other binary control characters. */
function isPlainText(bytes: Buffer): boolean {
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) return false;
  // eslint-disable-next-line no-control-regex -- binary control characters are exactly what plain text must not hold
  return !/[\u0000-\u0008\u000e-\u001f]/.test(text);
}

export const EVIDENCE_KINDS: readonly EvidenceKind[] = [
  { extensions: ['pdf'], type: 'application/pdf', label: 'PDF', magic: startsWith([0x25, 0x50, 0x44, 0x46, 0x2d]) },
  { extensions: ['docx'], type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word (DOCX)', magic: ZIP },
  { extensions: ['xlsx'], type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel (XLSX)', magic: ZIP },
  { extensions: ['odt'], type: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument text (ODT)', magic: ZIP },
  { extensions: ['png'], type: 'image/png', label: 'PNG', magic: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { extensions: ['jpg', 'jpeg'], type: 'image/jpeg', label: 'JPEG', magic: startsWith([0xff, 0xd8, 0xff]) },
  { extensions: ['txt'], type: 'text/plain', label: 'plain text', magic: isPlainText },
];

export const EVIDENCE_TYPES_TEXT = 'PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT), PNG, JPEG or plain text (TXT)';

/** A file name safe to store and send back: no path, only letters, digits, spaces, dots, hyphens and underscores. */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ._-]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/^[ .-]+/, '')
    .trim();
  const dot = cleaned.lastIndexOf('.');
  if (cleaned.length <= 100) return cleaned || 'evidence';
  const ext = dot > 0 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 100 - ext.length) + ext;
}

export type EvidenceCheck = { ok: true; name: string; type: string; bytes: number } | { ok: false; problem: string };

/** Checks an uploaded evidence file: not empty, not over 5 MB, an allowed type by extension, declared type AND first bytes. */
export function checkEvidenceFile(file: { name: string; declaredType: string; content: Buffer; truncated?: boolean }): EvidenceCheck {
  if (file.truncated || file.content.length > MAX_EVIDENCE_BYTES) return { ok: false, problem: 'The file must be 5 MB or smaller' };
  if (file.content.length === 0) return { ok: false, problem: 'The selected file is empty' };
  const name = sanitiseFileName(file.name);
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const kind = EVIDENCE_KINDS.find((k) => k.extensions.includes(ext));
  if (!kind) return { ok: false, problem: `The file must be a ${EVIDENCE_TYPES_TEXT}` };
  const declared = file.declaredType.split(';')[0]!.trim().toLowerCase();
  if (declared !== kind.type || !kind.magic(file.content)) return { ok: false, problem: `The file is not a real ${kind.label} file: check it and upload it again` };
  return { ok: true, name, type: kind.type, bytes: file.content.length };
}

// ——— reminders and escalation ———

export interface ReminderState {
  status: string;
  dueOn: LocalDate;
  remindedOn: LocalDate | null;
  escalatedOn: LocalDate | null;
}

/** The day a reminder is due: `days` working days before the due date. */
export function reminderDate(calendar: WorkingCalendar, dueOn: LocalDate, days: number): LocalDate {
  return calendar.subtractWorkingDays(dueOn, days);
}

/** The day an overdue action is escalated: `days` working days after the due date (1: the first working day after it). */
export function escalationDate(calendar: WorkingCalendar, dueOn: LocalDate, days: number): LocalDate {
  return calendar.addWorkingDays(dueOn, Math.max(days, 0));
}

/**
 * What to send for an action today, once each: the escalation when it is open and past its escalation day; else the
 * reminder when it is open, not yet overdue, and on or after its reminder day.
 */
export function dueNotice(a: ReminderState, today: LocalDate, calendar: WorkingCalendar, timescales: { reminderDays: number; escalationDays: number }): 'escalate' | 'remind' | null {
  if (!isOpenStatus(a.status)) return null;
  if (isOverdue(a, today)) {
    return !a.escalatedOn && today >= escalationDate(calendar, a.dueOn, timescales.escalationDays) ? 'escalate' : null;
  }
  return !a.remindedOn && today >= reminderDate(calendar, a.dueOn, timescales.reminderDays) ? 'remind' : null;
}

// ——— counts ———

export interface RagCounts {
  red: number;
  amber: number;
  green: number;
  completed: number;
  overdue: number;
  open: number;
}

/** Open actions by RAG, completed, overdue and open, for a plan's page. */
export function ragCounts(actions: readonly ActionState[], today: LocalDate): RagCounts {
  const out: RagCounts = { red: 0, amber: 0, green: 0, completed: 0, overdue: 0, open: 0 };
  for (const a of actions) {
    if (a.status === 'completed') out.completed += 1;
    if (!isOpenStatus(a.status)) continue;
    out.open += 1;
    if (isRag(a.rag)) out[a.rag] += 1;
    if (isOverdue(a, today)) out.overdue += 1;
  }
  return out;
}
