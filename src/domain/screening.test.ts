import { describe, expect, it } from 'vitest';
import { submissionProblems } from './contacts.js';
import { canAuthorise, canRecordDecision, SCREENING_OUTCOMES, screeningProblems } from './screening.js';

describe('screening decisions', () => {
  it('ties each outcome to the threshold levels where it makes sense, for every combination', () => {
    const allowed: Record<string, number[]> = {
      nfa_advice: [1, 2],
      early_help: [2, 3],
      referral_csc: [3, 4],
      strategy_discussion: [4],
      passed_on: [1, 2, 3, 4],
      transfer_area: [1, 2, 3, 4],
      adult_safeguarding: [3, 4],
      cme: [1, 2, 3, 4],
    };
    for (const outcome of SCREENING_OUTCOMES) {
      for (const level of [1, 2, 3, 4]) {
        const problems = screeningProblems({ thresholdLevel: level, outcome: outcome.code, passedTo: 'Elsewhere Council' });
        expect([outcome.code, level, 'outcome' in problems]).toEqual([outcome.code, level, !allowed[outcome.code]!.includes(level)]);
      }
    }
  });

  it('explains an incoherent decision in words', () => {
    expect(screeningProblems({ thresholdLevel: 2, outcome: 'strategy_discussion', passedTo: null }).outcome).toBe(
      'Strategy discussion is a decision for threshold level 4, not level 2',
    );
  });

  it('needs to know where a passed-on contact went', () => {
    expect(screeningProblems({ thresholdLevel: 2, outcome: 'passed_on', passedTo: '  ' }).passedTo).toBe('Enter the authority or agency the contact was passed to');
    expect(screeningProblems({ thresholdLevel: 2, outcome: 'transfer_area', passedTo: null }).passedTo).toBe('Enter the authority or agency the contact was passed to');
  });

  it('offers each kind of contact only its own outcomes', () => {
    const childOnly = ['early_help', 'referral_csc', 'strategy_discussion', 'cme'];
    for (const outcome of SCREENING_OUTCOMES) {
      const level = outcome.levels[0]!;
      const adult = screeningProblems({ thresholdLevel: level, outcome: outcome.code, passedTo: 'Elsewhere', contactType: 'adult' });
      expect([outcome.code, 'outcome' in adult]).toEqual([outcome.code, childOnly.includes(outcome.code)]);
      const child = screeningProblems({ thresholdLevel: level, outcome: outcome.code, passedTo: 'Elsewhere', contactType: 'child' });
      expect([outcome.code, 'outcome' in child]).toEqual([outcome.code, false]);
    }
    expect(screeningProblems({ thresholdLevel: 3, outcome: 'early_help', passedTo: null, contactType: 'adult' }).outcome).toBe('Early help is not an outcome for a contact about an adult');
  });

  it('needs every person named matched to the register first', () => {
    expect(screeningProblems({ thresholdLevel: 3, outcome: 'early_help', passedTo: null, unmatchedPeople: 1 }).outcome).toBe('Match the person named in the contact to the register before deciding');
    expect(screeningProblems({ thresholdLevel: 3, outcome: 'early_help', passedTo: null, unmatchedPeople: 2 }).outcome).toContain('2 people');
    expect(screeningProblems({ thresholdLevel: 3, outcome: 'early_help', passedTo: null, unmatchedPeople: 0 })).toEqual({});
  });

  it('refuses an unknown outcome', () => {
    expect(screeningProblems({ thresholdLevel: 2, outcome: 'teleport', passedTo: null })).toEqual({ outcome: 'Select the outcome of screening' });
  });

  it('decides only open contacts, and authorises only by someone else', () => {
    expect(canRecordDecision('open')).toBe(true);
    expect(canRecordDecision('decided')).toBe(false);
    expect(canAuthorise('awaiting_authorisation', 'a', 'b')).toBeNull();
    expect(canAuthorise('awaiting_authorisation', 'a', 'a')).toContain('someone other than');
    expect(canAuthorise('open', 'a', 'b')).toContain('no decision awaiting authorisation');
  });
});

describe('what a contact needs before it is submitted', () => {
  const child = { personId: 'c1', role: 'subject_child', name: 'Ada Example', childVoice: 'Said hello', childDemeanour: 'Calm' };

  it('needs someone, and for a child contact a child', () => {
    expect(submissionProblems('child', [])).toEqual({ people: 'Add the people the contact is about' });
    expect(submissionProblems('child', [{ ...child, role: 'parent_carer' }])).toEqual({ people: 'Add at least one child the contact is about' });
    expect(submissionProblems('adult', [child])).toMatchObject({ people: 'Add the adult the concern is about' });
  });

  it('needs every child’s voice and demeanour, naming the child', () => {
    expect(submissionProblems('child', [child])).toEqual({});
    expect(submissionProblems('child', [{ ...child, childVoice: null }])).toEqual({
      'voice-c1': 'Record what Ada Example said and how they seemed (the child’s voice and demeanour)',
    });
    expect(submissionProblems('child', [{ ...child, childDemeanour: '' }])).toHaveProperty('voice-c1');
  });
});
