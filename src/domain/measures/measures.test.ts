import { describe, expect, it } from 'vitest';
import { SUPPRESS_UP_TO, compare, figureOf, formatValue, median, ragOf, rawValue, roundHalfUp } from './compute.js';
import { DIMENSIONS, MEASURES, POPULATION_GROUPS, UNITS, measureById } from './definitions.js';
import { financialYearLabel, financialYearOf, monthsOf, periodContaining, periodFromKey, periodsEnding, previousPeriod } from './periods.js';
import { comparatorProblems, parseFinancialYear, populationProblems, referenceYears, targetProblems } from './reference.js';

const percent = { unit: 'percent' as const, decimals: 1, polarity: 'up' as const };

describe('periods', () => {
  it('finds the month, financial quarter, financial year and rolling year containing a date', () => {
    expect(periodContaining('month', '2026-11-23')).toMatchObject({ start: '2026-11-01', end: '2026-12-01', key: '2026-11', label: 'November 2026' });
    expect(periodContaining('quarter', '2026-04-01')).toMatchObject({ start: '2026-04-01', end: '2026-07-01', key: 'FY2026-27-Q1' });
    expect(periodContaining('quarter', '2026-12-31')).toMatchObject({ start: '2026-10-01', end: '2027-01-01', key: 'FY2026-27-Q3' });
    expect(periodContaining('quarter', '2027-03-31')).toMatchObject({ start: '2027-01-01', end: '2027-04-01', key: 'FY2026-27-Q4', label: 'Q4 2026-27 (Jan–Mar 2027)' });
    expect(periodContaining('financial_year', '2027-03-31')).toMatchObject({ start: '2026-04-01', end: '2027-04-01', key: 'FY2026-27' });
    expect(periodContaining('financial_year', '2027-04-01')).toMatchObject({ start: '2027-04-01', key: 'FY2027-28' });
    expect(periodContaining('rolling_12_months', '2026-11-23')).toMatchObject({ start: '2025-12-01', end: '2026-12-01', key: 'R12-2026-11' });
  });

  it('steps back one period, across year ends', () => {
    expect(previousPeriod(periodContaining('month', '2026-01-15')).key).toBe('2025-12');
    expect(previousPeriod(periodContaining('quarter', '2026-05-01')).key).toBe('FY2025-26-Q4');
    expect(previousPeriod(periodContaining('financial_year', '2026-05-01')).key).toBe('FY2025-26');
    expect(previousPeriod(periodContaining('rolling_12_months', '2026-01-01')).key).toBe('R12-2025-12');
  });

  it('lists periods oldest first, and the months each covers', () => {
    const last = periodContaining('month', '2026-03-10');
    expect(periodsEnding(last, 4).map((p) => p.key)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    expect(monthsOf(periodContaining('quarter', '2026-02-01'))).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(monthsOf(periodContaining('rolling_12_months', '2026-02-01'))).toHaveLength(12);
    expect(monthsOf(periodContaining('financial_year', '2026-02-01'))[0]).toBe('2025-04-01');
  });

  it('reads every period key back, and refuses keys that are not periods', () => {
    for (const type of ['month', 'quarter', 'financial_year', 'rolling_12_months'] as const) {
      for (const date of ['2024-02-29', '2026-04-01', '2026-12-31', '2027-03-31']) {
        const p = periodContaining(type, date);
        expect(periodFromKey(p.key)).toEqual(p);
      }
    }
    for (const bad of ['2026-13', '2026-00', 'FY2026-28', 'FY2026-27-Q5', 'R12-2026-13', '2026', 'anything', '2011-12-Q1']) expect(periodFromKey(bad)).toBeUndefined();
  });

  it('names financial years', () => {
    expect(financialYearLabel(1999)).toBe('1999-00');
    expect(financialYearOf('2026-03-31')).toBe(2025);
    expect(financialYearOf('2026-04-01')).toBe(2026);
  });
});

describe('figures', () => {
  it('rounds half away from zero at the published precision', () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(12.35, 1)).toBe(12.4);
    expect(roundHalfUp(12.349999, 1)).toBe(12.3);
    expect(roundHalfUp(-2.5, 0)).toBe(-3);
    expect(formatValue({ unit: 'percent', decimals: 1 }, 12.25)).toBe('12.3%');
    expect(formatValue({ unit: 'count', decimals: 0 }, 12345)).toBe('12,345');
    expect(formatValue({ unit: 'median_days', decimals: 1 }, 2)).toBe('2.0 days');
  });

  it('works out each unit, and never divides by zero', () => {
    expect(rawValue({ unit: 'count' }, { numerator: 0 })).toEqual({ value: 0 });
    expect(rawValue({ unit: 'percent' }, { numerator: 3, denominator: 12 })).toEqual({ value: 25 });
    expect(rawValue({ unit: 'percent' }, { numerator: 0, denominator: 0 })).toHaveProperty('reason');
    expect(rawValue({ unit: 'percent' }, { numerator: 0, denominator: null })).toHaveProperty('reason');
    expect(rawValue({ unit: 'rate_per_10k' }, { numerator: 50, population: 20_000 })).toEqual({ value: 25 });
    expect(rawValue({ unit: 'rate_per_10k' }, { numerator: 50, population: 0 })).toHaveProperty('reason');
    expect(rawValue({ unit: 'rate_per_10k' }, { numerator: 50 })).toHaveProperty('reason');
    expect(rawValue({ unit: 'median_days' }, { numerator: 3, median: 1.5 })).toEqual({ value: 1.5 });
    expect(rawValue({ unit: 'median_days' }, { numerator: 0, median: null })).toHaveProperty('reason');
  });

  it('suppresses counts of 1 to 5, and every figure built on one, when published', () => {
    for (let n = 0; n <= SUPPRESS_UP_TO + 1; n += 1) {
      const f = figureOf({ unit: 'count', decimals: 0 }, { numerator: n }, { published: true });
      expect(f.state).toBe(n >= 1 && n <= SUPPRESS_UP_TO ? 'suppressed' : 'value');
    }
    // A percentage on a small numerator, or a small denominator, is hidden too.
    expect(figureOf(percent, { numerator: 5, denominator: 100 }, { published: true }).state).toBe('suppressed');
    expect(figureOf(percent, { numerator: 6, denominator: 6 }, { published: true }).state).toBe('value');
    expect(figureOf(percent, { numerator: 0, denominator: 5 }, { published: true }).state).toBe('suppressed');
    expect(figureOf(percent, { numerator: 0, denominator: 6 }, { published: true })).toMatchObject({ state: 'value', text: '0.0%' });
    expect(figureOf({ unit: 'rate_per_10k', decimals: 1 }, { numerator: 4, population: 50_000 }, { published: true }).state).toBe('suppressed');
    expect(figureOf({ unit: 'median_days', decimals: 1 }, { numerator: 2, median: 3 }, { published: true }).state).toBe('suppressed');
    // Inside the service the figure shows, marked.
    expect(figureOf(percent, { numerator: 5, denominator: 100 }, { published: false })).toMatchObject({ state: 'value', smallNumbers: true, text: '5.0%' });
    expect(figureOf(percent, { numerator: 0, denominator: 0 }, { published: false }).state).toBe('none');
  });

  it('rates RAG at the target and tolerance edges, by polarity', () => {
    const t = { value: 95, tolerance: 5 };
    expect(ragOf('up', 95, t)).toBe('green');
    expect(ragOf('up', 94.9, t)).toBe('amber');
    expect(ragOf('up', 90, t)).toBe('amber');
    expect(ragOf('up', 89.9, t)).toBe('red');
    const d = { value: 20, tolerance: 2 };
    expect(ragOf('down', 20, d)).toBe('green');
    expect(ragOf('down', 22, d)).toBe('amber');
    expect(ragOf('down', 22.1, d)).toBe('red');
    expect(ragOf('neutral', 50, d)).toBeNull();
    expect(ragOf('up', 50, undefined)).toBeNull();
  });

  it('judges direction by polarity, at published precision', () => {
    expect(compare({ polarity: 'up', decimals: 1 }, 80, 70)).toEqual({ direction: 'up', judgement: 'better' });
    expect(compare({ polarity: 'down', decimals: 1 }, 80, 70)).toEqual({ direction: 'up', judgement: 'worse' });
    expect(compare({ polarity: 'down', decimals: 1 }, 60, 70)).toEqual({ direction: 'down', judgement: 'better' });
    expect(compare({ polarity: 'neutral', decimals: 0 }, 80, 70)).toEqual({ direction: 'up', judgement: 'no judgement' });
    expect(compare({ polarity: 'up', decimals: 1 }, 80.04, 80.01)).toEqual({ direction: 'same', judgement: 'no judgement' });
  });

  it('takes the median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('reference data', () => {
  const reReferrals = measureById('re_referrals')!;
  const contacts = measureById('contacts')!;

  it('accepts targets within the unit, and refuses the rest by field', () => {
    expect(targetProblems(reReferrals, 20, 2)).toEqual({});
    expect(targetProblems(reReferrals, 101, 2)).toEqual({ target: 'The target must be a percentage from 0 to 100' });
    expect(targetProblems(reReferrals, -1, -1)).toHaveProperty('tolerance');
    expect(targetProblems(reReferrals, Number.NaN, 0)).toHaveProperty('target');
    expect(targetProblems(contacts, 100, 0).target).toMatch(/has no target/);
  });

  it('refuses a comparator outside the unit and a population that cannot be divided by', () => {
    expect(comparatorProblems(reReferrals, 21.4)).toEqual({});
    expect(comparatorProblems(reReferrals, 140).value).toMatch(/percentage from 0 to 100/);
    expect(populationProblems(0).population).toMatch(/at least 1/);
    expect(populationProblems(12.5).population).toMatch(/whole number/);
    expect(populationProblems(48_000)).toEqual({});
  });

  it('knows which years exist', () => {
    const years = referenceYears('2026-11-23');
    expect(years[0]).toBe('2010-11');
    expect(years[years.length - 1]).toBe('2027-28');
    expect(parseFinancialYear('2024-25', '2026-11-23')).toEqual({ year: 2024 });
    expect(parseFinancialYear('2024-26', '2026-11-23')).toHaveProperty('problem');
    expect(parseFinancialYear('2031-32', '2026-11-23')).toEqual({ problem: 'There are no figures for 2031-32: enter a year from 2010-11 to 2027-28' });
    expect(parseFinancialYear('24/25', '2026-11-23')).toHaveProperty('problem');
  });
});

describe('the catalogue', () => {
  it('has unique ids, plain-English descriptions, sources, and consistent units', () => {
    expect(new Set(MEASURES.map((m) => m.id)).size).toBe(MEASURES.length);
    for (const m of MEASURES) {
      expect(m.description.length).toBeGreaterThan(40);
      expect(m.follows.source.length).toBeGreaterThan(5);
      expect(m.periods).toContain(m.defaultPeriod);
      expect(Object.keys(UNITS)).toContain(m.unit);
      if (m.unit === 'percent') expect(m.denominator).toBeTruthy();
      if (m.unit === 'rate_per_10k') expect(Object.keys(POPULATION_GROUPS)).toContain(m.population);
      if (m.target) expect(targetProblems(m, m.target.value, m.target.tolerance)).toEqual({});
      for (const d of m.breakdowns) expect(Object.keys(DIMENSIONS)).toContain(d);
    }
  });
});
