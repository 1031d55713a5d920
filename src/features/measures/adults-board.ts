/**
 * The adults' safeguarding board scorecard: a named, fixed set of the engine's adult safeguarding and DoLS measures
 * (the partnership's own scorecard is one chosen list per area, so the board's is kept apart rather than chosen),
 * each for its last complete period with its target, direction and comparators, and the concluded section 42
 * enquiries by type, location and source of risk from the same facts.
 */
import { RISK_LOCATIONS, RISK_SOURCES, RISK_TYPES } from '../../domain/adult-safeguarding.js';
import { type Code } from '../../domain/codes.js';
import { collectionYear } from '../../domain/sac.js';
import { financialYearOf } from '../../domain/measures/periods.js';
import { isSmallNumber } from '../../domain/measures/compute.js';
import { measureById } from '../../domain/measures/definitions.js';
import { type MeasureService, type ScorecardItem } from './service.js';

/** The board's scorecard, in the order the board reads it: the front door, enquiries, MSP, then DoLS. */
export const ADULTS_BOARD_SCORECARD = [
  'adult_concerns',
  'adult_s42_started',
  'adult_s42_conversion',
  'adult_other_started',
  'adult_s42_concluded',
  'adult_decision_meetings',
  'adult_outcome_meetings',
  'adult_msp_asked',
  'adult_msp_expressed',
  'adult_msp_achieved',
  'dols_received',
  'dols_granted',
  'dols_not_granted',
  'dols_unallocated',
  'dols_in_time',
] as const;

/** The SG2 measures shown as tables under the scorecard, with the list of categories each counts by. */
export const RISK_TABLES: readonly { id: string; heading: string; codes: readonly Code[] }[] = [
  { id: 'adult_risk_types', heading: 'Type of risk', codes: RISK_TYPES },
  { id: 'adult_risk_locations', heading: 'Location of risk', codes: RISK_LOCATIONS },
  { id: 'adult_risk_sources', heading: 'Source of risk', codes: RISK_SOURCES },
];

export async function adultsBoardItems(measures: MeasureService, tenantId: string, today: string): Promise<ScorecardItem[]> {
  const out: ScorecardItem[] = [];
  for (const id of ADULTS_BOARD_SCORECARD) out.push((await measures.measure(tenantId, id, today))!);
  return out;
}

/**
 * The concluded section 42 enquiries by each category for the last complete rolling year: every category the SAC
 * lists, in its order, with none found shown as 0. Counts from 1 to 5 are hidden unless the viewer may see records.
 */
export async function riskTables(measures: MeasureService, tenantId: string, today: string, options: { hide: boolean }) {
  const period = measures.lastComplete('rolling_12_months', today);
  const out = [];
  for (const t of RISK_TABLES) {
    const definition = measureById(t.id)!;
    const found = new Map((await measures.breakdown(tenantId, definition, 'risk_level', period)).map((r) => [r.label, r]));
    out.push({
      id: t.id,
      title: definition.title,
      heading: t.heading,
      period,
      rows: t.codes.map((c) => {
        const n = found.get(c.label)?.counts.numerator ?? 0;
        return { label: c.label, count: options.hide && isSmallNumber(n) ? 'c' : n.toLocaleString('en-GB') };
      }),
    });
  }
  return out;
}

/** The collection years a return can be made for: the year in progress (to date) and the five before it. */
export function returnYears(today: string) {
  const current = financialYearOf(today);
  return Array.from({ length: 6 }, (_, i) => {
    const y = collectionYear(current - i);
    return { ...y, inProgress: i === 0 };
  });
}
