/**
 * From counts to a figure a board can trust: the value for the unit, rounded as DfE publishes (half away from
 * zero, to the measure's decimal places), small numbers suppressed in published outputs, RAG against the target,
 * and the direction of travel against the last period and against comparators.
 */
import { type MeasureDefinition, type Polarity } from './definitions.js';

/** What the records give for one measure and period. */
export interface Counts {
  /** Records counted on top (for a median, the records with a value). */
  numerator: number;
  /** Records underneath (per cent only). */
  denominator?: number | null;
  /** The median of the values (median units only). */
  median?: number | null;
  /** The population (rates only). */
  population?: number | null;
}

/** Counts from 1 to this are hidden in published outputs (and any figure built on them). */
export const SUPPRESS_UP_TO = 5;

export type Figure =
  | { state: 'value'; value: number; text: string; smallNumbers: boolean }
  | { state: 'suppressed'; text: string; reason: string }
  | { state: 'none'; text: string; reason: string };

export function isSmallNumber(n: number | null | undefined): boolean {
  return typeof n === 'number' && n >= 1 && n <= SUPPRESS_UP_TO;
}

/** Rounds half away from zero, without binary floating-point surprises (1.005 → 1.01). */
export function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const shifted = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(shifted)) / factor;
}

export function formatValue(definition: Pick<MeasureDefinition, 'unit' | 'decimals'>, value: number): string {
  const rounded = roundHalfUp(value, definition.decimals);
  const text = rounded.toLocaleString('en-GB', { minimumFractionDigits: definition.decimals, maximumFractionDigits: definition.decimals });
  switch (definition.unit) {
    case 'percent':
      return `${text}%`;
    case 'median_days':
      return `${text} days`;
    default:
      return text;
  }
}

/** The raw value, or why there is none. Never divides by zero. */
export function rawValue(definition: Pick<MeasureDefinition, 'unit'>, counts: Counts): { value: number } | { reason: string } {
  switch (definition.unit) {
    case 'count':
      return { value: counts.numerator };
    case 'percent':
      return counts.denominator && counts.denominator > 0 ? { value: (counts.numerator / counts.denominator) * 100 } : { reason: 'nothing to count in this period' };
    case 'rate_per_10k':
      if (!counts.population || counts.population <= 0) return { reason: 'no population figure for this year: add it under Measures → Reference data' };
      return { value: (counts.numerator / counts.population) * 10_000 };
    case 'median_days':
      return counts.numerator > 0 && typeof counts.median === 'number' ? { value: counts.median } : { reason: 'nothing to measure in this period' };
  }
}

/** The counts a figure is built on (suppressed if any is a small number). */
function countsBehind(definition: Pick<MeasureDefinition, 'unit'>, counts: Counts): number[] {
  return definition.unit === 'percent' ? [counts.numerator, counts.denominator ?? 0] : [counts.numerator];
}

/**
 * The figure to show. `published` hides small numbers (1 to 5), and every figure built on one, as the published
 * statistics do; inside the service, for people allowed to see the records, the figure is shown and marked.
 */
export function figureOf(definition: Pick<MeasureDefinition, 'unit' | 'decimals'>, counts: Counts, options: { published: boolean }): Figure {
  const raw = rawValue(definition, counts);
  if ('reason' in raw) return { state: 'none', text: 'No figure', reason: raw.reason };
  const small = countsBehind(definition, counts).some(isSmallNumber);
  if (small && options.published) return { state: 'suppressed', text: 'c', reason: `fewer than ${SUPPRESS_UP_TO + 1} records: hidden to protect the people behind it` };
  return { state: 'value', value: roundHalfUp(raw.value, definition.decimals), text: formatValue(definition, raw.value), smallNumbers: small };
}

export type Rag = 'green' | 'amber' | 'red';

/** RAG against a target: green at or beyond it, amber within the tolerance short of it, red beyond that. */
export function ragOf(polarity: Polarity, value: number, target: { value: number; tolerance: number } | undefined): Rag | null {
  if (!target || polarity === 'neutral') return null;
  const short = polarity === 'up' ? target.value - value : value - target.value;
  if (short <= 0) return 'green';
  if (short <= target.tolerance) return 'amber';
  return 'red';
}

export type Change = { direction: 'up' | 'down' | 'same'; judgement: 'better' | 'worse' | 'no judgement' };

/** How a value compares with another (last period, a comparator), at published precision. */
export function compare(definition: Pick<MeasureDefinition, 'polarity' | 'decimals'>, value: number, other: number): Change {
  const a = roundHalfUp(value, definition.decimals);
  const b = roundHalfUp(other, definition.decimals);
  if (a === b) return { direction: 'same', judgement: 'no judgement' };
  const direction = a > b ? 'up' : 'down';
  if (definition.polarity === 'neutral') return { direction, judgement: 'no judgement' };
  return { direction, judgement: (direction === 'up') === (definition.polarity === 'up') ? 'better' : 'worse' };
}

/** The median of some values (the mean of the middle two for an even count), or null if there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
