/** View data for person pages: pure functions, unit-tested. */
import { ETHNICITIES, GENDERS, IDENTIFIER_TYPES, NAME_TYPES, RELATIONSHIP_INVERSE, RELATIONSHIP_LABELS, labelOf } from '../../domain/codes.js';
import { formatNhsNumber } from '../../domain/identifiers.js';
import { toInstant } from '../../domain/dates.js';
import { type LocalDate, ageOn } from '../../domain/time.js';
import { outcomeOf } from '../../domain/screening.js';
import { KNOWN_TO_AGENCY, NOTIFICATION_TYPES } from '../../domain/intake.js';
import { formatDate } from '../../platform/views.js';
import { personName } from '../../domain/names.js';
import { peoplePath } from './paths.js';

export function ageText(dateOfBirth: LocalDate | null, precision: string, today: LocalDate): string {
  if (!dateOfBirth) return 'Not known';
  if (precision === 'unborn') return `Unborn, expected ${formatDate(dateOfBirth)}`;
  const age = ageOn(dateOfBirth, today);
  const approx = precision === 'estimated' ? 'about ' : '';
  return `${formatDate(dateOfBirth)}${precision === 'estimated' ? ' (estimated)' : ''}, ${approx}${age} year${age === 1 ? '' : 's'} old`;
}

export interface RelationshipRow {
  id?: string;
  direction: 'out' | 'in';
  type: string;
  other_id: string;
  given_names: string;
  family_name: string;
  date_of_birth: string | null;
  from_date: string | null;
  to_date: string | null;
}

/**
 * How the other person relates to this one, in words: a stored "A is parent of B" reads "Parent" on B's page
 * (A is B's parent) and "Child" on A's page.
 */
export function relationshipLabel(r: Pick<RelationshipRow, 'direction' | 'type'>): string {
  const type = r.direction === 'in' ? r.type : (RELATIONSHIP_INVERSE[r.type] ?? r.type);
  return RELATIONSHIP_LABELS[type] ?? type;
}

export type FamilyGroup = 'Parents and carers' | 'Children' | 'Brothers and sisters' | 'Partners' | 'Others';

type FamilyMember = { id: string; name: string; label: string; current: boolean; relationshipId?: string };

export function familyGroups(relationships: readonly RelationshipRow[]): { group: FamilyGroup; people: FamilyMember[] }[] {
  const groups = new Map<FamilyGroup, FamilyMember[]>();
  for (const r of relationships) {
    const label = relationshipLabel(r);
    const their = r.direction === 'in' ? r.type : (RELATIONSHIP_INVERSE[r.type] ?? r.type);
    const group: FamilyGroup = ['parent', 'step_parent', 'carer'].includes(their)
      ? 'Parents and carers'
      : ['child', 'step_child', 'cared_for'].includes(their)
        ? 'Children'
        : their === 'sibling'
          ? 'Brothers and sisters'
          : ['partner', 'ex_partner', 'da_victim', 'da_alleged_perpetrator'].includes(their)
            ? 'Partners'
            : 'Others';
    const list = groups.get(group) ?? [];
    list.push({ id: r.other_id, name: personName(r), label, current: r.to_date === null, ...(r.id ? { relationshipId: r.id } : {}) });
    groups.set(group, list);
  }
  const order: FamilyGroup[] = ['Parents and carers', 'Children', 'Brothers and sisters', 'Partners', 'Others'];
  return order.filter((g) => groups.has(g)).map((g) => ({ group: g, people: groups.get(g)! }));
}

export function personRows(p: {
  names: { type: string; given_names: string; family_name: string; is_primary: boolean }[];
  identifiers: { type: string; value: string }[];
  date_of_birth: string | null;
  dob_precision: string;
  gender: string;
  ethnicity: string | null;
  first_language: string | null;
  interpreter_needed: boolean;
}, today: LocalDate) {
  const otherNames = p.names.filter((n) => !n.is_primary).map((n) => `${personName(n)} (${labelOf(NAME_TYPES, n.type).toLowerCase()})`);
  const rows = [
    { key: { text: 'Date of birth' }, value: { text: ageText(p.date_of_birth, p.dob_precision, today) } },
    { key: { text: 'Other names' }, value: { text: otherNames.join(', ') || 'None recorded' } },
    { key: { text: 'Gender' }, value: { text: labelOf(GENDERS, p.gender) } },
    { key: { text: 'Ethnicity' }, value: { text: labelOf(ETHNICITIES, p.ethnicity) || 'Not recorded' } },
    { key: { text: 'First language' }, value: { text: (p.first_language ?? 'Not recorded') + (p.interpreter_needed ? ' (needs an interpreter)' : '') } },
  ];
  for (const id of p.identifiers) {
    rows.push({ key: { text: labelOf(IDENTIFIER_TYPES, id.type) }, value: { text: id.type === 'nhs_number' ? formatNhsNumber(id.value) : id.value } });
  }
  return rows;
}

export interface ChronologyRow {
  kind: string;
  at: string;
  contact_id: string;
  reference: string | null;
  detail: string | null;
  actor: string | null;
  outcome: string | null;
  threshold_level: number | null;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function isoOf(at: string): string {
  return toInstant(at)?.toISOString() ?? at;
}

/** MOJ timeline items for a person's chronology (contacts, later reports, decisions, information shared and given); each title links to its contact. */
export function timelineItems(rows: readonly ChronologyRow[]) {
  return rows.map((r) => {
    const ref = escapeHtml(r.reference ?? 'Contact');
    // The front door's contact page, written out: the front door builds on people, so people cannot import its
    // contactPath without an import cycle.
    const link = (title: string) => `<a class="govuk-link" href="/contacts/${escapeHtml(r.contact_id)}">${title}</a>`;
    const outcome = outcomeOf(r.outcome ?? '')?.label ?? r.outcome ?? '';
    // "Today at 2:30pm", "Yesterday at 9am", else the date and time (the `mojDate` filter's "relative" type).
    const base = { datetime: { timestamp: isoOf(r.at), type: 'relative' } };
    switch (r.kind) {
      case 'contact':
        return { ...base, label: { html: link(`Contact ${ref} received`) }, text: `From ${r.actor ?? 'an unknown source'}` };
      case 'decision':
        return { ...base, label: { html: link(`Screening decision on ${ref}`) }, text: `Level ${r.threshold_level}: ${outcome}`, byline: { text: r.actor ?? '' } };
      case 'authorised':
        return { ...base, label: { html: link(`Decision on ${ref} authorised`) }, text: outcome, byline: { text: r.actor ?? '' } };
      case 'also_reported':
        return { ...base, label: { html: link(`Also reported on ${ref}`) }, text: `${labelOf(NOTIFICATION_TYPES, r.detail) || 'Notification'} from ${r.actor ?? 'an unknown source'}` };
      case 'information':
        return { ...base, label: { html: link(`${escapeHtml(r.actor ?? 'An agency')} answered an information request on ${ref}`) }, text: labelOf(KNOWN_TO_AGENCY, r.detail) };
      case 'shared':
        return { ...base, label: { html: link(`${ref} shared with ${escapeHtml(r.actor ?? 'an agency')}`) }, text: r.detail ?? '' };
      default:
        return { ...base, label: { html: link(`Decision on ${ref} returned`) }, text: r.detail ?? '', byline: { text: r.actor ?? '' } };
    }
  });
}

/** In words, how likely a candidate is the person sought: the bands practitioners see beside each result. */
export function likelihood(probability: number): { text: string; classes: string } {
  if (probability >= 0.99) return { text: 'Almost certainly the same person', classes: 'govuk-tag--green' };
  if (probability >= 0.9) return { text: 'Very likely the same person', classes: 'govuk-tag--green' };
  if (probability >= 0.5) return { text: 'Possibly the same person', classes: 'govuk-tag--yellow' };
  if (probability >= 0.05) return { text: 'Probably someone else', classes: 'govuk-tag--grey' };
  return { text: 'Unlikely to be the same person', classes: 'govuk-tag--grey' };
}

const AGREEMENT: Record<string, { text: string; classes: string }> = {
  agree: { text: 'Agrees', classes: 'govuk-tag--green' },
  partly: { text: 'Partly', classes: 'govuk-tag--yellow' },
  disagree: { text: 'Differs', classes: 'govuk-tag--red' },
  missing: { text: 'Not compared', classes: 'govuk-tag--grey' },
};

/** A candidate's probability and, field by field, why. */
export function matchSummary(c: { probability: number; fields: { title: string; level: string; agreement: string; weight: number }[] }) {
  const percent = c.probability >= 0.999 ? '99.9%+' : c.probability < 0.001 ? 'under 0.1%' : `${(Math.round(c.probability * 1000) / 10).toFixed(1)}%`;
  return {
    percent,
    likelihood: likelihood(c.probability),
    fields: c.fields.map((f) => ({
      title: f.title,
      level: f.level,
      tag: AGREEMENT[f.agreement] ?? AGREEMENT.missing!,
      weight: f.agreement === 'missing' ? '' : `${f.weight > 0 ? '+' : ''}${f.weight.toFixed(1)}`,
    })),
  };
}

/** A person's whole chronology is this many entries a page; their page shows the latest `CHRONOLOGY_LATEST`. */
export const CHRONOLOGY_PAGE = 25;
export const CHRONOLOGY_LATEST = 10;

/** The person page's chronology: the latest entries, and a link to the rest when there are more. */
export function latestChronology<T>(items: readonly T[], personId: string): { timeline: T[]; chronology: { total: number; href: string } | null } {
  return {
    timeline: items.slice(0, CHRONOLOGY_LATEST),
    chronology: items.length > CHRONOLOGY_LATEST ? { total: items.length, href: peoplePath('chronology', { id: personId }) } : null,
  };
}
