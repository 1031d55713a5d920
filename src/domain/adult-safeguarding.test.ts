import { describe, expect, it } from 'vitest';
import {
  ADVOCACY,
  ATTENDANCE,
  ATTENDEE_ROLES,
  CAPACITY,
  CONCERN_CHANNELS,
  CONCERN_DECISIONS,
  CONCERN_SOURCE_GROUPS,
  CONCERN_SOURCES,
  CONSENT,
  type ConcernAction,
  type ConcernDecision,
  type ConcernStatus,
  ENQUIRY_LEADS,
  type EnquiryAction,
  type EnquiryStatus,
  EXIT_REASONS,
  MEETING_KINDS,
  MSP_ASKED,
  OUTCOMES_ACHIEVED,
  PRIMARY_SUPPORT_REASONS,
  RISK_LOCATIONS,
  RISK_RESULTS,
  RISK_SOURCES,
  RISK_TYPES,
  type RiskOutcome,
  SAC_SOURCE,
  SANCTIONS,
  SIGNPOST_TEAMS,
  TEST_ANSWERS,
  TEST_RESULT_TEXT,
  THREE_POINT_TEST,
  type TestAnswer,
  type TestResult,
  codesOf,
  conclusionProblems,
  concernAllows,
  decisionProblems,
  enquiryAllows,
  isConcernDecision,
  opensEnquiry,
  sourceGroup,
  threePointTest,
} from './adult-safeguarding.js';
import { type Code } from './codes.js';

const ANSWERS: readonly TestAnswer[] = ['yes', 'no', 'unknown'];
const RESULTS: readonly TestResult[] = ['met', 'not_met', 'not_settled'];
const DECISIONS: readonly ConcernDecision[] = ['s42_enquiry', 'other_enquiry', 'information_advice', 'no_further_action'];
const CONCERN_STATUSES: readonly ConcernStatus[] = ['open', 'awaiting_authorisation', 'decided'];
const CONCERN_ACTIONS: readonly ConcernAction[] = ['record_test', 'propose_decision', 'authorise', 'allocate'];
const ENQUIRY_STATUSES: readonly EnquiryStatus[] = ['open', 'concluded', 'exited'];
const ENQUIRY_ACTIONS: readonly EnquiryAction[] = ['plan', 'add_risk', 'request_contribution', 'meeting', 'record_outcome', 'conclude', 'exit'];

describe('the three-point test (Care Act 2014 s42(1))', () => {
  it('asks the three statutory questions, each with its paragraph of s42(1)', () => {
    expect(THREE_POINT_TEST.map((p) => p.key)).toEqual(['needs', 'abuse', 'protect']);
    expect(THREE_POINT_TEST.map((p) => p.source)).toEqual(['Care Act 2014 s42(1)(a)', 'Care Act 2014 s42(1)(b)', 'Care Act 2014 s42(1)(c)']);
    for (const p of THREE_POINT_TEST) expect(p.question).toMatch(/\?$/);
    expect(codesOf(TEST_ANSWERS)).toEqual(['yes', 'no', 'unknown']);
  });

  it('is met only when all three are yes, not met when any is no, and not settled otherwise (all 27 combinations)', () => {
    let seen = 0;
    const tally: Record<TestResult, number> = { met: 0, not_met: 0, not_settled: 0 };
    for (const needs of ANSWERS) for (const abuse of ANSWERS) for (const protect of ANSWERS) {
      const all = [needs, abuse, protect];
      const expected: TestResult = all.includes('no') ? 'not_met' : all.every((a) => a === 'yes') ? 'met' : 'not_settled';
      const got = threePointTest({ needs, abuse, protect });
      expect({ needs, abuse, protect, got }).toEqual({ needs, abuse, protect, got: expected });
      tally[got] += 1;
      seen += 1;
    }
    expect(seen).toBe(27);
    // 1 all-yes; 27 - 8 (no "no" at all) = 19 with a "no"; 8 - 1 = 7 with an unknown and no "no"
    expect(tally).toEqual({ met: 1, not_met: 19, not_settled: 7 });
  });

  it('lets a single "no" outweigh any number of unknowns, at any point', () => {
    expect(threePointTest({ needs: 'no', abuse: 'unknown', protect: 'unknown' })).toBe('not_met');
    expect(threePointTest({ needs: 'unknown', abuse: 'no', protect: 'unknown' })).toBe('not_met');
    expect(threePointTest({ needs: 'unknown', abuse: 'unknown', protect: 'no' })).toBe('not_met');
    expect(threePointTest({ needs: 'unknown', abuse: 'unknown', protect: 'unknown' })).toBe('not_settled');
    expect(threePointTest({ needs: 'yes', abuse: 'yes', protect: 'unknown' })).toBe('not_settled');
  });

  it('says in words what each result means', () => {
    expect(Object.keys(TEST_RESULT_TEXT).sort()).toEqual([...RESULTS].sort());
    expect(TEST_RESULT_TEXT.met).toMatch(/^Met: the section 42 duty/);
    expect(TEST_RESULT_TEXT.not_met).toMatch(/^Not met: the section 42 duty does not apply/);
    expect(TEST_RESULT_TEXT.not_settled).toMatch(/^Not settled/);
  });
});

describe('the decision on a concern', () => {
  const S42_NOT_SETTLED = 'Settle the three-point test before deciding on a section 42 enquiry: find out what is not yet known';
  const S42_NOT_MET = 'A section 42 enquiry needs all three points of the test met: choose another enquiry, information and advice, or no further action';
  const SIGNPOST = 'Select the team or service you are signposting to';
  const REASON = 'Enter the reasons for the decision';

  it('needs the test met for an s42 enquiry, a team to signpost to for information and advice, and reasons always (exhaustive)', () => {
    const signposts: readonly (string | null)[] = [null, '', 'housing'];
    const reasons = ['', '   \n\t ', 'The adult is at risk from a carer', '  padded reason  '];
    let seen = 0;
    for (const test of RESULTS) for (const decision of DECISIONS) for (const signpostTo of signposts) for (const reason of reasons) {
      const expected: Record<string, string> = {};
      if (decision === 's42_enquiry' && test === 'not_settled') expected.decision = S42_NOT_SETTLED;
      if (decision === 's42_enquiry' && test === 'not_met') expected.decision = S42_NOT_MET;
      if (decision === 'information_advice' && !signpostTo) expected.signpostTo = SIGNPOST;
      if (reason.trim() === '') expected.reason = REASON;
      const got = decisionProblems(test, decision, signpostTo, reason);
      expect({ test, decision, signpostTo, reason, got }).toEqual({ test, decision, signpostTo, reason, got: expected });
      seen += 1;
    }
    expect(seen).toBe(3 * 4 * 3 * 4);
  });

  it('has no problems for a well-made decision of each kind', () => {
    expect(decisionProblems('met', 's42_enquiry', null, 'All three points met')).toEqual({});
    for (const test of RESULTS) {
      expect(decisionProblems(test, 'other_enquiry', null, 'Discretionary enquiry')).toEqual({});
      expect(decisionProblems(test, 'information_advice', 'mental_health', 'Signposted')).toEqual({});
      expect(decisionProblems(test, 'no_further_action', null, 'No risk')).toEqual({});
    }
  });

  it('reports every problem at once', () => {
    expect(decisionProblems('not_met', 's42_enquiry', null, ' ')).toEqual({ decision: S42_NOT_MET, reason: REASON });
    expect(decisionProblems('met', 'information_advice', null, '')).toEqual({ signpostTo: SIGNPOST, reason: REASON });
  });

  it('ignores a signpost for decisions other than information and advice', () => {
    for (const d of DECISIONS.filter((x) => x !== 'information_advice')) {
      expect(decisionProblems('met', d, null, 'reason')).not.toHaveProperty('signpostTo');
      expect(decisionProblems('met', d, 'housing', 'reason')).not.toHaveProperty('signpostTo');
    }
  });

  it('knows the four decisions, and which open an enquiry', () => {
    expect(codesOf(CONCERN_DECISIONS)).toEqual(DECISIONS);
    for (const d of DECISIONS) expect(isConcernDecision(d)).toBe(true);
    for (const v of ['', 'S42_ENQUIRY', 's42', 'enquiry', 'refer']) expect(isConcernDecision(v)).toBe(false);
    expect(DECISIONS.filter(opensEnquiry)).toEqual(['s42_enquiry', 'other_enquiry']);
    expect(opensEnquiry('something_else')).toBe(false);
  });
});

describe('what a concern allows', () => {
  it('records the test and proposes a decision while open, authorises while waiting, allocates until decided (every status × action)', () => {
    const expected: Record<ConcernStatus, Record<ConcernAction, boolean>> = {
      open: { record_test: true, propose_decision: true, authorise: false, allocate: true },
      awaiting_authorisation: { record_test: false, propose_decision: false, authorise: true, allocate: true },
      decided: { record_test: false, propose_decision: false, authorise: false, allocate: false },
    };
    for (const status of CONCERN_STATUSES) for (const action of CONCERN_ACTIONS) {
      expect({ status, action, allowed: concernAllows(status, action) }).toEqual({ status, action, allowed: expected[status][action] });
    }
  });
});

describe('what an enquiry allows', () => {
  it('allows everything while open and nothing once concluded or exited (every status × action)', () => {
    for (const status of ENQUIRY_STATUSES) for (const action of ENQUIRY_ACTIONS) {
      const expected = status === 'open';
      expect({ status, action, allowed: enquiryAllows(status, action) }).toEqual({ status, action, allowed: expected });
    }
    expect(ENQUIRY_ACTIONS.filter((a) => enquiryAllows('exited', a))).toEqual([]);
    expect(ENQUIRY_ACTIONS.filter((a) => enquiryAllows('concluded', a))).toEqual([]);
  });
});

describe('what stops an enquiry concluding', () => {
  const NO_RISKS = 'Add at least one risk (its type, location and source) before concluding the enquiry';
  const MSP = 'Record whether the adult was asked what outcomes they wanted (Making Safeguarding Personal)';
  const ACHIEVED = 'Record how far the outcomes the adult wanted were achieved';
  const ADVOCACY_NEEDED = 'Record who supported the adult, who lacks capacity, through the enquiry (advocate, family or friend)';
  const done: RiskOutcome = { result: 'reduced', actionTaken: true };
  const good = { risks: [done], mspAsked: 'asked_expressed', outcomesAchieved: 'partially', lacksCapacity: 'has_capacity', advocacy: null };

  it('has no problems when every risk has its result and MSP is answered', () => {
    expect(conclusionProblems(good)).toEqual([]);
    expect(conclusionProblems({ ...good, risks: [done, { result: 'no_risk', actionTaken: false }] })).toEqual([]);
    expect(conclusionProblems({ ...good, mspAsked: 'asked_not_expressed', outcomesAchieved: null })).toEqual([]);
    expect(conclusionProblems({ ...good, mspAsked: 'not_asked', outcomesAchieved: null })).toEqual([]);
    expect(conclusionProblems({ ...good, mspAsked: 'dont_know', outcomesAchieved: null })).toEqual([]);
    expect(conclusionProblems({ ...good, lacksCapacity: 'lacks_capacity', advocacy: 's68_independent' })).toEqual([]);
    expect(conclusionProblems({ ...good, lacksCapacity: null })).toEqual([]);
  });

  it('needs at least one risk', () => {
    expect(conclusionProblems({ ...good, risks: [] })).toEqual([NO_RISKS]);
  });

  it('needs each risk’s result and whether action was taken, counting the risks missing them', () => {
    expect(conclusionProblems({ ...good, risks: [{ result: null, actionTaken: true }] })).toEqual(['Record the result and whether action was taken for one risk']);
    expect(conclusionProblems({ ...good, risks: [{ result: 'removed', actionTaken: null }] })).toEqual(['Record the result and whether action was taken for one risk']);
    expect(conclusionProblems({ ...good, risks: [{ result: '', actionTaken: false }] })).toEqual(['Record the result and whether action was taken for one risk']);
    expect(conclusionProblems({ ...good, risks: [{ result: null, actionTaken: null }, done, { result: 'remains', actionTaken: null }, { result: null, actionTaken: false }] })).toEqual([
      'Record the result and whether action was taken for 3 risks',
    ]);
    // "no action taken" is an answer, not a gap
    expect(conclusionProblems({ ...good, risks: [{ result: 'remains', actionTaken: false }] })).toEqual([]);
  });

  it('needs Making Safeguarding Personal recorded, and the outcomes achieved when the adult expressed some', () => {
    expect(conclusionProblems({ ...good, mspAsked: null })).toEqual([MSP]);
    expect(conclusionProblems({ ...good, mspAsked: '' })).toEqual([MSP]);
    expect(conclusionProblems({ ...good, mspAsked: 'asked_expressed', outcomesAchieved: null })).toEqual([ACHIEVED]);
    for (const o of codesOf(OUTCOMES_ACHIEVED)) expect(conclusionProblems({ ...good, outcomesAchieved: o })).toEqual([]);
    // not recorded at all: only the MSP question, not the achievement one
    expect(conclusionProblems({ ...good, mspAsked: null, outcomesAchieved: null })).toEqual([MSP]);
  });

  it('needs who supported an adult who lacks capacity', () => {
    expect(conclusionProblems({ ...good, lacksCapacity: 'lacks_capacity', advocacy: null })).toEqual([ADVOCACY_NEEDED]);
    expect(conclusionProblems({ ...good, lacksCapacity: 'lacks_capacity', advocacy: '' })).toEqual([ADVOCACY_NEEDED]);
    for (const a of codesOf(ADVOCACY)) expect(conclusionProblems({ ...good, lacksCapacity: 'lacks_capacity', advocacy: a })).toEqual([]);
    expect(conclusionProblems({ ...good, lacksCapacity: 'not_assessed', advocacy: null })).toEqual([]);
  });

  it('lists every problem, in order', () => {
    expect(conclusionProblems({ risks: [], mspAsked: null, outcomesAchieved: null, lacksCapacity: 'lacks_capacity', advocacy: null })).toEqual([NO_RISKS, MSP, ADVOCACY_NEEDED]);
    expect(conclusionProblems({ risks: [{ result: null, actionTaken: null }], mspAsked: 'asked_expressed', outcomesAchieved: null, lacksCapacity: 'lacks_capacity', advocacy: null })).toEqual([
      'Record the result and whether action was taken for one risk',
      ACHIEVED,
      ADVOCACY_NEEDED,
    ]);
  });
});

describe('where a concern came from', () => {
  it('groups every SAC source as the collection does', () => {
    const groups: Record<string, string[]> = { social_care: [], health: [], other: [] };
    for (const c of codesOf(CONCERN_SOURCES)) groups[sourceGroup(c)]!.push(c);
    expect(groups.social_care).toEqual([
      'social_care_domiciliary',
      'social_care_residential',
      'social_care_nursing',
      'social_care_day_care',
      'social_care_social_worker',
      'social_care_self_directed',
      'social_care_other',
    ]);
    expect(groups.health).toEqual(['health_primary', 'health_secondary', 'health_mental']);
    expect(groups.other).toEqual(['self', 'family', 'friend', 'other_service_user', 'cqc', 'housing', 'education', 'police', 'other']);
    expect(Object.keys(CONCERN_SOURCE_GROUPS)).toEqual(['social_care', 'health', 'other']);
  });

  it('labels social care and health sources after their group', () => {
    for (const s of CONCERN_SOURCES) {
      if (sourceGroup(s.code) === 'social_care') expect(s.label).toMatch(/^Social care staff: /);
      if (sourceGroup(s.code) === 'health') expect(s.label).toMatch(/^Health staff: /);
    }
  });

  it('puts an unknown code among the other sources', () => {
    expect(sourceGroup('')).toBe('other');
    expect(sourceGroup('nonsense')).toBe('other');
    expect(sourceGroup('social_care')).toBe('other');
    expect(sourceGroup('health')).toBe('other');
    expect(sourceGroup('social_care_anything')).toBe('social_care');
    expect(sourceGroup('health_anything')).toBe('health');
  });
});

describe('the code lists', () => {
  const LISTS: Record<string, readonly Code[]> = {
    CONCERN_SOURCES,
    CONCERN_CHANNELS,
    TEST_ANSWERS,
    CONCERN_DECISIONS,
    SIGNPOST_TEAMS,
    ENQUIRY_LEADS,
    CONSENT,
    CAPACITY,
    ADVOCACY,
    PRIMARY_SUPPORT_REASONS,
    MSP_ASKED,
    OUTCOMES_ACHIEVED,
    RISK_TYPES,
    RISK_LOCATIONS,
    RISK_SOURCES,
    RISK_RESULTS,
    SANCTIONS,
    EXIT_REASONS,
    MEETING_KINDS,
    ATTENDEE_ROLES,
    ATTENDANCE,
  };

  it.each(Object.entries(LISTS))('%s has unique, well-formed codes and unique, non-empty labels', (_name, codes) => {
    expect(codes.length).toBeGreaterThan(0);
    const cs = codesOf(codes);
    expect(new Set(cs).size).toBe(cs.length);
    for (const c of cs) expect(c).toMatch(/^[a-z][a-z0-9_]*$/);
    const labels = codes.map((c) => c.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const l of labels) expect(l.trim()).not.toBe('');
  });

  const norm = (s: string) => s.toLowerCase().replace(/[:()]/g, ' ').replace(/\s+/g, ' ').trim();

  it('has exactly the SAC risk types named in the issue', () => {
    const named: Record<string, string> = {
      physical: 'physical',
      sexual: 'sexual',
      psychological: 'psychological',
      financial: 'financial or material',
      discriminatory: 'discriminatory',
      organisational: 'organisational',
      neglect: 'neglect and acts of omission',
      domestic_abuse: 'domestic abuse',
      sexual_exploitation: 'sexual exploitation',
      modern_slavery: 'modern slavery',
      self_neglect: 'self-neglect',
    };
    expect(codesOf(RISK_TYPES)).toEqual(Object.keys(named));
    for (const t of RISK_TYPES) expect(norm(t.label).startsWith(named[t.code]!)).toBe(true);
  });

  it('has exactly the SAC locations named in the issue', () => {
    const named: Record<string, string> = {
      own_home: 'own home',
      community: 'in the community',
      community_service: 'in a community service',
      care_home_nursing: 'care home nursing',
      care_home_residential: 'care home residential',
      hospital_acute: 'hospital acute',
      hospital_mental_health: 'hospital mental health',
      hospital_community: 'hospital community',
      other: 'other',
    };
    expect(codesOf(RISK_LOCATIONS)).toEqual(Object.keys(named));
    for (const l of RISK_LOCATIONS) expect(norm(l.label).startsWith(named[l.code]!)).toBe(true);
  });

  it('has exactly the SAC sources of risk named in the issue', () => {
    const named: Record<string, string> = {
      service_provider: 'service provider',
      known_to_individual: 'other known to the individual',
      unknown_to_individual: 'other unknown to the individual',
    };
    expect(codesOf(RISK_SOURCES)).toEqual(Object.keys(named));
    for (const s of RISK_SOURCES) expect(norm(s.label)).toBe(named[s.code]);
  });

  it('has every result of a risk the issue names (removed, reduced, remains, no risk identified, inconclusive)', () => {
    expect(codesOf(RISK_RESULTS)).toEqual(['removed', 'reduced', 'remains', 'no_risk', 'inconclusive']);
    expect(RISK_RESULTS.find((r) => r.code === 'no_risk')?.label).toBe('No risk identified');
    expect(RISK_RESULTS.find((r) => r.code === 'inconclusive')?.label).toMatch(/inconclusive/);
  });

  it('has the outcomes achieved, the sanctions and referrals, and the meeting kinds the issue names', () => {
    expect(codesOf(OUTCOMES_ACHIEVED)).toEqual(['fully', 'partially', 'not']);
    expect(codesOf(SANCTIONS)).toEqual(expect.arrayContaining(['dbs', 'regulator']));
    expect(codesOf(MEETING_KINDS)).toEqual(['decision_making', 'outcome']);
    expect(codesOf(ATTENDEE_ROLES)).toEqual(expect.arrayContaining(['person', 'advocate', 'family']));
    expect(codesOf(ENQUIRY_LEADS)).toEqual(['adult_team', 'provider', 'police', 'health', 'other']);
    expect(codesOf(MSP_ASKED)).toEqual(expect.arrayContaining(['asked_expressed', 'asked_not_expressed', 'not_asked']));
    expect(codesOf(CAPACITY)).toContain('lacks_capacity');
    expect(codesOf(ADVOCACY)).toEqual(expect.arrayContaining(['s68_independent', 'family_friend']));
  });

  it('cites the SAC guidance as its source', () => {
    expect(SAC_SOURCE).toMatch(/Safeguarding Adults Collection/);
  });
});
