/** View data for contact pages: pure functions, unit-tested. */
import { personName } from '../../domain/names.js';
import { CHANNELS, NOTIFICATION_TYPES, RISK_LEVELS } from '../../domain/intake.js';
import { CONCERNS, CONSENT, CONTACT_SOURCES, CONTACT_TYPES, LAWFUL_BASES, SUBJECT_ROLES, labelOf } from '../../domain/codes.js';
import { CONTACT_STATUSES, type ContactStatus, outcomeOf, THRESHOLD_LEVELS } from '../../domain/screening.js';
import { type DeadlineState } from '../../domain/timescales.js';
import { formatDateTime } from '../../platform/views.js';
import { type ContactDetails } from './contact-repository.js';
import { RAG_RATINGS, labelOfRag } from '../../domain/intake.js';
import { SCREENING_OUTCOMES } from '../../domain/screening.js';
import { type Permission } from '../../domain/roles.js';
import { type ContactPageData } from './contact-page.js';
import { requestDeadline } from './information-request-presenters.js';
import { frontDoorPath } from './paths.js';
import { pagination } from '../../platform/pagination.js';
import { CONTACT_LIST_FILTERS, type ContactListFilter } from './contact-repository.js';

export function deadlineTag(state: DeadlineState | 'done-in-time' | 'done-late' | null): { text: string; classes: string } | null {
  switch (state) {
    case 'done-in-time':
      return { text: 'Done in time', classes: 'govuk-tag--green' };
    case 'done-late':
      return { text: 'Done late', classes: 'govuk-tag--orange' };
    case 'overdue':
      return { text: 'Overdue', classes: 'govuk-tag--red' };
    case 'due-today':
      return { text: 'Due today', classes: 'govuk-tag--yellow' };
    case 'due-later':
      return { text: 'On time', classes: 'govuk-tag--green' };
    default:
      return null;
  }
}

export function statusTag(status: string): { text: string; classes: string } {
  const text = CONTACT_STATUSES[status as ContactStatus] ?? status;
  const classes: Record<string, string> = {
    draft: 'govuk-tag--grey',
    open: 'govuk-tag--blue',
    awaiting_authorisation: 'govuk-tag--purple',
    decided: 'govuk-tag--green',
  };
  return { text, classes: classes[status] ?? 'govuk-tag--grey' };
}

interface SummaryRow {
  key: { text: string };
  value: { text?: string; html?: string; classes?: string };
  actions?: { items: { href: string; text: string; visuallyHiddenText: string }[] };
}

function row(key: string, text: string, change?: { href: string; hidden: string }): SummaryRow {
  return {
    key: { text: key },
    value: { text: text || 'Not recorded' },
    ...(change ? { actions: { items: [{ href: change.href, text: 'Change', visuallyHiddenText: change.hidden }] } } : {}),
  };
}

export type ContactDetailsView = Omit<ContactDetails, 'sourceAgencyId'> & { sourceAgencyName: string | null; riskLevel?: string | null; language?: string | null };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const RTL_LANGUAGES = new Set(['ar', 'ur', 'fa', 'he', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** A language's English name ("pl" → "Polish"); the code itself when the runtime does not know it. */
function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "What happened" as written: in the referrer's language (marked, so it is read and shown as that language) when not English. */
function narrativeRow(c: ContactDetailsView, change?: { href: string; hidden: string }): SummaryRow {
  const base = row('What happened', c.narrative, change);
  if (!c.language || c.language === 'en') return { ...base, value: { text: c.narrative, classes: 'app-narrative' } };
  const dir = RTL_LANGUAGES.has(c.language.split('-')[0]!) ? 'rtl' : 'ltr';
  return { ...base, value: { html: `<span lang="${escapeHtml(c.language)}" dir="${dir}">${escapeHtml(c.narrative)}</span>`, classes: 'app-narrative' } };
}

function multiline(key: string, text: string | null, change?: { href: string; hidden: string }): SummaryRow {
  return { ...row(key, text ?? '', change), value: { text: text || 'Not recorded', classes: 'app-narrative' } };
}

/** Summary-list rows for a contact's details; with `changeHref` each row links back to the form. */
export function detailRows(c: ContactDetailsView, changeHref?: string): SummaryRow[] {
  const change = (field: string, hidden: string) => (changeHref ? { href: `${changeHref}#${field}`, hidden } : undefined);
  const referrer = [c.referrerName, c.referrerRole, c.sourceAgencyName].filter(Boolean).join(', ');
  const contactWays = [c.referrerPhone, c.referrerEmail].filter(Boolean).join(', ');
  const rows: SummaryRow[] = [
    row('About', labelOf(CONTACT_TYPES, c.contactType), change('contactType', 'who the contact is about')),
    row('Source', labelOf(CONTACT_SOURCES, c.sourceCode), change('sourceCode', 'the source')),
    row('Referrer', referrer, change('referrerName', 'the referrer')),
    row('Referrer’s contact details', contactWays, change('referrerPhone', 'the referrer’s contact details')),
    row('Received', formatDateTime(c.receivedAt), change('receivedAt-day', 'when the contact was received')),
    row('Incident', c.incidentAt ? formatDateTime(c.incidentAt) : '', change('incidentAt-day', 'when the incident happened')),
    row('Concerns', c.concerns.map((x) => labelOf(CONCERNS, x)).join(', '), change('concerns', 'the concerns')),
    ...(c.language && c.language !== 'en' ? [row('Language', `${languageName(c.language)} – the reporter’s own words, not translated`)] : []),
    narrativeRow(c, change('narrative', 'what happened')),
    row(
      'Consent',
      c.consent === 'overridden'
        ? `${labelOf(CONSENT, c.consent)}: ${labelOf(LAWFUL_BASES, c.consentLawfulBasis)}. ${c.consentReason ?? ''}`
        : labelOf(CONSENT, c.consent),
      change('consent', 'consent'),
    ),
    row('How it arrived', labelOf(CHANNELS, c.channel), change('channel', 'how the contact arrived')),
    ...(c.riskLevel ? [row('Police risk grading', labelOf(RISK_LEVELS, c.riskLevel))] : []),
    multiline('What we are worried about', c.worriedAbout, change('worriedAbout', 'what the referrer is worried about')),
    multiline('What is working well', c.workingWell, change('workingWell', 'what is working well')),
    multiline('What needs to happen', c.needsToHappen, change('needsToHappen', 'what needs to happen')),
    row('Restricted record', c.restricted ? 'Yes: opening it needs a stated reason' : 'No', change('restricted', 'whether the record is restricted')),
  ];
  return rows;
}

export function subjectRole(role: string): string {
  return labelOf(SUBJECT_ROLES, role);
}

export function decisionSummary(d: { threshold_level: number; outcome: string; passed_to: string | null }): string {
  const level = THRESHOLD_LEVELS.find((t) => t.level === d.threshold_level)?.label ?? `Level ${d.threshold_level}`;
  const outcome = outcomeOf(d.outcome)?.label ?? d.outcome;
  return `${level}. ${outcome}${d.passed_to ? ` (${d.passed_to})` : ''}`;
}

/** The name shown for a person in lists: restricted people are not named to those who have not opened them. */
export { displayName } from '../../domain/names.js';

/** A later notification attached to the contact: who reported it, when, and which rule linked it. */
export function updateSummary(u: { id: string; channel: string; notification_type: string | null; source_agency_name: string | null; referrer_name: string | null; received_at: string | Date; risk_level: string | null; narrative: string; matched_by: string }) {
  const by = [u.referrer_name, u.source_agency_name].filter(Boolean).join(', ') || 'Not recorded';
  return {
    id: u.id,
    title: `${labelOf(NOTIFICATION_TYPES, u.notification_type) || 'Notification'} from ${by}`,
    receivedAt: formatDateTime(u.received_at),
    channel: labelOf(CHANNELS, u.channel),
    risk: u.risk_level ? labelOf(RISK_LEVELS, u.risk_level) : null,
    matchedBy: u.matched_by === 'same_police_reference' ? 'the same police reference' : 'the same people at the same place and time',
    narrative: u.narrative,
  };
}

/** Who is looking at a contact's page: the page offers only what they may do. */
export interface PageViewer {
  userId: string;
  agencyId: string;
  can(permission: Permission): boolean;
}

// The language a reporter wrote in stays beside their words: the summary shows it whenever it is not English.
const SUMMARY_KEYS = new Set(['Received', 'Concerns', 'Language', 'What happened']);

/** The contact page's data: what the contact is, what happened, and what this viewer may do next. */
export function presentContactPage(data: ContactPageData, viewer: PageViewer, now: Date) {
  const { view, owning } = data;
  const c = view.contact;
  const latest = view.decisions[0];
  const rows = detailRows({ ...c, sourceAgencyName: c.sourceAgencyName });
  return {
    pageTitle: `Contact ${c.reference}`,
    ...view,
    rows,
    /** The summary's share of the details: when it came in, the concerns and what happened. */
    summaryRows: rows.filter((r) => SUMMARY_KEYS.has(r.key.text)),
    latestDecision: latest ? { ...latest, summary: decisionSummary(latest) } : null,
    statusTag: statusTag(c.status),
    deadline: deadlineTag(view.state),
    subjects: view.subjects.map((s) => ({ ...s, roleLabel: subjectRole(s.role), name: personName(s) })),
    decisions: view.decisions.map((d) => ({ ...d, summary: decisionSummary(d) })),
    clocks: data.clocks.map((k) => ({ ...k, tag: deadlineTag(k.state) })),
    canScreen: owning && viewer.can('contact:screen') && c.status === 'open',
    canAuthorise: owning && viewer.can('contact:authorise') && c.status === 'awaiting_authorisation' && latest?.decided_by_user_id !== viewer.userId,
    canManage: owning && viewer.can('contact:screen'),
    canSeeAudit: owning && viewer.can('audit:view'),
    agencies: data.agencies,
    workers: data.workers,
    thresholdLevels: THRESHOLD_LEVELS,
    outcomes: SCREENING_OUTCOMES.filter((o) => o.contactTypes.includes(c.contactType)),
    unmatched: data.named.filter((n) => !n.person_id).map((n) => ({ ...n, roleLabel: subjectRole(n.role), name: personName(n) })),
    updates: data.updates.map(updateSummary),
    requests: data.requests.map((r) => ({ ...r, ragTag: labelOfRag(r.rag), deadline: requestDeadline(r, now) })),
    alerts: data.alerts,
    daCase: data.daCase,
    canRecordDa: owning && viewer.can('da:triage') && c.status !== 'draft',
    rag: labelOfRag(c.rag),
    ragItems: RAG_RATINGS.map((r) => ({ value: r.code, text: r.label, checked: c.rag === r.code })),
    recordedBy: c.createdByName ?? (c.channel === 'api' ? `${c.sourceAgencyName ?? 'An agency'}’s system (API)` : 'Not known'),
    backLink: owning ? { href: frontDoorPath('worklist', {}), text: 'Worklist' } : { href: frontDoorPath('contacts', {}), text: 'Contacts' },
  };
}

/** The worklist's filters as chosen in its query string; anything not offered is "all" (or the deadline order). */
export interface WorklistChoice {
  status: 'open' | 'awaiting_authorisation' | 'all';
  due: 'overdue' | 'today' | 'all';
  rag: 'red' | 'amber' | 'green' | 'none' | 'all';
  allocated: 'me' | 'nobody' | 'all';
  sort: 'deadline' | 'rag';
}

export function worklistChoice(q: Record<string, unknown>): WorklistChoice {
  const one = <T extends string>(value: unknown, allowed: readonly T[], otherwise: T): T => (typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : otherwise);
  return {
    status: one(q.status, ['open', 'awaiting_authorisation'], 'all'),
    due: one(q.due, ['overdue', 'today'], 'all'),
    rag: one(q.rag, ['red', 'amber', 'green', 'none'], 'all'),
    allocated: one(q.allocated, ['me', 'nobody'], 'all'),
    sort: one(q.sort, ['rag'], 'deadline'),
  };
}

/** The worklist page: one page of rows, tagged, with its filters, its total and the GOV.UK pagination's links. */
export function presentWorklist<T extends { state: DeadlineState | null; status: string; rag: string | null; restricted: boolean; subjects: string | null }>(
  rows: readonly T[],
  counts: unknown,
  choice: WorklistChoice,
  page: number,
  pageSize: number,
  total: number,
) {
  return {
    pageTitle: 'Worklist',
    items: rows.slice(0, pageSize).map((i) => ({ ...i, tag: deadlineTag(i.state), statusTag: statusTag(i.status), ragTag: labelOfRag(i.rag), subjects: i.restricted ? 'Restricted' : i.subjects })),
    counts,
    filter: choice,
    page,
    total,
    pagination: pagination(page, total, pageSize, (n) => frontDoorPath('worklist', {}, { ...worklistQuery(choice), page: n > 1 ? n : null })),
  };
}

/** The worklist's filters as a query string: only those not at their default, so links stay short. */
export function worklistQuery(choice: WorklistChoice): Record<string, string> {
  const defaults: WorklistChoice = { status: 'all', due: 'all', rag: 'all', allocated: 'all', sort: 'deadline' };
  return Object.fromEntries(Object.entries(choice).filter(([k, v]) => defaults[k as keyof WorklistChoice] !== v));
}

/** The contacts list's filter from its query string; anything not offered is everything the viewer may see. */
export function contactListChoice(q: Record<string, unknown>): ContactListFilter {
  return typeof q.show === 'string' && (CONTACT_LIST_FILTERS as readonly string[]).includes(q.show) ? (q.show as ContactListFilter) : 'all';
}

const CONTACT_LIST_TABS: { show: ContactListFilter; text: string; caption: string }[] = [
  { show: 'all', text: 'All', caption: 'Contacts your agency sent, owns, or that were shared with it, newest first' },
  { show: 'drafts', text: 'Your drafts', caption: 'Contacts you started and have not submitted yet' },
  { show: 'sent', text: 'Awaiting a decision', caption: 'Contacts your agency sent that the front door has still to decide' },
  { show: 'shared', text: 'Shared in the last 7 days', caption: 'Contacts shared with your agency in the last 7 days' },
];

/** The contacts list: one page for a filter, its total (the same figure the home page counts) and its tabs. */
export function presentContactList<T extends { id: string; status: string; restricted: boolean; subjects: string | null }>(
  rows: readonly T[],
  counts: Record<ContactListFilter, number>,
  show: ContactListFilter,
  page: number,
  pageSize: number,
) {
  const tab = CONTACT_LIST_TABS.find((t) => t.show === show)!;
  return {
    pageTitle: show === 'all' ? 'Contacts' : `Contacts: ${tab.text.toLowerCase()}`,
    caption: tab.caption,
    tabs: CONTACT_LIST_TABS.map((t) => ({ text: `${t.text} (${counts[t.show]})`, href: frontDoorPath('contacts', {}, { show: t.show === 'all' ? null : t.show }), active: t.show === show })),
    items: rows.slice(0, pageSize).map((i) => ({
      ...i,
      href: i.status === 'draft' ? frontDoorPath('check', { id: i.id }) : frontDoorPath('contact', { id: i.id }),
      statusTag: statusTag(i.status),
      subjects: i.restricted ? 'Restricted' : i.subjects,
    })),
    total: counts[show],
    pagination: pagination(page, counts[show], pageSize, (n) => frontDoorPath('contacts', {}, { show: show === 'all' ? null : show, page: n > 1 ? n : null })),
  };
}

/** The parts of a submitted contact's record, each a page of its own under the summary. */
export type ContactSection = 'summary' | 'people' | 'history' | 'screening' | 'authorisation' | 'allocation' | 'sharing';

/**
 * The contact's sub-navigation (MOJ sub navigation): the summary, people and matching, details and history for
 * everyone who may open it; screening (or authorisation, while a decision waits for it), allocation and sharing for
 * its owning front door. The page being shown is marked.
 */
export function contactSubNavigation(id: string, current: ContactSection, may: { manage: boolean; authorise: boolean; status: string }) {
  const items: { section: ContactSection; text: string; href: string }[] = [
    { section: 'summary', text: 'Summary', href: frontDoorPath('contact', { id }) },
    { section: 'people', text: 'People and matching', href: frontDoorPath('contactPeople', { id }) },
    { section: 'history', text: 'Details and history', href: frontDoorPath('contactHistory', { id }) },
  ];
  if (may.manage) {
    if (may.authorise && may.status === 'awaiting_authorisation') items.push({ section: 'authorisation', text: 'Authorisation', href: frontDoorPath('authorisation', { id }) });
    else items.push({ section: 'screening', text: 'Screening decision', href: frontDoorPath('screening', { id }) });
    items.push({ section: 'allocation', text: 'Allocation', href: frontDoorPath('allocation', { id }) }, { section: 'sharing', text: 'Sharing', href: frontDoorPath('shares', { id }) });
  }
  return {
    label: 'Parts of this contact',
    items: items.map((i) => ({ text: i.text, href: i.href, ...(i.section === current || (current === 'authorisation' && i.section === 'screening') ? { active: true } : {}) })),
  };
}

const SECTION_TITLES: Record<ContactSection, string> = {
  summary: '',
  people: 'people and matching',
  history: 'details and history',
  screening: 'screening decision',
  authorisation: 'authorise the decision',
  allocation: 'allocation and urgency',
  sharing: 'sharing',
};

/** A section page's title: "Contact C-2026-000123: sharing". */
export function contactSectionTitle(reference: string | null, section: ContactSection): string {
  return section === 'summary' ? `Contact ${reference ?? ''}` : `Contact ${reference ?? ''}: ${SECTION_TITLES[section]}`;
}
