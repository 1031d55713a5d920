/**
 * The children missing education scorecard's and the LADO's comparators for the demo: the seed report's own figures,
 * each with where it comes from — the CME quarterly scorecard for the second quarter of 2018-19 (Rotherham, Early
 * Help: Children Missing from Education, Improving Lives Select Commission, 4 December 2018,
 * `../shared/seeds/004_7aa2e81ce8b2f59d.txt` from line 7640) and the LADO figures for 2017-18 (Rotherham LSCB annual
 * report 2017-18, section 7 Safer Workforce, from line 3840). One authority's figures are "a comparable area", as
 * the adults' and children's are. The CME figures are a quarter's, compared with a quarter; the LADO's a year's.
 * Written by `seedReferenceData` in `demo.ts` for each year.
 */
const CME_SEED = 'Seed report: Rotherham CME quarterly scorecard, quarter two 2018-19 (Improving Lives Select Commission, December 2018), used as demo comparator data';
const LADO_SEED = 'Seed report: Rotherham LSCB annual report 2017-18, section 7 (Safer Workforce), used as demo comparator data';

export const CME_LADO_COMPARATORS: readonly { measureId: string; kind: 'comparable_area'; value: number; source: string }[] = [
  { measureId: 'cme_referrals', kind: 'comparable_area', value: 177, source: `${CME_SEED} (177 children classified as new CME referrals; 188 in quarter one)` },
  { measureId: 'cme_families', kind: 'comparable_area', value: 97, source: `${CME_SEED} (the 177 children from 97 families; 97 in quarter one)` },
  { measureId: 'cme_recurrent', kind: 'comparable_area', value: 51.9, source: `${CME_SEED} (92 of the 177 children, 51.9%, known to have previous episodes of CME that were closed)` },
  { measureId: 'cme_open', kind: 'comparable_area', value: 146, source: `${CME_SEED} (146 active cases open to CME at the end of the reporting period, a 30% reduction from quarter one)` },
  { measureId: 'cme_resolved', kind: 'comparable_area', value: 256, source: `${CME_SEED} (256 resolved cases in quarter two; 134 in quarter one)` },
  { measureId: 'cme_fsm', kind: 'comparable_area', value: 13.7, source: `${CME_SEED} (13.7% of children within the CME cohort eligible for free school meals)` },
  {
    measureId: 'cme_ethnicity_not_recorded',
    kind: 'comparable_area',
    value: 36,
    source: `${CME_SEED} (36% unclassified, 43% in quarter one; the report does not say how many of these parents declined, which Threshold counts apart as refused)`,
  },
  { measureId: 'lado_allegations', kind: 'comparable_area', value: 96, source: `${LADO_SEED} (96 enquiries progressed to the LADO process in 2017-18; 77 the year before)` },
  { measureId: 'lado_advice', kind: 'comparable_area', value: 739, source: `${LADO_SEED} (an additional 739 queries taken in the year, advice and guidance provided)` },
  { measureId: 'lado_open', kind: 'comparable_area', value: 70, source: `${LADO_SEED} (70 incomplete outcomes, cases remaining under investigation)` },
];
