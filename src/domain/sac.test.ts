/**
 * The SAC counting rules and the DoLS clock, exhaustively over small worlds: every age across every band edge, every
 * ethnicity code, every combination of two risks' results and actions for the enquiry outcome, every set of risk
 * types for SG2, every way an individual's enquiries fall across kinds and years for SG1, and every decision day
 * around each DoLS deadline.
 */
import { describe, expect, it } from 'vitest';
import { ADVOCACY, CAPACITY, CONCERN_SOURCES, MSP_ASKED, OUTCOMES_ACHIEVED, PRIMARY_SUPPORT_REASONS, RISK_LOCATIONS, RISK_RESULTS, RISK_SOURCES, RISK_TYPES } from './adult-safeguarding.js';
import { ETHNICITIES, GENDERS } from './codes.js';
import {
  type DolsApplication,
  ETHNICITY_TO_SAC,
  SAC_AGE_BANDS,
  SAC_ETHNIC_GROUPS,
  type SacConcern,
  type SacEnquiry,
  type SacPerson,
  type SacRisk,
  type SacTable,
  ageBandOf,
  collectionYear,
  concludedIn,
  distinctOf,
  dolsCounts,
  dolsDecidedInTime,
  dolsDueDay,
  enquiryOutcome,
  individualOf,
  instantInYear,
  latestEnquiry,
  sacAgeBand,
  sacEthnicGroup,
  sacReturn,
  sacSex,
  sg1,
  sg2,
  sg3,
  sg4,
  sourceGroupTotals,
  supportProvided,
} from './sac.js';
import { addDays, instantAt } from './time.js';

const Y = collectionYear(2026);
/** Noon in London on a date. */
const at = (date: string) => instantAt(date, 12 * 60);
const codes = (list: readonly { code: string }[]) => list.map((c) => c.code);
const cell = (t: SacTable, row: string, column = 0) => t.rows.find((r) => r.code === row)!.values[column];

let seq = 0;
function enquiry(over: Partial<SacEnquiry> = {}): SacEnquiry {
  seq += 1;
  return {
    id: `e${String(seq).padStart(4, '0')}`,
    concernId: `c${seq}`,
    personId: `p${seq}`,
    kind: 's42',
    startedAt: at('2026-06-01'),
    status: 'concluded',
    endedAt: at('2026-09-01'),
    exitReason: null,
    capacity: 'has_capacity',
    advocacy: null,
    mspAsked: 'asked_expressed',
    outcomesAchieved: 'fully',
    primarySupportReason: 'physical_personal_care',
    risks: [{ type: 'neglect', location: 'own_home', source: 'known_to_individual', result: 'reduced', actionTaken: true }],
    ...over,
  };
}
const person = (over: Partial<SacPerson> = {}): SacPerson => ({ dateOfBirth: '1950-01-01', dobPrecision: 'exact', deceasedOn: null, gender: 'female', ethnicity: 'WBRI', ...over });

describe('the collection year', () => {
  it('runs from 1 April to 31 March, by London date', () => {
    expect(Y).toEqual({ year: 2026, label: '2026-27', start: '2026-04-01', end: '2027-04-01', lastDay: '2027-03-31' });
    expect(collectionYear(2099).label).toBe('2099-00');
    // 23:30 BST on 31 March 2026 is 22:30 UTC: still 2025-26. 00:30 BST on 1 April is in 2026-27.
    expect(instantInYear(new Date('2026-03-31T22:30:00Z'), Y)).toBe(false);
    expect(instantInYear(new Date('2026-03-31T23:30:00Z'), Y)).toBe(true);
    // 23:59 BST on 31 March 2027 is the last minute of 2026-27.
    expect(instantInYear(new Date('2027-03-31T22:59:00Z'), Y)).toBe(true);
    expect(instantInYear(new Date('2027-03-31T23:00:00Z'), Y)).toBe(false);
    expect(instantInYear(null, Y)).toBe(false);
  });
});

describe('demographics', () => {
  it('bands every age from 0 to 120 exactly once, with each band starting where the guidance says', () => {
    const expected = (age: number) => (age < 18 ? 'unknown' : age < 65 ? '18_64' : age < 75 ? '65_74' : age < 85 ? '75_84' : age < 95 ? '85_94' : '95_plus');
    for (let age = 0; age <= 120; age += 1) expect(ageBandOf(age), `age ${age}`).toBe(expected(age));
    expect(ageBandOf(null)).toBe('unknown');
    expect(ageBandOf(Number.NaN)).toBe('unknown');
    expect(codes(SAC_AGE_BANDS)).toEqual(['18_64', '65_74', '75_84', '85_94', '95_plus', 'unknown']);
  });

  it('ages on the last day of the year, or on the day of death, to the day', () => {
    // 65 on 31 March 2027 (the last day): 65-74. A day later: still 64.
    expect(sacAgeBand(person({ dateOfBirth: '1962-03-31' }), Y)).toBe('65_74');
    expect(sacAgeBand(person({ dateOfBirth: '1962-04-01' }), Y)).toBe('18_64');
    // Died in June 2026 aged 84, before turning 85 in January 2027: aged at death.
    expect(sacAgeBand(person({ dateOfBirth: '1942-01-10', deceasedOn: '2026-06-01' }), Y)).toBe('75_84');
    expect(sacAgeBand(person({ dateOfBirth: '1942-01-10' }), Y)).toBe('85_94');
    // A death after the year does not change the age on its last day.
    expect(sacAgeBand(person({ dateOfBirth: '1942-01-10', deceasedOn: '2027-06-01' }), Y)).toBe('85_94');
    // Born 29 February: 18 on 1 March in a year without one (aged at death, on 28 February or 1 March 2026).
    expect(sacAgeBand(person({ dateOfBirth: '2008-02-29', deceasedOn: '2026-02-28' }), collectionYear(2025))).toBe('unknown');
    expect(sacAgeBand(person({ dateOfBirth: '2008-02-29', deceasedOn: '2026-03-01' }), collectionYear(2025))).toBe('18_64');
    // Not known: no person, no date of birth, an expected date of delivery.
    expect(sacAgeBand(undefined, Y)).toBe('unknown');
    expect(sacAgeBand(person({ dateOfBirth: null }), Y)).toBe('unknown');
    expect(sacAgeBand(person({ dateOfBirth: '2026-06-01', dobPrecision: 'unborn' }), Y)).toBe('unknown');
  });

  it('reports every gender the register keeps as male, female or not known', () => {
    expect(GENDERS.map((g) => sacSex(g.code))).toEqual(['female', 'male', 'unknown', 'unknown']);
    expect(sacSex(null)).toBe('unknown');
    expect(sacSex('')).toBe('unknown');
  });

  it('maps every DfE ethnicity code to one SAC group, reaches every group, and treats the rest as not known', () => {
    for (const e of ETHNICITIES) expect(codes(SAC_ETHNIC_GROUPS)).toContain(ETHNICITY_TO_SAC[e.code]);
    expect(Object.keys(ETHNICITY_TO_SAC).sort()).toEqual(codes(ETHNICITIES).sort());
    expect(new Set(Object.values(ETHNICITY_TO_SAC))).toEqual(new Set(codes(SAC_ETHNIC_GROUPS)));
    expect(sacEthnicGroup('CHNE')).toBe('asian');
    expect(sacEthnicGroup('WIRT')).toBe('white');
    expect(sacEthnicGroup('REFU')).toBe('refused');
    for (const v of [null, undefined, '', 'XXXX']) expect(sacEthnicGroup(v)).toBe('not_known');
  });
});

describe('SG1: an individual is counted once per table', () => {
  it('counts a person once in each column however their enquiries fall across kinds and years, and every case', () => {
    // Every way a person's three enquiries can be: s42 or other, before, in or after the year.
    const when = ['2026-03-15', '2026-07-01', '2027-05-01'];
    const kinds = ['s42', 'other'] as const;
    for (let mask = 0; mask < 6 ** 3; mask += 1) {
      const picks = [0, 1, 2].map((i) => Math.floor(mask / 6 ** i) % 6);
      const enquiries = picks.map((p, i) =>
        enquiry({ id: `e${i}`, concernId: `c${i}`, personId: 'p1', kind: kinds[p % 2]!, startedAt: at(when[Math.floor(p / 2)]!), primarySupportReason: i === 0 ? 'mental_health' : 'learning_disability' }),
      );
      const concerns: SacConcern[] = enquiries.map((e) => ({ id: e.concernId, personId: 'p1', receivedAt: e.startedAt, sourceCode: 'police' }));
      const t = sg1(Y, concerns, enquiries, new Map([['p1', person()]]));
      const inYear = enquiries.filter((e) => instantInYear(e.startedAt, Y));
      const has = (kind: string) => (inYear.some((e) => e.kind === kind) ? 1 : 0);
      const expected = [inYear.length > 0 ? 1 : 0, has('s42'), has('other')];
      for (const table of [t.age, t.sex, t.ethnicity]) {
        expect(table.total, `mask ${mask}`).toEqual(expected);
        expect(table.rows.reduce((n, r) => n.map((x, i) => x + r.values[i]!), [0, 0, 0])).toEqual(expected);
      }
      expect(t.supportReason.total).toEqual(expected.slice(1));
      expect(cell(t.cases, 'concerns')).toBe(inYear.length);
      expect(cell(t.cases, 's42')).toBe(inYear.filter((e) => e.kind === 's42').length);
      expect(cell(t.cases, 'other')).toBe(inYear.filter((e) => e.kind === 'other').length);
      expect(t.cases.total).toBeNull();
    }
  });

  it('takes the primary support reason from the latest enquiry of that kind in the year', () => {
    const a = enquiry({ id: 'a', personId: 'p1', startedAt: at('2026-05-01'), primarySupportReason: 'mental_health' });
    const b = enquiry({ id: 'b', personId: 'p1', startedAt: at('2026-11-01'), primarySupportReason: 'learning_disability' });
    const later = enquiry({ id: 'c', personId: 'p1', startedAt: at('2027-05-01'), primarySupportReason: 'sensory_dual' });
    const other = enquiry({ id: 'd', personId: 'p1', kind: 'other', startedAt: at('2026-12-01'), primarySupportReason: null });
    const t = sg1(Y, [], [b, a, later, other], new Map([['p1', person()]]));
    expect(cell(t.supportReason, 'learning_disability', 0)).toBe(1);
    expect(cell(t.supportReason, 'mental_health', 0)).toBe(0);
    expect(cell(t.supportReason, 'not_known', 1)).toBe(1);
    // Started at the same moment: the later id wins, whatever the order given.
    const x = enquiry({ id: 'x', startedAt: at('2026-05-01') });
    const z = enquiry({ id: 'z', startedAt: at('2026-05-01') });
    expect(latestEnquiry([z, x]).id).toBe('z');
    expect(latestEnquiry([x, z]).id).toBe('z');
    // Every support reason has a row, and an unknown code is reported as not known.
    const all = PRIMARY_SUPPORT_REASONS.map((r, i) => enquiry({ personId: `psr${i}`, primarySupportReason: r.code }));
    const u = sg1(Y, [], [...all, enquiry({ personId: 'odd', primarySupportReason: 'made_up' })], new Map());
    for (const r of PRIMARY_SUPPORT_REASONS) expect(cell(u.supportReason, r.code), r.code).toBe(r.code === 'not_known' ? 2 : 1);
  });

  it('counts an adult no one has put on the register once, as not known, for the concern and its enquiry', () => {
    const e = enquiry({ personId: null, concernId: 'c-unknown' });
    const t = sg1(Y, [{ id: 'c-unknown', personId: null, receivedAt: e.startedAt, sourceCode: 'self' }], [e], new Map());
    expect(individualOf(e)).toBe('concern:c-unknown');
    expect(individualOf({ id: 'c-unknown', personId: null })).toBe('concern:c-unknown');
    expect(t.age.total).toEqual([1, 1, 0]);
    expect(cell(t.age, 'unknown', 0)).toBe(1);
    expect(cell(t.sex, 'unknown', 1)).toBe(1);
    expect(cell(t.ethnicity, 'not_known', 1)).toBe(1);
  });

  it('puts each person in the row of their own facts, and flags anyone under 18 as a record to check', () => {
    const people = new Map<string, SacPerson>([
      ['old', person({ dateOfBirth: '1930-01-01', gender: 'male', ethnicity: 'BAFR' })],
      ['young', person({ dateOfBirth: '2010-01-01', gender: 'other', ethnicity: 'MWAS' })],
    ]);
    const t = sg1(Y, [], [enquiry({ personId: 'old' }), enquiry({ personId: 'young' })], people);
    expect(cell(t.age, '95_plus', 1)).toBe(1);
    expect(cell(t.age, 'unknown', 1)).toBe(1);
    expect(cell(t.sex, 'male', 1)).toBe(1);
    expect(cell(t.sex, 'unknown', 1)).toBe(1);
    expect(cell(t.ethnicity, 'black', 1)).toBe(1);
    expect(cell(t.ethnicity, 'mixed', 1)).toBe(1);
    expect(t.under18).toBe(1);
  });
});

describe('SG2: a concluded enquiry counts once under each different risk', () => {
  it('over every set of up to three risks of three types, counts each type present once and the enquiry once in the total', () => {
    const types = ['physical', 'neglect', 'financial'];
    const options = [null, ...types];
    for (let mask = 1; mask < 4 ** 3; mask += 1) {
      const picked = [0, 1, 2].map((i) => options[Math.floor(mask / 4 ** i) % 4]).filter((x): x is string => x !== null);
      const risks: SacRisk[] = picked.map((type, i) => ({ type, location: i % 2 ? 'own_home' : 'care_home_residential', source: 'service_provider', result: 'reduced', actionTaken: true }));
      const t = sg2(Y, [enquiry({ risks }), enquiry({ kind: 'other', risks })]);
      for (const type of types) {
        expect(cell(t.type, type, 0), `${picked.join('+')} ${type}`).toBe(picked.includes(type) ? 1 : 0);
        expect(cell(t.type, type, 1)).toBe(picked.includes(type) ? 1 : 0);
      }
      expect(t.type.total).toEqual([1, 1]);
      expect(cell(t.location, 'own_home')).toBe(picked.length >= 2 ? 1 : 0);
      expect(cell(t.location, 'care_home_residential')).toBe(1);
      expect(cell(t.source, 'service_provider')).toBe(1);
      expect(t.source.total).toEqual([1, 1]);
    }
  });

  it('has a row for every SAC category, counts only enquiries concluded in the year, and notes those with no risk', () => {
    expect(codes(sg2(Y, []).type.rows)).toEqual(codes(RISK_TYPES));
    expect(codes(sg2(Y, []).location.rows)).toEqual(codes(RISK_LOCATIONS));
    expect(codes(sg2(Y, []).source.rows)).toEqual(codes(RISK_SOURCES));
    const t = sg2(Y, [
      enquiry({ status: 'open', endedAt: null }),
      enquiry({ endedAt: at('2026-03-31') }),
      enquiry({ endedAt: at('2027-04-01') }),
      enquiry({ status: 'exited', exitReason: 'died', risks: [] }),
      enquiry(),
    ]);
    expect(t.type.total).toEqual([2, 0]);
    expect(cell(t.type, 'neglect')).toBe(1);
    expect(t.withoutRisk).toEqual([1, 0]);
    expect(distinctOf([{ type: 'a', location: 'x', source: 's', result: null, actionTaken: null }, { type: 'a', location: 'y', source: 's', result: null, actionTaken: null }], 'type')).toEqual(['a']);
  });

  it('treats an enquiry as concluded only when it ended (concluded or exited) in the year', () => {
    for (const status of ['open', 'concluded', 'exited']) {
      for (const ended of [null, '2026-03-31', '2026-04-01', '2027-03-31', '2027-04-01']) {
        const e = enquiry({ status, endedAt: ended ? at(ended) : null });
        expect(concludedIn(e, Y), `${status} ${ended}`).toBe(status !== 'open' && ended !== null && ended >= '2026-04-01' && ended < '2027-04-01');
      }
    }
  });
});

describe('SG3: one outcome for each concluded enquiry', () => {
  const results = [null, ...RISK_RESULTS.map((r) => r.code)];
  const actions = [null, true, false];

  /** The rule written the other way round, as a check. */
  function oracle(risks: SacRisk[], status: string, exitReason: string | null) {
    const identified = risks.filter((r) => ['removed', 'reduced', 'remains'].includes(r.result ?? ''));
    if (identified.length) {
      const result = identified.some((r) => r.result === 'remains') ? 'remains' : identified.some((r) => r.result === 'reduced') ? 'reduced' : 'removed';
      return { outcome: 'risk_identified', actionTaken: identified.some((r) => r.actionTaken === true), result };
    }
    const anyAction = risks.some((r) => r.actionTaken === true);
    if (status === 'exited' && exitReason === 'adult_declined' && !anyAction) return { outcome: 'ceased_at_request', actionTaken: false, result: null };
    if (risks.length && risks.every((r) => r.result === 'no_risk')) return { outcome: 'no_risk', actionTaken: anyAction, result: null };
    return { outcome: 'inconclusive', actionTaken: anyAction, result: null };
  }

  it('agrees with the rule for every pair of risks, every result and action, concluded or exited for any reason', () => {
    let n = 0;
    for (const r1 of results)
      for (const a1 of actions)
        for (const r2 of [undefined, ...results])
          for (const a2 of actions)
            for (const [status, exitReason] of [['concluded', null], ['exited', 'adult_declined'], ['exited', 'died']] as const) {
              if (r2 === undefined && a2 !== null) continue;
              const risks: SacRisk[] = [{ type: 'neglect', location: 'own_home', source: 'service_provider', result: r1, actionTaken: a1 }];
              if (r2 !== undefined) risks.push({ type: 'physical', location: 'own_home', source: 'service_provider', result: r2, actionTaken: a2 });
              expect(enquiryOutcome({ risks, status, exitReason }), JSON.stringify({ risks, status, exitReason })).toEqual(oracle(risks, status, exitReason));
              n += 1;
            }
    expect(n).toBeGreaterThan(1000);
    for (const [status, exitReason] of [['concluded', null], ['exited', 'adult_declined']] as const) {
      expect(enquiryOutcome({ risks: [], status, exitReason }).outcome).toBe(exitReason ? 'ceased_at_request' : 'inconclusive');
    }
  });

  it('tallies outcomes by action taken, and results only where a risk was identified and action taken', () => {
    const risk = (result: string | null, actionTaken: boolean | null): SacRisk => ({ type: 'neglect', location: 'own_home', source: 'service_provider', result, actionTaken });
    const t = sg3(Y, [
      enquiry({ risks: [risk('removed', true), risk('remains', false)] }), // identified, action, worst: remains
      enquiry({ risks: [risk('reduced', true)] }),
      enquiry({ risks: [risk('removed', false)] }), // identified, no action: no result row
      enquiry({ risks: [risk('no_risk', false)] }),
      enquiry({ risks: [risk('inconclusive', true)] }),
      enquiry({ status: 'exited', exitReason: 'adult_declined', risks: [] }),
      enquiry({ kind: 'other', risks: [risk('removed', true)] }),
      enquiry({ status: 'open', endedAt: null }),
    ]);
    expect(cell(t.outcome, 'risk_identified', 0)).toBe(2);
    expect(cell(t.outcome, 'risk_identified', 1)).toBe(1);
    expect(cell(t.outcome, 'no_risk', 1)).toBe(1);
    expect(cell(t.outcome, 'inconclusive', 0)).toBe(1);
    expect(cell(t.outcome, 'ceased_at_request', 1)).toBe(1);
    expect(cell(t.outcome, 'risk_identified', 2)).toBe(1);
    expect(t.outcome.total).toEqual([3, 3, 1, 0]);
    expect(cell(t.result, 'remains')).toBe(1);
    expect(cell(t.result, 'reduced')).toBe(1);
    expect(cell(t.result, 'removed', 1)).toBe(1);
    expect(t.result.total).toEqual([2, 1]);
  });
});

describe('SG4: Making Safeguarding Personal and capacity', () => {
  it('counts every answer the records hold, and outcomes achieved only where outcomes were expressed', () => {
    const enquiries: SacEnquiry[] = [];
    for (const msp of [null, ...MSP_ASKED.map((m) => m.code)]) {
      for (const achieved of [null, ...OUTCOMES_ACHIEVED.map((o) => o.code)]) enquiries.push(enquiry({ mspAsked: msp, outcomesAchieved: achieved }));
    }
    const t = sg4(Y, enquiries);
    const per = OUTCOMES_ACHIEVED.length + 1;
    for (const m of MSP_ASKED) expect(cell(t.asked, m.code)).toBe(per);
    expect(cell(t.asked, 'not_recorded')).toBe(per);
    expect(t.asked.total).toEqual([enquiries.length, 0]);
    for (const o of OUTCOMES_ACHIEVED) expect(cell(t.achieved, o.code)).toBe(1);
    expect(cell(t.achieved, 'not_recorded')).toBe(1);
    expect(t.achieved.total).toEqual([per, 0]);
  });

  it('asks about support only where the individual lacked capacity, and knows which advocacy is support', () => {
    const enquiries: SacEnquiry[] = [];
    for (const capacity of [null, ...CAPACITY.map((c) => c.code)]) for (const advocacy of [null, ...ADVOCACY.map((a) => a.code)]) enquiries.push(enquiry({ capacity, advocacy }));
    const t = sg4(Y, enquiries);
    const per = ADVOCACY.length + 1;
    expect(cell(t.capacity, 'lacks_capacity')).toBe(per);
    expect(cell(t.capacity, 'has_capacity')).toBe(per);
    expect(cell(t.capacity, 'not_assessed')).toBe(per);
    expect(cell(t.capacity, 'not_recorded')).toBe(per);
    expect(cell(t.support, 'yes')).toBe(3);
    expect(cell(t.support, 'no')).toBe(2);
    expect(cell(t.support, 'not_recorded')).toBe(1);
    expect(t.support.total).toEqual([per, 0]);
    expect(ADVOCACY.map((a) => supportProvided(a.code))).toEqual(['yes', 'yes', 'yes', 'no', 'no']);
    expect(supportProvided(null)).toBe('not_recorded');
  });
});

describe('the whole return', () => {
  it('puts every table together for the year, with concerns by source and its groups', () => {
    const concerns: SacConcern[] = CONCERN_SOURCES.map((s, i) => ({ id: `c${i}`, personId: `p${i % 3}`, receivedAt: at('2026-08-01'), sourceCode: s.code }));
    concerns.push({ id: 'odd', personId: null, receivedAt: at('2026-08-01'), sourceCode: 'unheard_of' }, { id: 'old', personId: 'p1', receivedAt: at('2025-08-01'), sourceCode: 'police' });
    const r = sacReturn(2026, concerns, [enquiry({ personId: 'p1' })], new Map());
    expect(r.year.label).toBe('2026-27');
    expect(r.concernSources.total).toEqual([CONCERN_SOURCES.length + 1]);
    expect(cell(r.concernSources, 'other')).toBe(2);
    expect(sourceGroupTotals(r.concernSources)).toEqual({ social_care: 7, health: 3, other: CONCERN_SOURCES.length + 1 - 10 });
    expect(r.sg1.age.total).toEqual([4, 1, 0]);
    expect(r.sg2.type.total).toEqual([1, 0]);
  });
});

describe('DoLS: decided in time', () => {
  const base: DolsApplication = { id: 'd', kind: 'standard', setting: 'care_home', receivedAt: at('2026-06-01'), urgentFrom: null, urgentExtendedAt: null, status: 'granted', allocatedAt: null, decidedAt: null };

  it('gives a standard request 21 calendar days from the London date it arrived, to the day', () => {
    for (let d = 0; d <= 30; d += 1) {
      const decidedAt = at(addDays('2026-06-01', d));
      expect(dolsDecidedInTime({ ...base, decidedAt }), `day ${d}`).toBe(d <= 21);
      expect(dolsDecidedInTime({ ...base, decidedAt, status: 'not_granted' })).toBe(d <= 21);
    }
    // Received at 00:30 BST on 1 June (23:30 UTC on 31 May): the clock starts on 1 June.
    expect(dolsDueDay({ ...base, receivedAt: new Date('2026-05-31T23:30:00Z') })).toBe('2026-06-22');
    // Decided at 00:30 BST on 23 June: a day late.
    expect(dolsDecidedInTime({ ...base, decidedAt: new Date('2026-06-22T23:30:00Z') })).toBe(false);
    expect(dolsDecidedInTime({ ...base, decidedAt: new Date('2026-06-22T22:59:00Z') })).toBe(true);
  });

  it('holds an urgent request to the day its urgent authorisation expires: 7 days from the day given, 14 if extended', () => {
    for (const extended of [false, true]) {
      for (let d = 0; d <= 20; d += 1) {
        const a = { ...base, kind: 'urgent', urgentFrom: '2026-06-01', urgentExtendedAt: extended ? at('2026-06-06') : null, decidedAt: at(addDays('2026-06-01', d)) };
        expect(dolsDecidedInTime(a), `extended ${extended} day ${d}`).toBe(d <= (extended ? 14 : 7));
      }
    }
    // Received long after the urgent authorisation began: the 21 days from receipt are the later limit, never used.
    expect(dolsDueDay({ ...base, kind: 'urgent', urgentFrom: '2026-06-01', receivedAt: at('2026-06-03') })).toBe('2026-06-08');
    // Urgent with no start recorded: the standard 21 days.
    expect(dolsDecidedInTime({ ...base, kind: 'urgent', decidedAt: at('2026-06-20') })).toBe(true);
  });

  it('has no answer while a request is undecided, allocated or withdrawn', () => {
    for (const status of ['received', 'allocated', 'withdrawn']) expect(dolsDecidedInTime({ ...base, status, decidedAt: at('2026-06-02') })).toBeNull();
    expect(dolsDecidedInTime({ ...base, decidedAt: null })).toBeNull();
  });
});

describe('DoLS: the year’s counts', () => {
  const app = (over: Partial<DolsApplication>): DolsApplication => ({ id: 'x', kind: 'standard', setting: 'care_home', receivedAt: at('2026-06-01'), urgentFrom: null, urgentExtendedAt: null, status: 'received', allocatedAt: null, decidedAt: null, ...over });

  it('counts received, completed, in time, withdrawn, and what was still open and unallocated at the end of the year', () => {
    const c = dolsCounts(2026, [
      app({ status: 'granted', allocatedAt: at('2026-06-02'), decidedAt: at('2026-06-10') }), // in time
      app({ status: 'not_granted', kind: 'urgent', setting: 'hospital', urgentFrom: '2026-06-01', allocatedAt: at('2026-06-02'), decidedAt: at('2026-06-10') }), // late
      app({ status: 'granted', receivedAt: at('2026-03-01'), allocatedAt: at('2026-03-02'), decidedAt: at('2026-04-10') }), // received the year before
      app({ status: 'received' }), // open, unallocated
      app({ status: 'allocated', allocatedAt: at('2027-04-02') }), // open, allocated only after the year: unallocated then
      app({ status: 'allocated', allocatedAt: at('2027-02-01') }), // open and allocated
      app({ status: 'granted', allocatedAt: at('2027-01-01'), decidedAt: at('2027-04-05') }), // decided after the year: open then
      app({ status: 'withdrawn', decidedAt: at('2026-07-01') }),
      app({ status: 'withdrawn', decidedAt: null }),
      app({ status: 'received', receivedAt: at('2027-04-01') }), // after the year
    ]);
    expect(c.received).toEqual({ total: 8, standard: 7, urgent: 1, careHome: 7, hospital: 1 });
    expect(c.completed).toEqual({ total: 3, granted: 2, notGranted: 1, inTime: 1, standard: 2, inTimeStandard: 1, urgent: 1, inTimeUrgent: 0 });
    expect(c.withdrawn).toBe(2);
    expect(c.notCompletedAtYearEnd).toBe(4);
    expect(c.unallocatedAtYearEnd).toBe(2);
  });
});
