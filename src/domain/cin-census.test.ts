import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.js';
import {
  CIN_RULES,
  type CensusPersonInput,
  type CensusReferralInput,
  type CinCensus,
  type CinRule,
  buildCensus,
  censusAge,
  censusCounts,
  censusEthnicity,
  censusGender,
  censusXml,
  censusYear,
  cinDetailsOf,
  isUpnLaCode,
  laChildIdOf,
  numberOfPreviousCpp,
  referralInYear,
  referralNfa,
  severityOf,
  upnUnknownReason,
  validateCensus,
  xmlText,
} from './cin-census.js';
import { ASSESSMENT_FACTORS } from './children.js';
import { CONTACT_SOURCES } from './codes.js';
import { upnCheckLetter } from './identifiers.js';

const calendar = new WorkingCalendar([]);
const Y = 2025; // 2025-26: 1 April 2025 to 31 March 2026
const year = censusYear(Y);
const upn = (twelve: string) => `${upnCheckLetter(twelve)}${twelve}`;
const UPN_A = upn('201123425001');
const UPN_B = upn('201123425002');
const SOURCE = { lea: '201', release: 'Threshold 0.1.0', serialNo: '001', generatedAt: new Date('2026-04-20T09:30:00.123Z') };

const ID = { ada: '00000000-0000-4000-8000-00000000000a', ben: '00000000-0000-4000-8000-00000000000b', cal: '00000000-0000-4000-8000-00000000000c' };

function people(): Map<string, CensusPersonInput> {
  return new Map<string, CensusPersonInput>([
    [ID.ada, { personId: ID.ada, dateOfBirth: '2015-03-14', dobPrecision: 'exact', gender: 'female', ethnicity: 'WBRI', deceasedOn: null, upns: [UPN_A], disabilities: ['NONE'], cpPlanStarts: ['2021-02-01', '2025-05-29'] }],
    [ID.ben, { personId: ID.ben, dateOfBirth: '2022-01-01', dobPrecision: 'exact', gender: 'male', ethnicity: null, deceasedOn: null, upns: [], disabilities: null, cpPlanStarts: [] }],
    [ID.cal, { personId: ID.cal, dateOfBirth: '2026-05-01', dobPrecision: 'unborn', gender: 'unknown', ethnicity: 'NOBT', deceasedOn: null, upns: [], disabilities: null, cpPlanStarts: [] }],
  ]);
}

const none = { assessments: [], cinPlans: [], s47s: [], conferencesWithoutS47: [], cpPlans: [] };

/** Ada: referral → assessment → s47 → ICPC → CP plan with a review → step down to a CIN plan → closed. */
function referrals(): CensusReferralInput[] {
  return [
    {
      id: 'r-ada',
      personId: ID.ada,
      referredOn: '2025-05-06',
      sourceCode: '2A',
      primaryNeedCode: 'N1',
      nfa: false,
      closedOn: '2026-02-02',
      closureReason: 'RC7',
      assessments: [{ startedOn: '2025-05-07', authorisedOn: '2025-06-10', factors: ['16A', '3B'] }],
      s47s: [{ startedOn: '2025-05-09', conferenceDueOn: '2025-05-30', outcome: 'substantiated_icpc', completedOn: '2025-05-28', icpcHeldOn: '2025-05-29' }],
      conferencesWithoutS47: [],
      cpPlans: [{ startedOn: '2025-05-29', endedOn: '2025-12-01', initialCategory: 'NEG', latestCategory: 'NEG', reviewsHeldOn: ['2025-08-28', '2025-11-27'] }],
      cinPlans: [{ startedOn: '2025-12-01', endedOn: '2026-02-02' }],
    },
    { id: 'r-ben', personId: ID.ben, referredOn: '2025-09-15', sourceCode: '6', primaryNeedCode: null, nfa: true, closedOn: '2025-09-16', closureReason: 'RC7', ...none },
    {
      id: 'r-cal',
      personId: ID.cal,
      referredOn: '2026-01-12',
      sourceCode: '3B',
      primaryNeedCode: 'N1',
      nfa: false,
      closedOn: null,
      closureReason: null,
      ...none,
      assessments: [{ startedOn: '2026-02-02', authorisedOn: null, factors: ['2B'] }],
    },
  ];
}

const build = (ps = people(), rs = referrals()) => buildCensus(Y, SOURCE, ps, rs);
const rulesOf = (c: CinCensus) => [...new Set(validateCensus(c, calendar).map((i) => i.rule))].sort();
const clone = (c: CinCensus): CinCensus => structuredClone(c);
const child = (c: CinCensus, id: string) => c.children.find((ch) => ch.personId === id)!;
const ada = (c: CinCensus) => child(c, ID.ada);
const adaEp = (c: CinCensus) => ada(c).cinDetails[0]!;

describe('the census year', () => {
  it('runs 1 April to 31 March, with the reference date and Year of its end', () => {
    expect(censusYear(2025)).toMatchObject({ year: 2025, label: '2025-26', start: '2025-04-01', lastDay: '2026-03-31', referenceDate: '2026-03-31', dfeYear: 2026 });
  });

  it('holds a referral open at any time in the year, and no other', () => {
    const r = (referredOn: string, closedOn: string | null) => referralInYear({ referredOn, closedOn }, year);
    expect(r('2025-04-01', null)).toBe(true);
    expect(r('2026-03-31', null)).toBe(true);
    expect(r('2026-04-01', null)).toBe(false);
    expect(r('2019-06-01', null)).toBe(true);
    expect(r('2024-06-01', '2025-04-01')).toBe(true);
    expect(r('2024-06-01', '2025-03-31')).toBe(false);
    expect(r('2025-06-01', '2025-06-01')).toBe(true);
  });
});

describe('derivations', () => {
  it('gives each child a stable LAchildID of at most 10 characters from the person id alone', () => {
    const a = laChildIdOf(ID.ada);
    expect(a).toMatch(/^T[0-9A-HJKMNP-TV-Z]{9}$/);
    expect(laChildIdOf(ID.ada)).toBe(a);
    expect(laChildIdOf(ID.ada.toUpperCase())).toBe(a);
    // fixed: the same child has the same id every year, whatever version made the return
    expect(laChildIdOf('00000000-0000-4000-8000-000000000001')).toBe('TK13MBY2YF');
    const ids = new Set(Array.from({ length: 5000 }, (_, i) => laChildIdOf(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)));
    expect(ids.size).toBe(5000);
  });

  it('maps gender, treating an unborn child as 0', () => {
    expect(['male', 'female', 'other', 'unknown', 'nonsense'].map((g) => censusGender(g, false))).toEqual(['1', '2', '9', '0', '0']);
    expect(censusGender('female', true)).toBe('0');
  });

  it('gives NOBT for an ethnicity not recorded', () => {
    expect(censusEthnicity(null)).toBe('NOBT');
    expect(censusEthnicity('  ')).toBe('NOBT');
    expect(censusEthnicity('WBRI')).toBe('WBRI');
  });

  it('ages a child on a date, not an unborn one', () => {
    expect(censusAge({ dateOfBirth: '2015-03-14', dobPrecision: 'exact' }, '2026-03-31')).toBe(11);
    expect(censusAge({ dateOfBirth: '2015-04-01', dobPrecision: 'exact' }, '2026-03-31')).toBe(10);
    expect(censusAge({ dateOfBirth: '2026-05-01', dobPrecision: 'unborn' }, '2026-03-31')).toBeNull();
    expect(censusAge({ dateOfBirth: null, dobPrecision: 'exact' }, '2026-03-31')).toBeNull();
  });

  it('counts the plans that started before this one', () => {
    expect(numberOfPreviousCpp(['2021-02-01', '2025-05-29', '2019-01-01'], '2025-05-29')).toBe(2);
    expect(numberOfPreviousCpp([], '2025-05-29')).toBe(0);
    expect(numberOfPreviousCpp(['2025-05-29'], '2025-05-29')).toBe(0);
  });

  it('makes a referral NFA only when nothing was done under it', () => {
    const r = referrals()[1]!;
    expect(referralNfa(r)).toBe(true);
    expect(referralNfa({ ...r, nfa: false })).toBe(false);
    expect(referralNfa({ ...r, assessments: [{ startedOn: '2025-09-15', authorisedOn: null, factors: [] }] })).toBe(false);
    expect(referralNfa({ ...r, assessments: [{ startedOn: null, authorisedOn: null, factors: [] }] })).toBe(true);
    expect(referralNfa({ ...r, s47s: referrals()[0]!.s47s })).toBe(false);
    expect(referralNfa({ ...r, cinPlans: [{ startedOn: '2025-09-16', endedOn: null }] })).toBe(false);
    expect(referralNfa({ ...r, cpPlans: referrals()[0]!.cpPlans })).toBe(false);
    expect(referralNfa({ ...r, conferencesWithoutS47: ['2025-09-16'] })).toBe(false);
  });

  it('gives a reason for no UPN: UN1 under 6 or unborn, UN7 when every episode is an NFA referral, else none', () => {
    const p = (dateOfBirth: string, dobPrecision = 'exact') => ({ dateOfBirth, dobPrecision });
    expect(upnUnknownReason(p('2026-05-01', 'unborn'), [false], year)).toBe('UN1');
    expect(upnUnknownReason(p('2020-04-01'), [false], year)).toBe('UN1');
    expect(upnUnknownReason(p('2020-03-31'), [false], year)).toBeNull();
    expect(upnUnknownReason(p('2010-01-01'), [true, true], year)).toBe('UN7');
    expect(upnUnknownReason(p('2010-01-01'), [true, false], year)).toBeNull();
    expect(upnUnknownReason(p('2010-01-01'), [], year)).toBeNull();
  });

  it('builds each child once, in LAchildID order, with identifiers and characteristics', () => {
    const c = build();
    expect(c.children.map((ch) => ch.identifiers.laChildId)).toEqual([...c.children.map((ch) => ch.identifiers.laChildId)].sort());
    expect(ada(c).identifiers).toEqual({ laChildId: laChildIdOf(ID.ada), upn: UPN_A, formerUpn: null, upnUnknown: null, personBirthDate: '2015-03-14', expectedPersonBirthDate: null, genderCurrent: '2', personDeathDate: null });
    expect(child(c, ID.ben).identifiers).toMatchObject({ upn: null, upnUnknown: 'UN1', genderCurrent: '1' });
    expect(child(c, ID.ben).characteristics).toEqual({ ethnicity: 'NOBT', disabilities: null });
    expect(child(c, ID.cal).identifiers).toMatchObject({ personBirthDate: null, expectedPersonBirthDate: '2026-05-01', genderCurrent: '0', upnUnknown: 'UN1' });
  });

  it('gives the newest UPN, the one before as the former UPN, normalised and without repeats', () => {
    const ps = people();
    ps.set(ID.ada, { ...ps.get(ID.ada)!, upns: [UPN_A.toLowerCase(), ` ${UPN_A} `, UPN_B] });
    expect(ada(build(ps)).identifiers).toMatchObject({ upn: UPN_A, formerUpn: UPN_B, upnUnknown: null });
  });

  it('makes the episode with its modules as they stood on 31 March', () => {
    const e = adaEp(build());
    expect(e).toEqual({
      referralId: 'r-ada',
      referralDate: '2025-05-06',
      referralSource: '2A',
      primaryNeedCode: 'N1',
      closureDate: '2026-02-02',
      reasonForClosure: 'RC7',
      dateOfInitialCpc: null,
      assessments: [{ actualStartDate: '2025-05-07', internalReviewDate: null, authorisationDate: '2025-06-10', factors: ['16A', '3B'] }],
      cinPlans: [{ startDate: '2025-12-01', endDate: '2026-02-02' }],
      section47: [{ actualStartDate: '2025-05-09', initialCpcTarget: '2025-05-30', dateOfInitialCpc: '2025-05-29', icpcNotRequired: false }],
      referralNfa: false,
      cpPlans: [{ startDate: '2025-05-29', endDate: '2025-12-01', initialCategory: 'NEG', latestCategory: 'NEG', numberOfPreviousCpp: 1, reviewDates: ['2025-08-28', '2025-11-27'] }],
    });
  });

  it('leaves out what happened after 31 March: closure, authorisation (and its factors), plan ends, conferences, reviews, death', () => {
    const r = referrals()[0]!;
    const later: CensusReferralInput = {
      ...r,
      closedOn: '2026-04-02',
      assessments: [{ startedOn: '2026-03-02', authorisedOn: '2026-04-01', factors: ['16A'] }],
      s47s: [{ startedOn: '2026-03-20', conferenceDueOn: '2026-04-10', outcome: 'substantiated_icpc', completedOn: '2026-04-01', icpcHeldOn: '2026-04-09' }],
      cinPlans: [{ startedOn: '2025-12-01', endedOn: '2026-04-30' }, { startedOn: '2026-04-01', endedOn: null }],
      cpPlans: [{ startedOn: '2025-05-29', endedOn: '2026-06-01', initialCategory: 'NEG', latestCategory: 'EMO', reviewsHeldOn: ['2025-08-28', '2026-04-15'] }],
      conferencesWithoutS47: ['2026-04-03'],
    };
    const e = cinDetailsOf(later, { cpPlanStarts: [] }, year);
    expect(e.closureDate).toBeNull();
    expect(e.reasonForClosure).toBeNull();
    expect(e.assessments).toEqual([{ actualStartDate: '2026-03-02', internalReviewDate: null, authorisationDate: null, factors: [] }]);
    expect(e.section47).toEqual([{ actualStartDate: '2026-03-20', initialCpcTarget: '2026-04-10', dateOfInitialCpc: null, icpcNotRequired: false }]);
    expect(e.cinPlans).toEqual([{ startDate: '2025-12-01', endDate: null }]);
    expect(e.cpPlans[0]).toMatchObject({ endDate: null, reviewDates: ['2025-08-28'] });
    expect(e.dateOfInitialCpc).toBeNull();
    const ps = people();
    ps.set(ID.ada, { ...ps.get(ID.ada)!, deceasedOn: '2026-05-01' });
    expect(ada(build(ps)).identifiers.personDeathDate).toBeNull();
  });

  it('leaves out modules finished before 1 April, and keeps those still running', () => {
    const r: CensusReferralInput = {
      ...referrals()[0]!,
      referredOn: '2024-10-01',
      closedOn: null,
      closureReason: null,
      assessments: [
        { startedOn: '2024-10-02', authorisedOn: '2024-11-20', factors: ['16A'] },
        { startedOn: '2025-03-01', authorisedOn: '2025-04-10', factors: ['4B'] },
        { startedOn: '2025-03-20', authorisedOn: null, factors: [] },
      ],
      s47s: [
        { startedOn: '2024-10-03', conferenceDueOn: '2024-10-24', outcome: 'substantiated_icpc', completedOn: '2024-10-20', icpcHeldOn: '2024-10-23' },
        { startedOn: '2025-01-06', conferenceDueOn: '2025-01-27', outcome: 'not_substantiated', completedOn: '2025-01-20', icpcHeldOn: null },
        { startedOn: '2025-03-03', conferenceDueOn: '2025-03-24', outcome: 'not_substantiated', completedOn: '2025-04-02', icpcHeldOn: null },
        { startedOn: '2025-03-10', conferenceDueOn: '2025-03-31', outcome: 'substantiated_icpc', completedOn: '2025-03-28', icpcHeldOn: '2025-04-02' },
        { startedOn: '2025-03-24', conferenceDueOn: '2025-04-14', outcome: null, completedOn: null, icpcHeldOn: null },
      ],
      cinPlans: [{ startedOn: '2024-11-20', endedOn: '2025-03-01' }, { startedOn: '2025-03-01', endedOn: null }],
      cpPlans: [
        { startedOn: '2024-10-23', endedOn: '2025-02-01', initialCategory: 'NEG', latestCategory: 'NEG', reviewsHeldOn: ['2025-01-15'] },
        { startedOn: '2025-04-02', endedOn: null, initialCategory: 'PHY', latestCategory: 'PHY', reviewsHeldOn: [] },
      ],
      conferencesWithoutS47: ['2024-10-23'],
    };
    const e = cinDetailsOf(r, { cpPlanStarts: ['2024-10-23', '2025-04-02'] }, year);
    expect(e.assessments.map((a) => a.actualStartDate)).toEqual(['2025-03-01', '2025-03-20']);
    expect(e.section47.map((s) => [s.actualStartDate, s.dateOfInitialCpc, s.icpcNotRequired])).toEqual([
      ['2025-03-03', null, true],
      ['2025-03-10', '2025-04-02', false],
      ['2025-03-24', null, false],
    ]);
    expect(e.cinPlans).toEqual([{ startDate: '2025-03-01', endDate: null }]);
    expect(e.cpPlans.map((p) => [p.startDate, p.numberOfPreviousCpp])).toEqual([['2025-04-02', 1]]);
    expect(e.dateOfInitialCpc).toBeNull();
  });

  it('puts an initial conference with no section 47 at the episode level', () => {
    const r: CensusReferralInput = { ...referrals()[0]!, s47s: [], conferencesWithoutS47: ['2025-05-29'] };
    expect(cinDetailsOf(r, { cpPlanStarts: [] }, year).dateOfInitialCpc).toBe('2025-05-29');
  });

  it('leaves out referrals closed before the year and those made after it; a child with none is not in the census', () => {
    const rs = [...referrals(), { ...referrals()[1]!, id: 'old', personId: ID.ben, referredOn: '2024-01-01', closedOn: '2025-03-31' }, { ...referrals()[1]!, id: 'new', personId: 'nobody', referredOn: '2026-04-01', closedOn: null }];
    const c = build(people(), rs);
    expect(c.children.map((ch) => ch.cinDetails.map((e) => e.referralId)).flat().sort()).toEqual(['r-ada', 'r-ben', 'r-cal']);
  });

  it('orders a child’s episodes by referral date', () => {
    const rs = [...referrals(), { ...referrals()[1]!, id: 'r-ben-0', referredOn: '2025-04-03', closedOn: '2025-04-04' }];
    expect(child(build(people(), rs), ID.ben).cinDetails.map((e) => e.referralId)).toEqual(['r-ben-0', 'r-ben']);
  });

  it('counts each module', () => {
    expect(censusCounts(build())).toEqual({
      children: 3,
      episodes: 3,
      referralsInYear: 3,
      nfaReferrals: 1,
      closedInYear: 2,
      openAtYearEnd: 1,
      assessments: 2,
      assessmentsCompleted: 1,
      cinPlans: 1,
      section47: 1,
      initialConferences: 1,
      cpPlans: 1,
      cpPlansStarted: 1,
      cpPlansOpenAtYearEnd: 0,
      cpReviews: 2,
    });
  });

  it('writes the header from the year and the source', () => {
    expect(build().header).toEqual({ collection: 'CIN', year: 2026, referenceDate: '2026-03-31', sourceLevel: 'L', lea: '201', softwareCode: 'Local Authority', release: 'Threshold 0.1.0', serialNo: '001', dateTime: '2026-04-20T09:30:00Z' });
  });
});

describe('code lists', () => {
  it('has the 2023-24 schema’s factors, with 21 (no factors) and 23A (faith or belief)', () => {
    expect(ASSESSMENT_FACTORS.map((f) => f.code).sort()).toEqual([
      '1A', '1B', '1C', '2A', '2B', '2C', '3A', '3B', '3C', '4A', '4B', '4C', '5A', '5B', '5C', '6A', '6B', '6C', '7A', '8B', '8C', '8D', '8E', '8F', '9A',
      '10A', '11A', '12A', '13A', '14A', '15A', '16A', '17A', '18B', '18C', '19B', '19C', '20', '21', '22A', '23A', '24A',
    ].sort());
    expect(ASSESSMENT_FACTORS.find((f) => f.code === '18B')!.label).toMatch(/child on child/);
    expect(ASSESSMENT_FACTORS.find((f) => f.code === '19C')!.label).toMatch(/adult on child/);
  });

  it('has the referral sources, with 5D (early help)', () => {
    expect(CONTACT_SOURCES.map((s) => s.code).sort()).toEqual(['1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B', '3C', '3D', '3E', '3F', '4', '5A', '5B', '5C', '5D', '6', '7', '8', '9', '10'].sort());
  });

  it('knows the local authority numbers a UPN may start with', () => {
    expect(['201', '001', '005', '420', '896', '941', '933'].every(isUpnLaCode)).toBe(true);
    expect(['000', '006', '200', '214', '999', '42', 'abc', '8960'].some(isUpnLaCode)).toBe(false);
  });
});

describe('validation', () => {
  it('finds nothing wrong with a good year', () => {
    expect(validateCensus(build(), calendar)).toEqual([]);
  });

  it('marks the rules ending in Q as queries', () => {
    expect(severityOf('8770Q')).toBe('query');
    expect(severityOf('8500')).toBe('error');
  });

  // Each case breaks one thing in a good year and names the rules that must then fail (and only those).
  const cases: [CinRule, string, (c: CinCensus) => void, CinRule[]?][] = [
    ['100', 'a wrong reference date', (c) => void (c.header.referenceDate = '2025-03-31')],
    ['LEA', 'no LA number', (c) => void (c.header.lea = '')],
    ['2883', 'more plans starting than conferences', (c) => void (adaEp(c).section47[0]!.dateOfInitialCpc = null), ['2885', '8868', '8675Q']],
    ['2886Q', 'no gender for many', (c) => void (ada(c).identifiers.genderCurrent = '0')],
    ['8500', 'no LAchildID', (c) => void (ada(c).identifiers.laChildId = '')],
    ['8510', 'the same LAchildID twice', (c) => void (child(c, ID.ben).identifiers.laChildId = ada(c).identifiers.laChildId)],
    ['1510', 'a wrong check letter', (c) => void (ada(c).identifiers.upn = (UPN_A[0] === 'A' ? 'B' : 'A') + UPN_A.slice(1))],
    ['1520', 'the same UPN twice', (c) => void (child(c, ID.ben).identifiers.upn = UPN_A)],
    ['1530', 'a UPN from no LA', (c) => void (ada(c).identifiers.upn = upn('999123425001'))],
    ['1540', 'letters in the middle of a UPN', (c) => void (ada(c).identifiers.upn = 'A2011234X5001')],
    ['1550', 'a 13th character not allowed', (c) => void (ada(c).identifiers.upn = 'A20112342500I')],
    ['1560Q', 'a bad former UPN', (c) => void (ada(c).identifiers.formerUpn = 'X201123425001')],
    ['8520', 'born after the year', (c) => void (ada(c).identifiers.personBirthDate = '2026-04-02'), ['8606']],
    ['8525', 'no date of birth', (c) => void (ada(c).identifiers.personBirthDate = null), []],
    ['8525', 'both dates of birth', (c) => void (ada(c).identifiers.expectedPersonBirthDate = '2026-05-01'), ['8750', '8606']],
    ['8530Q', 'expected long after the year', (c) => void (child(c, ID.cal).identifiers.expectedPersonBirthDate = '2027-01-01'), ['8606']],
    ['8530Q', 'expected long before 31 March', (c) => void (child(c, ID.cal).identifiers.expectedPersonBirthDate = '2026-02-27')],
    ['8775Q', 'over 25', (c) => void (ada(c).identifiers.personBirthDate = '2000-01-01')],
    ['4180', 'no gender', (c) => void (ada(c).identifiers.genderCurrent = null)],
    ['4180', 'a gender not in the list', (c) => void (ada(c).identifiers.genderCurrent = '3')],
    ['8750', 'an unborn child with a gender', (c) => void (child(c, ID.cal).identifiers.genderCurrent = '2')],
    ['8535Q', 'died before birth', (c) => void (ada(c).identifiers.personDeathDate = '2014-01-01')],
    ['8545Q', 'died before the year', (c) => void (ada(c).identifiers.personDeathDate = '2025-03-01'), ['8555', '8920', '4009', '4008', '8915']],
    ['4220', 'no ethnicity', (c) => void (ada(c).characteristics.ethnicity = null)],
    ['4220', 'an ethnicity not in the list', (c) => void (ada(c).characteristics.ethnicity = 'WELSH')],
    ['8540', 'no disability given for a child in need', (c) => void (ada(c).characteristics.disabilities = [])],
    ['8540', 'a disability not in the list', (c) => void (ada(c).characteristics.disabilities = ['ADHD'])],
    ['8790', 'NONE and a disability', (c) => void (ada(c).characteristics.disabilities = ['NONE', 'AUT']), ['8899Q']],
    ['8794', 'a disability twice', (c) => void (ada(c).characteristics.disabilities = ['AUT', 'AUT']), ['8899Q']],
    ['8899Q', 'a disabled child with no disability factor', (c) => void (ada(c).characteristics.disabilities = ['AUT'])],
    ['8590', 'no episode', (c) => void (ada(c).cinDetails = [])],
    ['8770Q', 'a child of 6 in need with no UPN or reason', (c) => void (ada(c).identifiers.upn = null)],
    ['8772', 'UN7 for a child with further action', (c) => Object.assign(child(c, ID.cal).identifiers, { upnUnknown: 'UN7' })],
    ['SCHEMA', 'a UPN reason not in the list', (c) => Object.assign(child(c, ID.cal).identifiers, { upnUnknown: 'UN9' })],
    ['8815', 'two open episodes', (c) => Object.assign(adaEp(c), { closureDate: null, reasonForClosure: null }) && void ada(c).cinDetails.push({ ...structuredClone(adaEp(c)), referralId: 'x' })],
    ['8816', 'an open episode before a later one', (c) => Object.assign(adaEp(c), { closureDate: null, reasonForClosure: null }) && void ada(c).cinDetails.push({ ...structuredClone(child(c, ID.ben).cinDetails[0]!), referralDate: '2026-03-02', closureDate: '2026-03-03' })],
    ['8820', 'overlapping episodes', (c) => void ada(c).cinDetails.push({ ...structuredClone(adaEp(c)), referralId: 'x', referralDate: '2025-06-01', assessments: [], section47: [], cpPlans: [], cinPlans: [], primaryNeedCode: 'N1' })],
    ['8606', 'referred more than 40 weeks before birth', (c) => void (child(c, ID.cal).cinDetails[0]!.referralDate = '2025-07-01')],
    ['8555', 'referred after death', (c) => void (child(c, ID.ben).identifiers.personDeathDate = '2025-09-01'), []],
    ['8866', 'no referral source', (c) => void (adaEp(c).referralSource = null)],
    ['8866', 'a referral source not in the list', (c) => void (adaEp(c).referralSource = '11')],
    ['8610', 'no primary need after further action', (c) => void (adaEp(c).primaryNeedCode = null)],
    ['8650', 'a primary need not in the list', (c) => void (adaEp(c).primaryNeedCode = 'N10')],
    ['8569', 'an NFA referral from well before the year', (c) => Object.assign(child(c, ID.ben).cinDetails[0]!, { referralDate: '2025-03-20', closureDate: '2025-04-02' })],
    ['8620', 'closed after the year', (c) => void (adaEp(c).closureDate = '2026-04-02')],
    ['8630', 'closed before referral', (c) => void (child(c, ID.ben).cinDetails[0]!.closureDate = '2025-09-14'), []],
    ['8640', 'a closure reason not in the list', (c) => void (adaEp(c).reasonForClosure = 'RC10')],
    ['8805', 'closed with no reason', (c) => void (adaEp(c).reasonForClosure = null)],
    ['8810', 'a reason with no closure', (c) => void (adaEp(c).closureDate = null), []],
    ['8585Q', 'closed as died with no date of death', (c) => void (adaEp(c).reasonForClosure = 'RC2')],
    ['8825Q', 'RC8 with no assessment', (c) => void (child(c, ID.ben).cinDetails[0]!.reasonForClosure = 'RC8')],
    ['8565', 'a plan ending after closure', (c) => void (adaEp(c).closureDate = '2026-01-30')],
    ['8868', 'closed with a section 47 still open', (c) => void (adaEp(c).section47[0]!.dateOfInitialCpc = null), ['2883', '2885', '8675Q']],
    ['8867', 'closed with an assessment not completed', (c) => Object.assign(adaEp(c).assessments[0]!, { authorisationDate: null, factors: [] }), ['8670Q']],
    ['2990', 'RC8 with a plan', (c) => void (adaEp(c).reasonForClosure = 'RC8')],
    ['8831', 'an NFA referral with an assessment', (c) => void child(c, ID.ben).cinDetails[0]!.assessments.push({ actualStartDate: '2025-09-15', internalReviewDate: null, authorisationDate: '2025-09-16', factors: ['21'] }), ['8873']],
    ['4000', 'an NFA referral with a CIN plan', (c) => void child(c, ID.ben).cinDetails[0]!.cinPlans.push({ startDate: '2025-09-15', endDate: '2025-09-16' })],
    ['8832', 'an NFA referral with a CP plan', (c) => void child(c, ID.ben).cinDetails[0]!.cpPlans.push({ startDate: '2025-09-15', endDate: '2025-09-16', initialCategory: 'NEG', latestCategory: 'NEG', numberOfPreviousCpp: 0, reviewDates: [] }), ['2883', '2885']],
    ['8896', 'two open assessments', (c) => void child(c, ID.cal).cinDetails[0]!.assessments.push({ actualStartDate: '2026-02-03', internalReviewDate: null, authorisationDate: null, factors: [] }), ['8863']],
    ['8863', 'an assessment starting while another runs', (c) => void adaEp(c).assessments.push({ actualStartDate: '2025-05-20', internalReviewDate: null, authorisationDate: '2025-06-01', factors: ['16A'] })],
    ['8873', 'only factor 21 and not RC8', (c) => void (adaEp(c).assessments[0]!.factors = ['21'])],
    ['1103', 'an assessment before the referral', (c) => void (adaEp(c).assessments[0]!.actualStartDate = '2025-05-01')],
    ['8608', 'an assessment authorised before it started', (c) => void (adaEp(c).assessments[0]!.authorisationDate = '2025-05-06'), []],
    ['8670Q', 'an assessment open more than 45 working days at the year end', (c) => void (child(c, ID.cal).cinDetails[0]!.assessments[0]!.actualStartDate = '2026-01-20')],
    ['8696', 'an assessment authorised after the year', (c) => void (adaEp(c).assessments[0]!.authorisationDate = '2026-04-02'), ['8565']],
    ['8736', 'an open assessment from before the year', (c) => Object.assign(child(c, ID.cal).cinDetails[0]!, { referralDate: '2025-03-01' }) && Object.assign(child(c, ID.cal).cinDetails[0]!.assessments[0]!, { actualStartDate: '2025-03-02' }), ['8670Q', '8606']],
    ['8897', 'a completed assessment with no factors', (c) => void (adaEp(c).assessments[0]!.factors = [])],
    ['8614', 'factors on an assessment not completed', (_c) => void 0, []],
    ['8898', 'a factor twice', (c) => void (adaEp(c).assessments[0]!.factors = ['16A', '16A'])],
    ['8869', 'factor 21 with another', (c) => void (adaEp(c).assessments[0]!.factors = ['21', '16A'])],
    ['8617', 'factor 8A', (c) => void (adaEp(c).assessments[0]!.factors = ['8A', '16A'])],
    ['SCHEMA', 'a factor not in the list', (c) => void (adaEp(c).assessments[0]!.factors = ['16A', '99Z'])],
    ['4004', 'two open CIN plans', (c) => void child(c, ID.cal).cinDetails[0]!.cinPlans.push({ startDate: '2026-02-10', endDate: null }, { startDate: '2026-03-10', endDate: null }), ['4014']],
    ['4014', 'overlapping CIN plans', (c) => void adaEp(c).cinPlans.push({ startDate: '2025-12-10', endDate: '2026-01-10' })],
    ['4001', 'a CIN plan and a CP plan both open', (c) => Object.assign(adaEp(c), { closureDate: null, reasonForClosure: null }) && Object.assign(adaEp(c).cinPlans[0]!, { endDate: null }) && Object.assign(adaEp(c).cpPlans[0]!, { endDate: null }), ['4016']],
    ['4016', 'a CIN plan starting during a CP plan', (c) => void (adaEp(c).cinPlans[0]!.startDate = '2025-11-30'), []],
    ['4017', 'a CP plan starting during a CIN plan', (c) => void adaEp(c).cinPlans.unshift({ startDate: '2025-05-20', endDate: '2025-06-30' }), []],
    ['4003', 'a CP review while a CIN plan is open', (c) => void adaEp(c).cinPlans.unshift({ startDate: '2025-08-01', endDate: '2025-09-30' }), ['4016']],
    ['4008', 'a CIN plan starting after death', (c) => void (ada(c).identifiers.personDeathDate = '2025-11-30'), ['4009', '8920']],
    ['4009', 'a CIN plan open after death', (c) => Object.assign(adaEp(c), { closureDate: null, reasonForClosure: null }) && Object.assign(adaEp(c).cinPlans[0]!, { endDate: null }) && void (ada(c).identifiers.personDeathDate = '2026-03-01'), ['4009']],
    ['4010', 'a CIN plan starting after the year', (c) => void child(c, ID.cal).cinDetails[0]!.cinPlans.push({ startDate: '2026-04-02', endDate: null }), []],
    ['4011', 'a CIN plan ending before it starts', (c) => void (adaEp(c).cinPlans[0]!.endDate = '2025-11-30')],
    ['4012Q', 'a CIN plan of one day', (c) => void (adaEp(c).cinPlans[0]!.endDate = '2025-12-01')],
    ['4013', 'a CIN plan ending after the year', (c) => Object.assign(adaEp(c), { closureDate: null, reasonForClosure: null }) && Object.assign(adaEp(c).cinPlans[0]!, { endDate: '2026-04-10' })],
    ['4015', 'a CIN plan before the referral', (c) => void adaEp(c).cinPlans.unshift({ startDate: '2025-05-01', endDate: '2025-05-05' })],
    ['8839', 'two open section 47s', (c) => void adaEp(c).section47.push({ actualStartDate: '2025-06-02', initialCpcTarget: null, dateOfInitialCpc: null, icpcNotRequired: false }, { actualStartDate: '2025-06-03', initialCpcTarget: null, dateOfInitialCpc: null, icpcNotRequired: false }), ['8890', '8868', '8675Q']],
    ['8890', 'a section 47 starting while another runs', (c) => void adaEp(c).section47.push({ actualStartDate: '2025-05-20', initialCpcTarget: null, dateOfInitialCpc: null, icpcNotRequired: true })],
    ['2884', 'the ICPC at both levels', (c) => void (adaEp(c).dateOfInitialCpc = '2025-05-29')],
    ['2991Q', 'a section 47 with no assessment', (c) => void (adaEp(c).assessments = [])],
    ['1104', 'an ICPC before the referral', (c) => void (adaEp(c).dateOfInitialCpc = '2025-05-05'), []],
    ['8615', 'a section 47 starting after its ICPC', (c) => void (adaEp(c).section47[0]!.actualStartDate = '2025-05-30'), []],
    ['2889', 'a section 47 before the referral', (c) => void (adaEp(c).section47[0]!.actualStartDate = '2025-05-01')],
    ['8740', 'an open section 47 from before the year', (c) => Object.assign(child(c, ID.cal).cinDetails[0]!, { referralDate: '2025-03-01' }) && child(c, ID.cal).cinDetails[0]!.section47.push({ actualStartDate: '2025-03-02', initialCpcTarget: null, dateOfInitialCpc: null, icpcNotRequired: false }), ['8675Q', '8606']],
    ['8675Q', 'a section 47 open 15 working days at the year end', (c) => void child(c, ID.cal).cinDetails[0]!.section47.push({ actualStartDate: '2026-02-02', initialCpcTarget: null, dateOfInitialCpc: null, icpcNotRequired: false })],
    ['8870Q', 'an ICPC target at a weekend', (c) => void (adaEp(c).section47[0]!.initialCpcTarget = '2025-05-31')],
    ['8715', 'an ICPC after the year', (c) => Object.assign(child(c, ID.cal).cinDetails[0]!, { dateOfInitialCpc: '2026-04-02' })],
    ['8875', 'an ICPC at a weekend', (c) => void (adaEp(c).section47[0]!.dateOfInitialCpc = '2025-05-31'), ['2885']],
    ['8935', 'two open CP plans', (c) => void child(c, ID.cal).cinDetails[0]!.cpPlans.push(cpp('2026-02-10', null), cpp('2026-03-10', null)), ['8940', '2883', '2885']],
    ['8940', 'overlapping CP plans', (c) => void adaEp(c).cpPlans.push(cpp('2025-06-02', '2025-07-01')), ['2883', '2885']],
    ['8905', 'no initial category', (c) => void (adaEp(c).cpPlans[0]!.initialCategory = null)],
    ['8910', 'a latest category not in the list', (c) => void (adaEp(c).cpPlans[0]!.latestCategory = 'DOM')],
    ['8720', 'a CP plan starting after the year', (c) => void child(c, ID.cal).cinDetails[0]!.cpPlans.push(cpp('2026-04-02', null))],
    ['8915', 'a CP plan starting after death', (c) => void (ada(c).identifiers.personDeathDate = '2025-05-28'), ['8920', '4008', '4009']],
    ['8920', 'a CP plan open at death', (c) => Object.assign(adaEp(c), { closureDate: null, reasonForClosure: null, cinPlans: [] }) && Object.assign(adaEp(c).cpPlans[0]!, { endDate: null }) && void (ada(c).identifiers.personDeathDate = '2026-03-01'), []],
    ['8925', 'a CP plan ending before it starts', (c) => void (adaEp(c).cpPlans[0]!.endDate = '2025-05-28'), []],
    ['8930', 'a CP plan ending after the year', (c) => Object.assign(adaEp(c), { closureDate: null, reasonForClosure: null, cinPlans: [] }) && Object.assign(adaEp(c).cpPlans[0]!, { endDate: '2026-04-10' })],
    ['8840', 'a CP plan of one day', (c) => void (adaEp(c).cpPlans[0]!.endDate = '2025-05-29'), []],
    ['8841', 'a review on the plan’s first day', (c) => void (adaEp(c).cpPlans[0]!.reviewDates = ['2025-05-29'])],
    ['2885', 'a plan not starting at the ICPC', (c) => void (adaEp(c).cpPlans[0]!.startDate = '2025-05-30')],
    ['1105', 'a plan before the referral', (c) => void adaEp(c).cpPlans.unshift(cpp('2025-05-01', '2025-05-05')), ['2885', '2883']],
    ['SCHEMA', 'a negative number of previous plans', (c) => void (adaEp(c).cpPlans[0]!.numberOfPreviousCpp = -1)],
  ];

  function cpp(startDate: string, endDate: string | null) {
    return { startDate, endDate, initialCategory: 'NEG', latestCategory: 'NEG', numberOfPreviousCpp: 0, reviewDates: [] as string[] };
  }

  it.each(cases.filter(([rule]) => rule !== '8614').map(([rule, what, mutate, also]) => ({ rule, what, mutate, also })))('$rule: $what', ({ rule, mutate, also }) => {
    const c = clone(build());
    mutate(c);
    const found = rulesOf(c);
    expect(found).toContain(rule);
    if (also) expect(found).toEqual([...new Set([rule, ...also])].sort());
  });

  it('8614: factors on an assessment not completed', () => {
    const c = clone(build());
    expect(child(c, ID.cal).cinDetails[0]!.assessments[0]!.factors).toEqual([]);
    child(c, ID.cal).cinDetails[0]!.assessments[0]!.factors = ['2B'];
    expect(rulesOf(c)).toEqual(['8614']);
  });

  it('checks every rule it names', () => {
    const tested = new Set(cases.map(([rule]) => rule));
    expect(Object.keys(CIN_RULES).filter((r) => !tested.has(r as CinRule))).toEqual([]);
    expect(Object.keys(CIN_RULES).length).toBeGreaterThanOrEqual(100);
  });

  it('says which child, episode and field each issue is about', () => {
    const c = clone(build());
    adaEp(c).primaryNeedCode = null;
    expect(validateCensus(c, calendar)).toEqual([
      { rule: '8610', message: CIN_RULES['8610'], severity: 'error', laChildId: laChildIdOf(ID.ada), personId: ID.ada, referralDate: '2025-05-06', referralId: 'r-ada', field: 'PrimaryNeedCode' },
    ]);
  });

  it('counts an NFA referral made one working day before the year as in time (8569)', () => {
    // 1 April 2025 is a Tuesday: the working day before is Monday 31 March
    const c = clone(build());
    Object.assign(child(c, ID.ben).cinDetails[0]!, { referralDate: '2025-03-31', closureDate: '2025-04-01' });
    expect(rulesOf(c)).toEqual([]);
    Object.assign(child(c, ID.ben).cinDetails[0]!, { referralDate: '2025-03-28' });
    expect(rulesOf(c)).toEqual(['8569']);
  });

  it('counts a bank holiday as no working day (8670Q)', () => {
    const c = clone(build());
    // from Monday 26 January 2026 to 31 March is 46 weekdays; with a bank holiday between, 45 (not more than 45)
    child(c, ID.cal).cinDetails[0]!.assessments[0]!.actualStartDate = '2026-01-26';
    expect(rulesOf(c)).toEqual(['8670Q']);
    expect(validateCensus(c, new WorkingCalendar(['2026-02-16']))).toEqual([]);
  });

  it('counts a year still running as overdue by today, not by 31 March (8670Q, 8675Q)', () => {
    const c = clone(build());
    child(c, ID.cal).cinDetails[0]!.assessments[0]!.actualStartDate = '2026-01-26';
    child(c, ID.cal).cinDetails[0]!.section47.push({ actualStartDate: '2026-02-02', initialCpcTarget: null, dateOfInitialCpc: null, icpcNotRequired: false });
    expect(rulesOf(c)).toEqual(['8670Q', '8675Q']);
    expect(validateCensus(c, calendar, '2026-02-20')).toEqual([]);
    expect([...new Set(validateCensus(c, calendar, '2026-04-20').map((i) => i.rule))]).toEqual(['8670Q', '8675Q']);
  });

  it('lists issues by child, episode and rule', () => {
    const c = clone(build());
    adaEp(c).referralSource = null;
    adaEp(c).primaryNeedCode = null;
    child(c, ID.ben).identifiers.genderCurrent = null;
    const issues = validateCensus(c, calendar);
    const keys = issues.map((i) => `${i.laChildId}|${i.referralDate ?? ''}|${i.rule}`);
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  });
});

describe('the XML', () => {
  function parse(xml: string): { names: string[]; texts: Map<string, string[]> } {
    const parser = new SaxesParser();
    const names: string[] = [];
    const stack: string[] = [];
    const texts = new Map<string, string[]>();
    parser.on('opentag', (t) => {
      names.push(t.name);
      stack.push(t.name);
    });
    parser.on('closetag', () => void stack.pop());
    parser.on('text', (t) => {
      if (!t.trim()) return;
      const at = stack[stack.length - 1]!;
      texts.set(at, [...(texts.get(at) ?? []), t]);
    });
    parser.on('error', (e) => {
      throw e;
    });
    parser.write(xml).close();
    return { names, texts };
  }

  it('is well formed, with the header and each child’s modules in the schema’s order', () => {
    const xml = censusXml(build());
    const { names, texts } = parse(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n  <Header>')).toBe(true);
    expect(names.slice(0, 14)).toEqual(['Message', 'Header', 'CollectionDetails', 'Collection', 'Year', 'ReferenceDate', 'Source', 'SourceLevel', 'LEA', 'SoftwareCode', 'Release', 'SerialNo', 'DateTime', 'Children']);
    expect(texts.get('Year')).toEqual(['2026']);
    expect(texts.get('ReferenceDate')).toEqual(['2026-03-31']);
    expect(texts.get('LEA')).toEqual(['201']);
    expect(texts.get('LAchildID')).toEqual(build().children.map((ch) => ch.identifiers.laChildId));
    expect(texts.get('ReferralNFA')?.sort()).toEqual(['false', 'false', 'true']);
    expect(texts.get('CPPreviewDate')).toEqual(['2025-08-28', '2025-11-27']);
    expect(texts.get('AssessmentFactors')).toEqual(['16A', '3B']);
    expect(texts.get('NumberOfPreviousCPP')).toEqual(['1']);
    expect(texts.get('UPNunknown')).toEqual(['UN1', 'UN1']);
    const adaDetails = xml.slice(xml.indexOf('<CINreferralDate>2025-05-06'), xml.indexOf('</CINdetails>', xml.indexOf('<CINreferralDate>2025-05-06')));
    const order = ['CINreferralDate', 'ReferralSource', 'PrimaryNeedCode', 'CINclosureDate', 'ReasonForClosure', 'Assessments', 'CINPlanDates', 'Section47', 'ReferralNFA', 'ChildProtectionPlans'];
    const at = order.map((n) => adaDetails.indexOf(`<${n}>`));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('leaves out what the child does not have (no empty elements)', () => {
    const xml = censusXml(build());
    expect(xml).not.toMatch(/<(\w+)><\/\1>/);
    expect(xml).not.toContain('<Disabilities>\n      </Disabilities>');
    expect(xml).toContain('<Disability>NONE</Disability>');
    expect(xml).not.toContain('AssessmentInternalReviewDate');
  });

  it('is the same every time for the same records', () => {
    const a = censusXml(build());
    const b = censusXml(build(people(), [...referrals()].reverse()));
    expect(b).toBe(a);
  });

  it('escapes text and drops characters XML cannot carry', () => {
    expect(xmlText(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
    expect(xmlText('ok\u0000\u0007\u001f\uFFFE\uD800 end\t\n')).toBe('ok end\t\n');
    expect(xmlText('Zoë 😊')).toBe('Zoë 😊');
    const c = clone(build());
    c.header.release = 'R&D <test>';
    const { texts } = parse(censusXml(c));
    expect(texts.get('Release')).toEqual(['R&D <test>']);
  });
});
