/**
 * The children's board's comparators for the demo: the seed board report's own 2017-18 figures (Rotherham Local
 * Safeguarding Children Board annual report 2017-18, `../shared/seeds/004_7aa2e81ce8b2f59d.txt` lines 2030–2390)
 * and the statistical neighbour and national averages it quotes, each with where it comes from. One authority's
 * figures are "a comparable area", as the adults' are. Written by `seedReferenceData` in `demo.ts` for each year.
 */
const CHILD_SEED = 'Seed board report: Rotherham LSCB annual report 2017-18, used as demo comparator data';
const QUOTED = 'as quoted in the seed board report (Rotherham LSCB annual report 2017-18), used as demo comparator data';

export const CHILD_COMPARATORS: readonly { measureId: string; kind: 'comparable_area' | 'national' | 'statistical_neighbours' | 'top_quartile'; value: number; source: string }[] = [
  { measureId: 'csc_re_referrals', kind: 'comparable_area', value: 23.1, source: `${CHILD_SEED} (re-referral rate 23.1% at the end of 2017-18)` },
  { measureId: 'csc_re_referrals', kind: 'national', value: 21.9, source: `National average (21.9%), ${QUOTED}` },
  { measureId: 'csc_re_referrals', kind: 'top_quartile', value: 16, source: `Top quartile (16%), ${QUOTED}` },
  { measureId: 'csc_referrals_to_assessment', kind: 'comparable_area', value: 99, source: `${CHILD_SEED} (progression from referral to assessment consistently 99% each month)` },
  { measureId: 'csc_assessments_in_time', kind: 'comparable_area', value: 78, source: `${CHILD_SEED} (assessment timeliness, provisional, 78%)` },
  { measureId: 'csc_cin_cp_rate', kind: 'comparable_area', value: 413.8, source: `${CHILD_SEED} (1,686 children in need with those on a plan: 413.8 per 10,000 at the end of March 2018)` },
  { measureId: 'csc_cin_cp_rate', kind: 'statistical_neighbours', value: 372.7, source: `Statistical neighbour average (372.7), ${QUOTED}` },
  { measureId: 'csc_cin_cp_rate', kind: 'national', value: 337.7, source: `National average (337.7), ${QUOTED}` },
  { measureId: 'cp_s47_started', kind: 'comparable_area', value: 2235, source: `${CHILD_SEED} (2,235 new section 47 investigations)` },
  { measureId: 'cp_s47_to_icpc', kind: 'comparable_area', value: 63.9, source: `${CHILD_SEED} (63.9%, 1,429 children, progressing to the child protection process; the report divides by the enquiries started)` },
  { measureId: 'cp_plans_open', kind: 'comparable_area', value: 656, source: `${CHILD_SEED} (656 children on a child protection plan)` },
  { measureId: 'cp_plan_rate', kind: 'comparable_area', value: 115.9, source: `${CHILD_SEED} (115.9 per 10,000)` },
  { measureId: 'cp_plan_rate', kind: 'statistical_neighbours', value: 56.6, source: `Statistical neighbour average (56.6), ${QUOTED}` },
  { measureId: 'cp_plan_rate', kind: 'national', value: 43.3, source: `National average (43.3), ${QUOTED}` },
  { measureId: 'cp_reviews_in_time', kind: 'comparable_area', value: 94.6, source: `${CHILD_SEED} (review conferences in time 94.6%)` },
  { measureId: 'cp_reviews_in_time', kind: 'national', value: 92.2, source: `National average (92.2%), ${QUOTED}` },
  { measureId: 'cp_visits_in_time', kind: 'comparable_area', value: 89.1, source: `${CHILD_SEED} (child protection visits within the local standard 89.1%)` },
  { measureId: 'cp_voice_heard', kind: 'comparable_area', value: 44, source: `${CHILD_SEED} (44% of children aged 8 to 17 with their voice heard at conference)` },
  { measureId: 'eh_engaged_in_time', kind: 'comparable_area', value: 59.7, source: `${CHILD_SEED} (59.7%, 604 of 1,011 families, contacted and engaged within 3 working days)` },
  { measureId: 'eh_assessments_in_time', kind: 'comparable_area', value: 47.2, source: `${CHILD_SEED} (47.2%, 518 of 1,097 early help assessments, completed in timescale)` },
  { measureId: 'eh_assessments_by_partners', kind: 'comparable_area', value: 15.9, source: `${CHILD_SEED} (15.9%, 225 of 1,415 early help assessments, completed by partners)` },
];
