/** Words, tags and rows for the learning reviews' pages: states in words, never colour alone; the subject by pseudonym only. */
import { labelOf } from '../../domain/codes.js';
import {
  ALL_DECISIONS,
  BOARD_KINDS,
  CDOP_CATEGORIES,
  type Clock,
  MODIFIABLE_FACTORS,
  REPORT_RECIPIENT,
  REVIEW_KINDS,
  REVIEW_STAGES,
  type ReviewKind,
  type ReviewStep,
  s44CriteriaMet,
} from '../../domain/learning-reviews.js';
import { type LocalDate } from '../../domain/time.js';
import { formatDate } from '../../platform/views.js';
import { personPath } from '../people/paths.js';
import { reviewPath, reviewsPath } from './paths.js';
import { type AgencyRow, type ListRow, type ListTab, type ReviewRow } from './repository.js';

export interface Tag {
  text: string;
  classes: string;
}

type Row = { key: { text: string }; value: { text?: string; html?: string; classes?: string } };
const row = (key: string, text: string | null | undefined, missing = 'Not recorded'): Row => ({ key: { text: key }, value: text ? { text } : { text: missing } });
const narrative = (key: string, text: string | null | undefined, missing = 'Not recorded'): Row => ({ key: { text: key }, value: text ? { text, classes: 'app-narrative' } : { text: missing } });
const date = (d: LocalDate | null | undefined) => (d ? formatDate(d) : null);

export const TAB_TITLES: Record<ListTab, string> = {
  active: 'Under way',
  notified: 'Notified',
  rapid_review: 'Rapid review',
  in_review: 'In review',
  report: 'Report',
  published: 'Published',
  closed: 'Closed',
};

export const STEP_TITLES: Record<ReviewStep, string> = {
  notification: 'Record the notification sent to the Panel',
  rapid: 'Record the rapid review and its decision',
  panel: 'Record the decision sent to the Panel',
  lcspr: 'Start the LCSPR',
  decision: 'Record the decision on a domestic homicide review',
  sar: 'Record the Care Act s44 criteria and the decision',
  cdop: 'Record the category of death, modifiable factors and learning',
  terms: 'Terms of reference and reviewer',
  agencies: 'Agencies taking part',
  findings: 'Add a finding',
  report: 'Record the final report sent',
  hold: 'Hold publication for criminal proceedings',
  release: 'Release publication',
  publish: 'Record publication',
  close: 'Close the review',
  plan: 'Make an action plan',
};

export function kindText(kind: string): string {
  return labelOf(REVIEW_KINDS, kind);
}

/** Where a review stands, in words (held publication said too). */
export function stageTag(r: Pick<ReviewRow, 'stage' | 'publication_held'>): Tag {
  const classes: Record<string, string> = { notified: 'govuk-tag--blue', rapid_review: 'govuk-tag--yellow', in_review: 'govuk-tag--yellow', report: 'govuk-tag--turquoise', published: 'govuk-tag--green', closed: 'govuk-tag--grey' };
  const text = labelOf(REVIEW_STAGES, r.stage);
  return { text: r.publication_held && r.stage !== 'published' && r.stage !== 'closed' ? `${text}: publication held` : text, classes: classes[r.stage] ?? 'govuk-tag--grey' };
}

/** A clock's state in words with its date. */
export function clockTag(c: Clock): Tag {
  switch (c.state) {
    case 'met':
      return { text: `Done ${formatDate(c.doneOn)}: in time`, classes: 'govuk-tag--green' };
    case 'late':
      return { text: `Done ${formatDate(c.doneOn)}: late (was due ${formatDate(c.dueOn)})`, classes: 'govuk-tag--orange' };
    case 'overdue':
      return { text: `Overdue: was due ${formatDate(c.dueOn)}`, classes: 'govuk-tag--red' };
    case 'held':
      return { text: `Held for criminal proceedings (was due ${formatDate(c.dueOn)})`, classes: 'govuk-tag--purple' };
    case 'due':
      return { text: `Due ${formatDate(c.dueOn)}`, classes: 'govuk-tag--grey' };
  }
}

/** The next clock of a review in a list: overdue, or due. */
export function dueTag(nextDueOn: LocalDate | null, today: LocalDate): Tag | null {
  if (!nextDueOn) return null;
  return nextDueOn < today ? { text: `Overdue: was due ${formatDate(nextDueOn)}`, classes: 'govuk-tag--red' } : { text: `Due ${formatDate(nextDueOn)}`, classes: 'govuk-tag--grey' };
}

/** A row of the list of reviews: reference, the title and the pseudonym, never a name. */
export function listRow(r: ListRow, today: LocalDate) {
  return {
    href: reviewPath(r.id),
    reference: r.reference,
    title: r.title,
    pseudonym: r.subject_pseudonym,
    kind: kindText(r.kind),
    stage: stageTag(r),
    due: dueTag(r.next_due_on, today),
    learned: date(r.learned_on) ?? formatDate(r.incident_on),
    published: date(r.published_on),
  };
}

/** The review's dates from notification to publication, each with its clock's tag where one runs (a table's rows). */
export function timeline(r: ReviewRow, clocks: readonly Clock[]): { label: string; date: string; tag: Tag | null }[] {
  const clock = (code: Clock['code']) => clocks.find((c) => c.code === code) ?? null;
  const out: { label: string; date: string; tag: Tag | null }[] = [];
  const add = (label: string, on: LocalDate | null, c: Clock | null = null) => {
    if (on || c) out.push({ label, date: date(on) ?? 'Not yet', tag: c ? clockTag(c) : null });
  };
  add('Incident', r.incident_on);
  add(r.kind === 'dhr' ? 'The partnership was notified of the death' : r.kind === 'sar' ? 'Referral received' : 'The local authority learned of it', r.learned_on);
  if (r.kind === 'rapid_review') {
    add('Serious incident notified to the Panel', r.notified_on, clock('notification'));
    add('Rapid review held', r.rapid_review_held_on, clock('rapid_review'));
    add('Decision sent to the Panel', r.panel_sent_on, clock('panel'));
  } else {
    add('Decision', r.decided_on, clock('dhr_decision'));
  }
  if (r.kind !== 'rapid_review' && r.kind !== 'child_death_review') {
    add('Terms of reference agreed', r.terms_of_reference_on);
    add(`Final report sent to ${REPORT_RECIPIENT[r.kind as ReviewKind]}`, r.panel_sent_on);
    add('Published', r.published_on, clock('publication'));
  }
  return out;
}

/**
 * The review's summary. The subject is restricted: the pseudonym only; a link to the person's record (never their
 * name) for those who run reviews.
 */
export function summaryRows(r: ReviewRow, canManage: boolean): Row[] {
  const rows: Row[] = [
    row('Kind', kindText(r.kind)),
    row('Board', labelOf(BOARD_KINDS, r.board_kind)),
    row('Subject (pseudonym)', r.subject_pseudonym),
  ];
  if (canManage && r.subject_person_id) rows.push({ key: { text: 'Person on the register' }, value: { html: `<a class="govuk-link" href="${personPath(r.subject_person_id)}">Open their record (restricted)</a>` } });
  rows.push(narrative('What happened', r.summary));
  if (r.parent_review_id && r.parent_reference) rows.push({ key: { text: 'Started from' }, value: { html: `<a class="govuk-link" href="${reviewPath(r.parent_review_id)}">${r.parent_reference}</a>` } });
  if (r.lcspr_id && r.lcspr_reference) rows.push({ key: { text: 'LCSPR' }, value: { html: `<a class="govuk-link" href="${reviewPath(r.lcspr_id)}">${r.lcspr_reference}</a>` } });
  if (r.decision) {
    rows.push(row('Decision', labelOf(ALL_DECISIONS, r.decision)));
    rows.push(narrative('Reasons', r.decision_reason));
  }
  if (r.reviewer) rows.push(row('Reviewer', r.reviewer));
  if (r.publication_held) rows.push(narrative('Publication held', r.publication_held_reason));
  return rows;
}

/** What was recorded against Care Act s44. */
export function s44Rows(r: ReviewRow): Row[] {
  const c = r.s44_criteria as { careAndSupportNeeds?: boolean; concernAboutPartners?: boolean; adultDied?: boolean; abuseOrNeglect?: boolean; basis?: string | null } | null;
  if (!c) return [];
  const answers = { careAndSupportNeeds: !!c.careAndSupportNeeds, concernAboutPartners: !!c.concernAboutPartners, adultDied: !!c.adultDied, abuseOrNeglect: !!c.abuseOrNeglect };
  const met = s44CriteriaMet(answers);
  return [
    row('Criteria met', met.join('; '), 'None'),
    row('Basis', c.basis === 's44(1)' ? 'Mandatory review: s44(1)' : c.basis === 's44(4)' ? 'Discretionary review: s44(4)' : null, 'No review'),
  ];
}

/** What a child death review recorded. */
export function cdopRows(r: ReviewRow): Row[] {
  return [
    row('Category of death', r.cdop_category !== null ? labelOf(CDOP_CATEGORIES, String(r.cdop_category)) : null),
    row('Modifiable factors', r.modifiable_factors ? labelOf(MODIFIABLE_FACTORS, r.modifiable_factors) : null),
    narrative('Learning', r.learning),
  ];
}

/** An agency taking part: what was asked, when it is due and whether it came. */
export function agencyRow(a: AgencyRow, today: LocalDate) {
  const state: Tag = a.received_on
    ? { text: `Received ${formatDate(a.received_on)}`, classes: 'govuk-tag--green' }
    : a.due_on && a.due_on < today
      ? { text: `Overdue: was due ${formatDate(a.due_on)}`, classes: 'govuk-tag--red' }
      : { text: a.due_on ? `Due ${formatDate(a.due_on)}` : 'No due date', classes: 'govuk-tag--grey' };
  return { agency: a.agency_name, askedFor: a.asked_for, state };
}

/** The steps open now as links (the action plan is a button: it posts). */
export function stepLinks(id: string, steps: readonly ReviewStep[]) {
  return steps.filter((s) => s !== 'plan' && s !== 'lcspr').map((s) => ({ href: reviewsPath(s, { id }), text: STEP_TITLES[s] }));
}

/** What a `done` code on the review's page says happened. */
export function doneMessage(done: string): string | null {
  const words: Record<string, string> = {
    notified: 'The review is recorded',
    notification: 'The notification to the Panel is recorded',
    rapid: 'The rapid review and its decision are recorded',
    panel: 'The decision sent to the Panel is recorded',
    lcspr: 'The LCSPR is started',
    decision: 'The decision is recorded',
    sar: 'The s44 criteria and the decision are recorded',
    cdop: 'The child death review’s findings are recorded',
    terms: 'The terms of reference are recorded',
    agencies: 'The agency is recorded',
    findings: 'The finding is added',
    report: 'The final report is recorded as sent',
    hold: 'Publication is held',
    release: 'Publication is released',
    publish: 'The review is recorded as published',
    close: 'The review is closed',
  };
  return words[done] ?? null;
}

/** The home page's panel for those who run reviews: reviews with a clock overdue or due in the next 5 working days. */
export function homePanel(a: { rows: readonly ListRow[]; total: number; today: LocalDate }) {
  return {
    rows: a.rows.map((r) => ({ href: reviewPath(r.id), text: `${r.reference}: ${r.title} (${kindText(r.kind)})`, due: dueTag(r.next_due_on, a.today) })),
    total: a.total,
    list: reviewsPath('list', {}, { tab: 'active' }),
  };
}
