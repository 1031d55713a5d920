/** Words and tags for figures: RAG, direction of travel, comparators — never colour alone. */
import { type Change, type Figure, type Rag, formatValue } from '../../domain/measures/compute.js';
import { type MeasureDefinition, UNITS } from '../../domain/measures/definitions.js';
import { type ScorecardItem } from './service.js';

export function ragTag(rag: Rag | null): { text: string; classes: string } | null {
  switch (rag) {
    case 'green':
      return { text: 'Green: on target', classes: 'govuk-tag--green' };
    case 'amber':
      return { text: 'Amber: near target', classes: 'govuk-tag--yellow' };
    case 'red':
      return { text: 'Red: off target', classes: 'govuk-tag--red' };
    default:
      return null;
  }
}

export function changeText(definition: MeasureDefinition, change: Change | null, other: Figure, what: string): string {
  if (!change || other.state !== 'value') return `No figure for ${what} to compare with`;
  if (change.direction === 'same') return `Same as ${what} (${other.text})`;
  const judged = change.judgement === 'no judgement' ? '' : `, ${change.judgement}`;
  return `${change.direction === 'up' ? 'Up' : 'Down'} from ${other.text} ${what}${judged}`;
}

export function targetText(definition: MeasureDefinition, target: { value: number; tolerance: number } | undefined): string {
  if (!target || definition.polarity === 'neutral') return 'No target: activity to watch';
  const v = formatValue(definition, target.value);
  return `${definition.polarity === 'up' ? 'At least' : 'At most'} ${v} (amber within ${formatValue({ ...definition, unit: definition.unit === 'percent' ? 'count' : definition.unit }, target.tolerance)}${definition.unit === 'percent' ? ' points' : ''})`;
}

export function comparatorText(definition: MeasureDefinition, c: ScorecardItem['comparators'][number]): string {
  const v = formatValue(definition, c.value);
  if (!c.change) return `${c.label} ${v}`;
  if (c.change.direction === 'same') return `${c.label} ${v}: the same`;
  const judged = c.change.judgement === 'no judgement' ? (c.change.direction === 'up' ? 'higher' : 'lower') : c.change.judgement;
  return `${c.label} ${v}: ours is ${judged}`;
}

export function unitLabel(definition: MeasureDefinition): string {
  return UNITS[definition.unit].label;
}

/** The scorecard as rows for a table, a spreadsheet or the board report. */
export function scorecardRows(items: readonly ScorecardItem[], options: { published: boolean }) {
  return items.map((i) => {
    const figure = options.published ? i.current.published : i.current.figure;
    const previous = options.published ? i.previous.published : i.previous.figure;
    return {
      id: i.definition.id,
      title: i.definition.title,
      description: i.definition.description,
      period: i.current.period.label,
      periodKey: i.current.period.key,
      value: figure.text,
      smallNumbers: figure.state === 'value' && figure.smallNumbers,
      suppressed: figure.state === 'suppressed',
      numerator: i.current.counts.numerator,
      denominator: i.current.counts.denominator ?? null,
      rag: figure.state === 'value' ? ragTag(i.rag) : null,
      target: targetText(i.definition, i.target),
      change: figure.state === 'value' ? changeText(i.definition, i.change, previous, `the period before (${i.previous.period.label})`) : 'Not compared: no figure',
      comparators: figure.state === 'value' ? i.comparators.map((c) => comparatorText(i.definition, c)) : [],
      owner: i.owner?.name ?? null,
    };
  });
}

/** The facts beside a measure's figure, as summary list rows. */
export function measureSummaryRows(item: ScorecardItem) {
  const d = item.definition;
  const counts = item.current.counts;
  const rows: { key: { text: string }; value: { text?: string; html?: string } }[] = [{ key: { text: 'Counted' }, value: { text: `${d.numerator}: ${counts.numerator.toLocaleString('en-GB')}` } }];
  if (d.unit === 'percent') rows.push({ key: { text: 'Out of' }, value: { text: `${d.denominator}: ${(counts.denominator ?? 0).toLocaleString('en-GB')}` } });
  if (d.unit === 'rate_per_10k') rows.push({ key: { text: 'Population' }, value: { text: counts.population ? counts.population.toLocaleString('en-GB') : 'Not recorded for this year' } });
  rows.push({ key: { text: 'Target' }, value: { text: targetText(d, item.target) } });
  rows.push({ key: { text: 'Compared with the period before' }, value: { text: changeText(d, item.change, item.previous.figure, `the period before (${item.previous.period.label})`) } });
  rows.push({ key: { text: 'Comparators' }, value: { text: item.comparators.length ? item.comparators.map((c) => comparatorText(d, c)).join('; ') : 'None recorded for this year' } });
  rows.push({ key: { text: 'Owner' }, value: { text: item.owner?.name || 'Not set' } });
  return rows;
}
