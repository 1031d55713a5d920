/** Words, tags and rows for the self-assessment's pages: states in words, never colour alone. */
import { labelOf } from '../../domain/codes.js';
import { BANDS, BAND_LABELS, BOARD_PART_TITLES, type Band, type Compliance, RETURN_STATUSES, band, boardParts, completion } from '../../domain/self-assessment.js';
import { FRAMEWORK_KIND_LABELS, type FrameworkKind } from '../../domain/self-assessment-frameworks.js';
import { formatDate } from '../../platform/views.js';
import { returnPath, roundPath } from './paths.js';
import { type OurReturnRow, type ReturnRow, type RoundRow, type StandardRow } from './repository.js';

export interface Tag {
  text: string;
  classes: string;
}

const RAG_TAGS: Record<string, Tag> = {
  green: { text: 'Green: met', classes: 'govuk-tag--green' },
  amber: { text: 'Amber: partly met', classes: 'govuk-tag--yellow' },
  red: { text: 'Red: not met', classes: 'govuk-tag--red' },
};

/** A standard's answer in words (and colour). */
export function ragTag(rag: string | null | undefined): Tag {
  return (rag && RAG_TAGS[rag]) || { text: 'Not answered', classes: 'govuk-tag--grey' };
}

const STATUS_CLASSES: Record<string, string> = { not_started: 'govuk-tag--grey', in_progress: 'govuk-tag--blue', submitted: 'govuk-tag--green', challenged: 'govuk-tag--purple' };

/** Where a return stands. */
export function statusTag(status: string): Tag {
  return { text: labelOf(RETURN_STATUSES, status), classes: STATUS_CLASSES[status] ?? 'govuk-tag--grey' };
}

export function kindLabel(kind: string): string {
  return FRAMEWORK_KIND_LABELS[kind as FrameworkKind] ?? kind;
}

/** A framework's name with its version. */
export function frameworkName(f: { framework_title?: string; title?: string; version: number }): string {
  return `${f.framework_title ?? f.title} (version ${f.version})`;
}

/** How far a return has got: "7 of 10 standards (70%)", with its band. */
export function progressText(answered: number, standards: number): { text: string; percent: number; band: string } {
  return { text: `${answered} of ${standards} standards (${completion(answered, standards)}%)`, percent: completion(answered, standards), band: BAND_LABELS[band(answered, standards)] };
}

/** The bands in the seed report's order, with their counts. */
export function bandList(counts: Record<Band, number>): { label: string; count: number }[] {
  return BANDS.map((b) => ({ label: BAND_LABELS[b], count: counts[b] }));
}

const pct = (n: number, p: number) => (n === 0 ? '0' : `${p}% (${n})`);

/** A standard's compliance row for the GOV.UK table: the standard, how many answered it, and % green / amber / red. */
export function complianceRow(s: Pick<StandardRow, 'code' | 'title'>, c: Compliance | undefined): { text: string; format?: string }[] {
  const x = c ?? { answered: 0, green: 0, amber: 0, red: 0, pct: { green: 0, amber: 0, red: 0 } };
  return [
    { text: `${s.code} ${s.title}` },
    { text: String(x.answered), format: 'numeric' },
    { text: pct(x.green, x.pct.green), format: 'numeric' },
    { text: pct(x.amber, x.pct.amber), format: 'numeric' },
    { text: pct(x.red, x.pct.red), format: 'numeric' },
  ];
}

/** The compliance tables: one for most frameworks; for the joint tool, each board's part from the same answers. */
export function complianceTables(kind: string, standards: readonly StandardRow[], compliance: ReadonlyMap<string, Compliance>): { title: string | null; rows: { text: string; format?: string }[][] }[] {
  return boardParts(
    kind,
    standards.map((s) => ({ ...s, appliesTo: s.applies_to })),
  ).map((p) => ({ title: p.part ? BOARD_PART_TITLES[p.part] : null, rows: p.standards.map((s) => complianceRow(s, compliance.get(s.id))) }));
}

/** Who a standard of the joint tool is for, in words. */
export function appliesToText(appliesTo: string): string {
  return appliesTo === 'children' ? 'Children' : appliesTo === 'adults' ? 'Adults' : 'Children and adults';
}

/** A return in a round's list. */
export function returnRow(r: ReturnRow): { organisation: string; href: string; status: Tag; progress: string; band: string } {
  const p = progressText(r.answered, r.standards);
  return { organisation: r.agency_name, href: returnPath(r.id), status: statusTag(r.status), progress: `${p.percent}%`, band: p.band };
}

/** A round in the list of rounds. */
export function roundRow(r: RoundRow): { title: string; href: string; framework: string; due: string; status: string; submitted: string } {
  return { title: r.title, href: roundPath(r.id), framework: frameworkName(r), due: formatDate(r.due_on), status: r.status === 'open' ? 'Open' : 'Closed', submitted: `${r.submitted} of ${r.returns}` };
}

/** One of the organisation's own returns ("Our self-assessments", the home page). */
export function ourRow(r: OurReturnRow): { title: string; href: string; framework: string; due: string; status: Tag; progress: string } {
  const p = progressText(r.answered, r.standards);
  return { title: r.round_title, href: returnPath(r.id), framework: `${r.framework_title}`, due: formatDate(r.due_on), status: statusTag(r.status), progress: `${p.percent}%` };
}

/** The confirmation after a change. */
export function doneMessage(done: string): string | null {
  return (
    ({
      saved: 'Your answers have been saved',
      submitted: 'The return has been submitted to the partnership',
      challenged: 'The challenge meeting has been recorded',
      opened: 'The round is open: each organisation has a return to complete',
      installed: 'The standard frameworks are installed',
      current: 'The standard frameworks were already installed',
    } as Record<string, string>)[done] ?? null
  );
}
