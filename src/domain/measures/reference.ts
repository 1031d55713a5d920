/**
 * Reference data a measure needs, checked before it is stored: targets within the unit's range, populations that
 * can be divided by, comparators for years that exist. Each problem is a sentence a board analyst can act on.
 */
import { type LocalDate } from '../time.js';
import { type MeasureDefinition, UNITS } from './definitions.js';
import { financialYearLabel, financialYearOf } from './periods.js';

/** The first financial year comparators and populations can be recorded for. */
export const FIRST_REFERENCE_YEAR = 2010;

/** Financial years that can hold reference data: from 2010-11 to the year after the current one. */
export function referenceYears(today: LocalDate): string[] {
  const last = financialYearOf(today) + 1;
  const out: string[] = [];
  for (let y = FIRST_REFERENCE_YEAR; y <= last; y += 1) out.push(financialYearLabel(y));
  return out;
}

/** "2024-25" → 2024, or a problem. */
export function parseFinancialYear(value: string, today: LocalDate): { year: number } | { problem: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(value.trim());
  const years = referenceYears(today);
  const range = `from ${years[0]} to ${years[years.length - 1]}`;
  if (!m) return { problem: `Enter the year as a financial year, like 2024-25 (${range})` };
  const start = Number(m[1]);
  if (financialYearLabel(start) !== value.trim()) return { problem: `${value.trim()} is not a financial year: the second part is the year after the first, like 2024-25` };
  if (!years.includes(value.trim())) return { problem: `There are no figures for ${value.trim()}: enter a year ${range}` };
  return { year: start };
}

export function targetProblems(definition: MeasureDefinition, value: number, tolerance: number): Record<string, string> {
  const problems: Record<string, string> = {};
  if (definition.polarity === 'neutral') {
    problems.target = `${definition.title} is activity to watch, not to push up or down, so it has no target`;
    return problems;
  }
  const unit = UNITS[definition.unit];
  if (!Number.isFinite(value) || value < unit.min || value > unit.max) {
    problems.target = `The target must be ${definition.unit === 'percent' ? 'a percentage from 0 to 100' : `from ${unit.min.toLocaleString('en-GB')} to ${unit.max.toLocaleString('en-GB')}`}`;
  }
  if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > unit.max - unit.min) {
    problems.tolerance = `The amber tolerance must be 0 or more, and no more than ${(unit.max - unit.min).toLocaleString('en-GB')}`;
  }
  return problems;
}

export function comparatorProblems(definition: MeasureDefinition, value: number): Record<string, string> {
  const unit = UNITS[definition.unit];
  if (!Number.isFinite(value) || value < unit.min || value > unit.max) {
    return { value: `The comparator for ${definition.title} must be ${definition.unit === 'percent' ? 'a percentage from 0 to 100' : `from ${unit.min.toLocaleString('en-GB')} to ${unit.max.toLocaleString('en-GB')}`}` };
  }
  return {};
}

export function populationProblems(value: number): Record<string, string> {
  if (!Number.isInteger(value) || value < 1) return { population: 'The population must be a whole number of people, at least 1: a rate cannot be worked out from a population of 0' };
  if (value > 100_000_000) return { population: 'The population must be 100,000,000 or fewer' };
  return {};
}
