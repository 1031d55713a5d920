/** The forms around measures: the scorecard, a measure's settings, reference data, commentary. */
import { z } from 'zod';
import { COMPARATOR_KINDS, MEASURES, POPULATION_GROUPS, measureById } from '../../domain/measures/definitions.js';
import { PERIOD_TYPES } from '../../domain/measures/periods.js';
import { comparatorProblems, parseFinancialYear, populationProblems, targetProblems } from '../../domain/measures/reference.js';
import { checkboxes, choice, field, form, optionalText, optionalUuid, requiredText, withRules } from '../../platform/forms.js';

const list = (o: Record<string, string>) => Object.entries(o).map(([code, label]) => ({ code, label }));
export const MEASURE_CHOICES = MEASURES.map((m) => ({ code: m.id, label: m.title }));
export const POPULATION_CHOICES = list(POPULATION_GROUPS);
export const COMPARATOR_CHOICES = list(COMPARATOR_KINDS);
export const PERIOD_CHOICES = PERIOD_TYPES.map((p) => ({ code: p.code, label: p.label }));

/** The most measures a scorecard may hold: a small set on purpose. */
export const SCORECARD_MAX = 10;

/** A number typed by a person ("12.5", "1,250"), or null when blank. */
function decimal(label: string, required?: string) {
  return field((v, ctx): number | null => {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (required) {
        ctx.addIssue({ code: 'custom', message: required });
        return z.NEVER;
      }
      return null;
    }
    const text = typeof v === 'string' ? v.trim().replace(/,/g, '') : '';
    if (!/^-?\d{1,12}(\.\d{1,4})?$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be a number, like 12.5` });
      return z.NEVER;
    }
    return Number(text);
  });
}

export const scorecardForm = withRules(
  form({ measures: checkboxes(MEASURE_CHOICES, { required: 'Choose at least one measure for the scorecard', invalid: 'Choose measures from the list' }) }),
  (v, ctx) => {
    if (v.measures.length > SCORECARD_MAX) {
      ctx.addIssue({ code: 'custom', path: ['measures'], message: `Choose no more than ${SCORECARD_MAX} measures: the scorecard is a small set on purpose` });
    }
  },
);

/** A measure's settings on the scorecard; the target is checked against the measure's unit. */
export function measureSettingsForm(measureId: string) {
  const definition = measureById(measureId)!;
  return withRules(
    form({
      periodType: choice(
        PERIOD_CHOICES.filter((p) => definition.periods.includes(p.code)),
        'Select the period the scorecard shows',
      ),
      ownerUserId: optionalUuid('Select the owner from the list'),
      target: decimal('The target'),
      tolerance: decimal('The amber tolerance'),
    }),
    (v, ctx) => {
      if (v.target === null && v.tolerance === null) return;
      if (v.target === null) ctx.addIssue({ code: 'custom', path: ['target'], message: 'Enter the target, or clear the tolerance too' });
      if (v.tolerance === null) ctx.addIssue({ code: 'custom', path: ['tolerance'], message: 'Enter the amber tolerance (0 for none)' });
      if (v.target === null || v.tolerance === null) return;
      for (const [path, message] of Object.entries(targetProblems(definition, v.target, v.tolerance))) ctx.addIssue({ code: 'custom', path: [path], message });
    },
  );
}

function financialYear(today: () => string) {
  return field((v, ctx): number => {
    if (typeof v !== 'string' || v.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'Enter the financial year, like 2024-25' });
      return z.NEVER;
    }
    const parsed = parseFinancialYear(v, today());
    if ('problem' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    }
    return parsed.year;
  });
}

const source = requiredText({ label: 'Source', required: 'Enter where the figure comes from, like “ONS mid-year estimates 2024”', max: 300 });

export function populationForm(today: () => string) {
  return withRules(
    form({
      group: choice(POPULATION_CHOICES, 'Select the population group'),
      year: financialYear(today),
      population: decimal('The population', 'Enter the population'),
      source,
    }),
    (v, ctx) => {
      if (v.population === null) return;
      for (const [path, message] of Object.entries(populationProblems(v.population))) ctx.addIssue({ code: 'custom', path: [path], message });
    },
  );
}

export function comparatorForm(today: () => string) {
  return withRules(
    form({
      measureId: choice(MEASURE_CHOICES, 'Select the measure'),
      kind: choice(COMPARATOR_CHOICES, 'Select the kind of comparator'),
      year: financialYear(today),
      value: decimal('The comparator', 'Enter the comparator figure'),
      source,
    }),
    (v, ctx) => {
      const definition = measureById(v.measureId);
      if (!definition || v.value === null) return;
      for (const [, message] of Object.entries(comparatorProblems(definition, v.value))) ctx.addIssue({ code: 'custom', path: ['value'], message });
    },
  );
}

const box = (label: string) => optionalText({ label, max: 5000, multiline: true });

export const commentaryForm = form({
  workingWell: box('What’s working well'),
  worriedAbout: box('What are we worried about'),
  goingToDo: box('What are we going to do'),
});
