/**
 * Words, tags and rows for the multi-agency audits' pages: states in words, never colour alone; a sampled record
 * by its reference, the person's initials and age band only, never their name.
 */
import { labelOf } from '../../domain/codes.js';
import {
  AUDIT_BOARDS,
  AUDIT_STATUSES,
  GRADES,
  SAMPLE_KINDS,
  type AgencyProgress,
  type Distribution,
  type SampleCandidate,
  ageBand,
  programmeColumn,
} from '../../domain/case-audits.js';
import { type LocalDate } from '../../domain/time.js';
import { formatDate } from '../../platform/views.js';
import { caseAuditPath, gradePath } from './paths.js';
import { type GradingRow, type OurRow, type ProgrammeRow, type SampleRow } from './repository.js';

export interface Tag {
  text: string;
  classes: string;
}

type Agencies = readonly { id: string; name: string }[];

const STATUS_CLASSES: Record<string, string> = {
  planned: 'govuk-tag--grey',
  sampling: 'govuk-tag--light-blue',
  grading: 'govuk-tag--blue',
  findings: 'govuk-tag--purple',
  closed: 'govuk-tag--green',
};

export function statusTag(status: string): Tag {
  return { text: labelOf(AUDIT_STATUSES, status), classes: STATUS_CLASSES[status] ?? 'govuk-tag--grey' };
}

const GRADE_CLASSES: Record<string, string> = {
  outstanding: 'govuk-tag--green',
  good: 'govuk-tag--turquoise',
  requires_improvement: 'govuk-tag--yellow',
  inadequate: 'govuk-tag--red',
};

export function gradeTag(grade: string | null | undefined): Tag {
  if (!grade) return { text: 'Not graded yet', classes: 'govuk-tag--grey' };
  return { text: labelOf(GRADES, grade), classes: GRADE_CLASSES[grade] ?? 'govuk-tag--grey' };
}

/** The grading due date in words: overdue while the audit is with the agencies and past it. */
export function dueText(dueOn: string | null, today: LocalDate, waiting: boolean): Tag | null {
  if (!dueOn) return null;
  if (waiting && dueOn < today) return { text: `Overdue: was due ${formatDate(dueOn)}`, classes: 'govuk-tag--red' };
  return { text: `Due ${formatDate(dueOn)}`, classes: 'govuk-tag--grey' };
}

export interface ProgrammeEntry {
  href: string;
  reference: string;
  topic: string;
  kind: string;
  board: string;
  planned: string;
  due: string;
  status: Tag;
  progress: string;
}

export function programmeEntry(a: ProgrammeRow): ProgrammeEntry {
  return {
    href: caseAuditPath(a.id),
    reference: a.reference,
    topic: a.topic,
    kind: labelOf(SAMPLE_KINDS, a.sample_kind),
    board: labelOf(AUDIT_BOARDS, a.board_kind),
    planned: formatDate(a.planned_on),
    due: a.grading_due_on ? formatDate(a.grading_due_on) : 'Not set',
    status: statusTag(a.status),
    progress: a.sampled === 0 ? 'No sample yet' : `${a.sampled} ${a.sampled === 1 ? 'record' : 'records'}, ${a.graded} of ${a.asked} gradings in${a.findings ? `, ${a.findings} ${a.findings === 1 ? 'finding' : 'findings'}` : ''}`,
  };
}

/** The year's audits in three columns: planned, in progress, closed. */
export function programmeColumns(list: readonly ProgrammeRow[]): { planned: ProgrammeEntry[]; inProgress: ProgrammeEntry[]; closed: ProgrammeEntry[] } {
  const out = { planned: [] as ProgrammeEntry[], inProgress: [] as ProgrammeEntry[], closed: [] as ProgrammeEntry[] };
  for (const a of list) {
    const column = programmeColumn(a.status);
    (column === 'planned' ? out.planned : column === 'closed' ? out.closed : out.inProgress).push(programmeEntry(a));
  }
  return out;
}

const nameOf = (agencies: Agencies, id: string) => agencies.find((a) => a.id === id)?.name ?? 'An agency no longer listed';

export interface SampleEntry {
  id: string;
  reference: string;
  initials: string;
  ageBand: string;
  on: string;
  agencies: { name: string; grade: Tag }[];
}

/** A sampled record as an audit page shows it: reference, initials, age band on the record's date, the agencies asked and their grades. */
export function sampleEntry(s: SampleRow, record: SampleCandidate | undefined, gradings: readonly GradingRow[], agencies: Agencies): SampleEntry {
  const mine = gradings.filter((g) => g.sample_id === s.id);
  return {
    id: s.id,
    reference: record?.reference ?? 'No longer available to audit',
    initials: record?.initials ?? '–',
    ageBand: record ? ageBand(record.date_of_birth, record.on) : 'Age not known',
    on: record ? formatDate(record.on) : '',
    agencies: [...s.agency_ids]
      .map((id) => ({ name: nameOf(agencies, id), grade: gradeTag(mine.find((g) => g.agency_id === id)?.grade) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export function progressRows(progress: readonly AgencyProgress[], agencies: Agencies): { text: string }[][] {
  return progress.map((p) => [{ text: nameOf(agencies, p.agencyId) }, { text: String(p.asked) }, { text: String(p.graded) }, { text: p.graded === p.asked ? 'All graded' : `${p.asked - p.graded} to grade` }]);
}

export function distributionRows(d: Distribution): { text: string; format?: string }[][] {
  return d.counts.map((c) => [{ text: labelOf(GRADES, c.grade) }, { text: String(c.count), format: 'numeric' }, { text: c.percent === null ? '–' : `${c.percent}%`, format: 'numeric' }]);
}

/** The overall judgement in words, saying how it was reached. */
export function judgementText(d: Distribution): string {
  if (!d.judgement) return 'No gradings yet.';
  const grade = labelOf(GRADES, d.judgement).toLowerCase();
  const of = `${d.total} ${d.total === 1 ? 'grading' : 'gradings'}`;
  return d.tie
    ? `Overall: ${grade}. The grade given most often across ${of}; grades given equally often are judged at the lower grade.`
    : `Overall: ${grade}. The grade given most often across ${of} (grades given equally often would be judged at the lower grade).`;
}

export interface OurEntry {
  href: string | null;
  reference: string;
  initials: string;
  ageBand: string;
  audit: string;
  auditHref: string;
  record: string;
  due: Tag | null;
  grade: Tag;
  open: boolean;
}

/** A record an agency was asked to grade, on "Our audit gradings". */
export function ourEntry(r: OurRow, record: SampleCandidate | undefined, today: LocalDate): OurEntry {
  const open = r.status === 'grading';
  return {
    href: open ? gradePath(r.sample_id) : null,
    reference: record?.reference ?? 'No longer available to audit',
    initials: record?.initials ?? '–',
    ageBand: record ? ageBand(record.date_of_birth, record.on) : 'Age not known',
    audit: `${r.reference}: ${r.topic}`,
    auditHref: caseAuditPath(r.audit_id),
    record: labelOf(SAMPLE_KINDS, r.sample_kind),
    due: dueText(r.grading_due_on, today, open && !r.grade),
    grade: r.grade ? gradeTag(r.grade) : open ? { text: 'To grade', classes: 'govuk-tag--blue' } : { text: 'Not graded', classes: 'govuk-tag--grey' },
    open,
  };
}

export const DONE_MESSAGES: Record<string, string> = {
  created: 'The audit is in the programme. Draw its sample when you are ready.',
  drawn: 'The sample is drawn.',
  redrawn: 'The record was dropped and another drawn in its place.',
  status: 'The audit has moved on.',
  finding: 'The finding is added.',
  graded: 'Your agency’s grading is saved.',
};

export function doneMessage(done: string): string | undefined {
  return DONE_MESSAGES[done];
}
