/** Words, tags, rows and links for the action tracker's pages: states in words, never colour alone. */
import { labelOf } from '../../domain/codes.js';
import { ACTION_STATUSES, BOARD_KINDS, PLAN_SOURCE_KINDS, RAGS, isOpenStatus, isOverdue } from '../../domain/actions.js';
import { type Permission } from '../../domain/roles.js';
import { type LocalDate } from '../../domain/time.js';
import { formatDate, formatDateTime } from '../../platform/views.js';
import { actionPath, partnershipActionPath, planPath } from './paths.js';
import { type ActionFilter, type ActionRow, type ListedAction, type PlanListRow, type UpdateRow } from './repository.js';

export interface Tag {
  text: string;
  classes: string;
}

const RAG_CLASSES: Record<string, string> = { red: 'govuk-tag--red', amber: 'govuk-tag--orange', green: 'govuk-tag--green' };

/** The RAG rating in words (an action no longer open shows its status instead). */
export function ragTag(rag: string, status: string): Tag {
  if (status === 'completed') return { text: 'Completed', classes: 'govuk-tag--blue' };
  if (status === 'cancelled') return { text: 'Cancelled', classes: 'govuk-tag--grey' };
  return { text: `${labelOf(RAGS, rag)} RAG`, classes: RAG_CLASSES[rag] ?? 'govuk-tag--grey' };
}

export function statusText(status: string): string {
  return labelOf(ACTION_STATUSES, status);
}

export function boardText(board: string): string {
  return labelOf(BOARD_KINDS, board);
}

export function sourceText(kind: string): string {
  return labelOf(PLAN_SOURCE_KINDS, kind);
}

/** The due date in words: overdue (red), due today, or the date. */
export function dueText(a: { status: string; due_on: string }, today: LocalDate): { text: string; tag: Tag | null } {
  if (isOverdue({ status: a.status, dueOn: a.due_on }, today)) return { text: `Overdue: was due ${formatDate(a.due_on)}`, tag: { text: 'Overdue', classes: 'govuk-tag--red' } };
  if (isOpenStatus(a.status) && a.due_on === today) return { text: `Due today, ${formatDate(a.due_on)}`, tag: { text: 'Due today', classes: 'govuk-tag--orange' } };
  return { text: formatDate(a.due_on), tag: null };
}

export function ownerText(a: Pick<ActionRow, 'owner_name' | 'owner_agency_name' | 'owner_user_name'>): string {
  return `${a.owner_name}, ${a.owner_agency_name}`;
}

/** A row of the plans list. */
export function planRow(p: PlanListRow) {
  return {
    href: planPath(p.id),
    reference: p.reference,
    title: p.title,
    source: `${sourceText(p.source_kind)}: ${p.source_title}`,
    board: boardText(p.board_kind),
    short: p.short ? `Short plan: at most ${p.max_open} open` : null,
    restricted: p.restricted,
    status: p.status === 'open' ? { text: 'Open', classes: 'govuk-tag--blue' } : { text: 'Closed', classes: 'govuk-tag--grey' },
    counts: `${p.open} open${p.overdue ? ` (${p.overdue} overdue)` : ''}, ${p.completed} completed, ${p.total} in all`,
  };
}

/** A row of a list of actions (the actions list, "our actions", a plan's page). */
export function actionRow(a: ActionRow & Partial<Pick<ListedAction, 'plan_reference' | 'plan_title'>>, today: LocalDate) {
  const due = dueText(a, today);
  return {
    href: partnershipActionPath(a.id),
    reference: a.reference,
    description: a.description,
    owner: ownerText(a),
    due: due.text,
    dueTag: due.tag,
    status: statusText(a.status),
    rag: ragTag(a.rag, a.status),
    plan: a.plan_reference ? { href: planPath(a.plan_id), text: `${a.plan_reference}: ${a.plan_title}` } : null,
  };
}

/** One entry of an action's timeline. */
export function timelineItem(u: UpdateRow, actionId: string) {
  const changes: string[] = [];
  if (u.status) changes.push(`Status: ${statusText(u.status)}`);
  if (u.rag) changes.push(`RAG: ${labelOf(RAGS, u.rag)}`);
  return {
    when: formatDateTime(u.at),
    by: [u.by_name, u.by_agency].filter(Boolean).join(', ') || 'Unknown',
    note: u.note,
    evidence: u.is_evidence,
    changes: changes.join('. '),
    file: u.file_name ? { name: u.file_name, size: sizeText(u.file_bytes ?? 0), href: actionPath('evidenceFile', { id: actionId, updateId: u.id }) } : null,
  };
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The actions list's address for a filter: every figure on the dashboard links to the list it counts. */
export function actionsHref(f: ActionFilter): string {
  const query: Record<string, string> = {};
  if (f.board) query.board = f.board;
  if (f.rag) query.rag = f.rag;
  if (f.state) query.state = f.state;
  if (f.agencyId) query.agency = f.agencyId;
  if (f.planId) query.plan = f.planId;
  return actionPath('actions', {}, query);
}

/** What a filter lists, in words (the actions list's heading). */
export function filterText(f: ActionFilter, agencyName: string | null): string {
  const parts: string[] = [];
  const state: Record<string, string> = { open: 'Open', completed: 'Completed', cancelled: 'Cancelled', overdue: 'Overdue', on_track: 'On track' };
  parts.push(f.state ? state[f.state]! : 'All');
  if (f.rag) parts.push(`${labelOf(RAGS, f.rag).toLowerCase()} RAG`);
  parts.push('actions');
  if (f.board) parts.push(`of the ${boardText(f.board).replace(/^Joint \(all boards\)$/, 'joint plans')}`);
  if (agencyName) parts.push(`owned by ${agencyName}`);
  return parts.join(' ');
}

export interface DashboardBoard {
  board: string;
  red: number;
  amber: number;
  green: number;
  completed: number;
  overdue: number;
}

/** A board's row on the dashboard: each figure with the link to the list it counts. */
export function dashboardRow(b: DashboardBoard) {
  const cell = (n: number, f: ActionFilter) => ({ n, href: actionsHref(f) });
  return {
    board: boardText(b.board),
    red: cell(b.red, { board: b.board, state: 'open', rag: 'red' }),
    amber: cell(b.amber, { board: b.board, state: 'open', rag: 'amber' }),
    green: cell(b.green, { board: b.board, state: 'open', rag: 'green' }),
    completed: cell(b.completed, { board: b.board, state: 'completed' }),
    overdue: cell(b.overdue, { board: b.board, state: 'overdue' }),
    plans: actionPath('plans', {}, { board: b.board }),
  };
}

/** The partnership's sections, each shown only when the viewer's permissions reach it. */
export function hubSections(permissions: ReadonlySet<Permission>) {
  const any = (...p: Permission[]) => p.some((x) => permissions.has(x));
  const follows = any('partnership:view', 'partnership:manage');
  const sections: { href: string; text: string; hint: string; show: boolean }[] = [
    { href: actionPath('ours', {}), text: 'Our actions', hint: 'Your agency’s open partnership actions, overdue first', show: any('actions:update') },
    { href: actionPath('plans', {}), text: 'Action plans', hint: 'Plans from reviews, audits, inspections, self-assessment, the peer review and board decisions', show: follows },
    { href: '/partnership/boards', text: 'Boards', hint: 'The boards and their sub-groups, members, meetings and attendance', show: follows },
    { href: '/partnership/risks', text: 'Issues and risk log', hint: 'Each board’s issues and risks, with owners, mitigations and review dates', show: follows },
    { href: '/partnership/reviews', text: 'Learning reviews', hint: 'Rapid reviews, LCSPRs, safeguarding adults reviews, domestic homicide reviews, practice reviews and child death reviews', show: any('reviews:manage', 'partnership:view') },
    { href: '/partnership/audits', text: 'Multi-agency audits', hint: 'The audit programme, samples, each agency’s grading and findings', show: follows },
    { href: '/partnership/training', text: 'Training', hint: 'Multi-agency courses, sessions, bookings and their impact', show: any('training:book', 'training:manage') },
    { href: '/partnership/self-assessment', text: 'Self-assessment', hint: 'S11, S175, the voluntary sector’s tool, the joint tool and DA self-assessment', show: any('self_assessment:complete', 'partnership:view', 'partnership:manage') },
    { href: '/partnership/public-site/services', text: 'Public site: Find help and campaigns', hint: 'The directory of local and national services the public can find, when each was last checked, and the awareness campaigns', show: any('public_content:manage') },
    { href: '/measures/partnership', text: 'Partnership measures', hint: 'Training, self-assessment, actions and attendance measures, and each board’s annual report data', show: any('measures:view') },
  ];
  return sections.filter((s) => s.show).map(({ href, text, hint }) => ({ href, text, hint }));
}

/** Whether a user has any of the partnership's permissions (the hub's own check). */
export function hasPartnershipPermission(permissions: ReadonlySet<Permission>): boolean {
  const PARTNERSHIP: Permission[] = ['partnership:manage', 'partnership:view', 'reviews:manage', 'actions:update', 'audits:grade', 'training:book', 'training:manage', 'self_assessment:complete'];
  return PARTNERSHIP.some((p) => permissions.has(p));
}

/** The banner after a change. */
export function doneMessage(done: string): string | null {
  const messages: Record<string, string> = {
    plan: 'The plan has been made',
    recommendation: 'The recommendation has been added',
    action: 'The action has been added',
    closed: 'The plan has been closed',
    updated: 'The update has been saved',
    impact: 'The impact check has been recorded',
  };
  return messages[done] ?? null;
}
