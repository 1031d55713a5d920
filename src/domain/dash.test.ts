import { describe, expect, it, vi } from 'vitest';
import { DASH_CHECKLISTS } from './dash-checklists.js';
import {
  type DashChecklist,
  DASH_ANSWERS,
  applyJudgement,
  checklist,
  currentChecklist,
  dashScore,
  gradeScore,
  isDashAnswer,
  policeChecklist,
  promptsMarac,
  scoreDash,
  unanswered,
} from './dash.js';
import { type RiskLevel, compareRisk } from './domestic-abuse.js';

const LEVELS: readonly RiskLevel[] = ['standard', 'medium', 'high'];

const EXPECTED: Record<string, { kind: DashChecklist['kind']; questions: number }> = {
  'safelives-partner': { kind: 'partner', questions: 24 },
  'police-dash-2009': { kind: 'police', questions: 27 },
  'safelives-young-people': { kind: 'young_people', questions: 20 },
};

function version(id: string): DashChecklist {
  const found = checklist(id);
  if (!found) throw new Error(`no checklist ${id}`);
  return found;
}

/** Answers with the first `yes` questions ticked and every other question answered "no". */
function answersWithTicks(list: DashChecklist, yes: number): Record<string, string> {
  return Object.fromEntries(list.questions.map((q, i) => [q.id, i < yes ? 'yes' : 'no']));
}

describe('DASH checklist versions (data)', () => {
  it('holds exactly the three documented versions, with unique ids', () => {
    expect(DASH_CHECKLISTS.map((c) => c.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(new Set(DASH_CHECKLISTS.map((c) => c.id)).size).toBe(DASH_CHECKLISTS.length);
  });

  for (const [id, expected] of Object.entries(EXPECTED)) {
    describe(id, () => {
      it(`is the ${expected.kind} kind with ${expected.questions} questions numbered q1..q${expected.questions}`, () => {
        const list = version(id);
        expect(list.kind).toBe(expected.kind);
        expect(list.questions).toHaveLength(expected.questions);
        expect(list.questions.map((q) => q.id)).toEqual(Array.from({ length: expected.questions }, (_, i) => `q${i + 1}`));
        expect(new Set(list.questions.map((q) => q.id)).size).toBe(expected.questions);
      });

      it('has non-empty, distinct question text and non-empty hints where given', () => {
        const list = version(id);
        for (const q of list.questions) {
          expect(q.text.trim().length, q.id).toBeGreaterThan(10);
          expect(q.text, q.id).toBe(q.text.trim());
          if (q.hint !== undefined) expect(q.hint.trim().length, q.id).toBeGreaterThan(0);
        }
        expect(new Set(list.questions.map((q) => q.text)).size).toBe(list.questions.length);
      });

      it('names its source, states its question count, and has a usable title, audience, date and thresholds', () => {
        const list = version(id);
        expect(list.title.trim()).not.toBe('');
        expect(list.audience.trim()).not.toBe('');
        expect(list.source).toMatch(/SafeLives|ACPO|College of Policing/);
        expect(list.source).toMatch(/\b(19|20)\d\d\b/);
        expect(list.source).toContain(String(expected.questions));
        expect(list.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Number.isNaN(Date.parse(list.from))).toBe(false);
        expect(list.thresholds.medium).toBeGreaterThan(0);
        expect(list.thresholds.high).toBeGreaterThan(list.thresholds.medium);
        expect(list.thresholds.high).toBeLessThanOrEqual(list.questions.length);
      });
    });
  }

  it('uses the SafeLives thresholds (14 high, 10 medium)', () => {
    for (const list of DASH_CHECKLISTS) expect([list.id, list.thresholds]).toEqual([list.id, { high: 14, medium: 10 }]);
  });

  it('limits the young people’s version to ages 13–17 and no other', () => {
    expect(version('safelives-young-people').ages).toEqual({ min: 13, max: 17 });
    expect(version('safelives-partner').ages).toBeUndefined();
    expect(version('police-dash-2009').ages).toBeUndefined();
  });

  it('finds a version by id, and nothing for an unknown id', () => {
    expect(checklist('safelives-partner')?.kind).toBe('partner');
    expect(checklist('no-such-version')).toBeUndefined();
    expect(checklist('')).toBeUndefined();
  });
});

describe('answers', () => {
  it('offers yes, no and not known, and recognises only those', () => {
    expect(DASH_ANSWERS.map((a) => a.code)).toEqual(['yes', 'no', 'not_known']);
    for (const a of DASH_ANSWERS) expect(isDashAnswer(a.code)).toBe(true);
    for (const bad of ['Yes', 'YES', 'y', 'true', '', ' yes', 'unknown', null, undefined, true, 1, {}, ['yes']]) expect(isDashAnswer(bad)).toBe(false);
  });
});

describe('gradeScore at every threshold edge', () => {
  for (const list of DASH_CHECKLISTS) {
    it(`${list.id}: 0 and 9 standard, 10 and 13 medium, 14 and ${list.questions.length} high`, () => {
      const { high, medium } = list.thresholds;
      const max = list.questions.length;
      const cases: [number, RiskLevel][] = [
        [0, 'standard'],
        [medium - 1, 'standard'],
        [medium, 'medium'],
        [high - 1, 'medium'],
        [high, 'high'],
        [max, 'high'],
      ];
      for (const [score, grading] of cases) expect([score, gradeScore(score, list.thresholds)]).toEqual([score, grading]);
      // and the named numbers from the rules table
      expect(gradeScore(9, list.thresholds)).toBe('standard');
      expect(gradeScore(10, list.thresholds)).toBe('medium');
      expect(gradeScore(13, list.thresholds)).toBe('medium');
      expect(gradeScore(14, list.thresholds)).toBe('high');
    });

    it(`${list.id}: every possible score grades as the thresholds say, never going down as the score rises`, () => {
      let previous: RiskLevel = 'standard';
      for (let score = 0; score <= list.questions.length; score++) {
        const grading = gradeScore(score, list.thresholds);
        const expected: RiskLevel = score >= list.thresholds.high ? 'high' : score >= list.thresholds.medium ? 'medium' : 'standard';
        expect([score, grading]).toEqual([score, expected]);
        expect(compareRisk(grading, previous)).toBeGreaterThanOrEqual(0);
        previous = grading;
      }
    });
  }

  it('follows whatever thresholds it is given (areas vary)', () => {
    expect(gradeScore(11, { high: 12, medium: 8 })).toBe('medium');
    expect(gradeScore(12, { high: 12, medium: 8 })).toBe('high');
    expect(gradeScore(7, { high: 12, medium: 8 })).toBe('standard');
  });
});

describe('dashScore', () => {
  const partner = version('safelives-partner');

  it('scores nothing for no answers', () => {
    expect(dashScore(partner, {})).toBe(0);
  });

  it('counts every "yes" when all are ticked', () => {
    for (const list of DASH_CHECKLISTS) expect(dashScore(list, answersWithTicks(list, list.questions.length))).toBe(list.questions.length);
  });

  it('counts exactly the number of ticks, for every possible number', () => {
    for (const list of DASH_CHECKLISTS) {
      for (let n = 0; n <= list.questions.length; n++) expect([list.id, n, dashScore(list, answersWithTicks(list, n))]).toEqual([list.id, n, n]);
    }
  });

  it('does not count "no" or "not known"', () => {
    expect(dashScore(partner, { q1: 'no', q2: 'not_known', q3: 'yes' })).toBe(1);
    const allNotKnown = Object.fromEntries(partner.questions.map((q) => [q.id, 'not_known']));
    expect(dashScore(partner, allNotKnown)).toBe(0);
  });

  it('ignores answers to question ids the version does not have', () => {
    expect(dashScore(partner, { q0: 'yes', q25: 'yes', q99: 'yes', Q1: 'yes', other: 'yes', '': 'yes' })).toBe(0);
    expect(dashScore(partner, { q24: 'yes', q25: 'yes' })).toBe(1);
    // q25–q27 exist on the police version but not the partner one
    expect(dashScore(version('police-dash-2009'), { q24: 'yes', q25: 'yes', q27: 'yes' })).toBe(3);
  });

  it('ignores garbage answers', () => {
    expect(dashScore(partner, { q1: 'Yes', q2: 'YES', q3: true, q4: 1, q5: 'y', q6: ' yes', q7: ['yes'], q8: { yes: true }, q9: null, q10: undefined })).toBe(0);
  });
});

describe('unanswered', () => {
  const partner = version('safelives-partner');

  it('lists every question when nothing is answered', () => {
    expect(unanswered(partner, {})).toEqual(partner.questions.map((q) => q.id));
  });

  it('lists nothing when every question has a valid answer, "not known" included', () => {
    for (const list of DASH_CHECKLISTS) {
      const answers = Object.fromEntries(list.questions.map((q, i) => [q.id, (['yes', 'no', 'not_known'] as const)[i % 3]]));
      expect(unanswered(list, answers)).toEqual([]);
    }
  });

  it('lists missing and invalid answers, in question order', () => {
    const answers: Record<string, unknown> = answersWithTicks(partner, 5);
    delete answers.q3;
    answers.q7 = 'maybe';
    answers.q12 = '';
    answers.q20 = null;
    answers.q24 = 'YES';
    expect(unanswered(partner, answers)).toEqual(['q3', 'q7', 'q12', 'q20', 'q24']);
  });

  it('does not count answers to unknown ids towards completeness', () => {
    const answers: Record<string, unknown> = answersWithTicks(partner, 0);
    delete answers.q1;
    answers.q25 = 'yes';
    expect(unanswered(partner, answers)).toEqual(['q1']);
  });

  it('asks the police version for its extra questions', () => {
    const police = version('police-dash-2009');
    expect(unanswered(police, answersWithTicks(partner, 24))).toEqual(['q25', 'q26', 'q27']);
  });
});

describe('promptsMarac', () => {
  for (const list of DASH_CHECKLISTS) {
    it(`${list.id}: 15 ticks prompt MARAC; 13 do not unless judged high`, () => {
      const fifteen = dashScore(list, answersWithTicks(list, 15));
      expect(fifteen).toBe(15);
      expect(promptsMarac(list, fifteen, gradeScore(fifteen, list.thresholds))).toBe(true);

      const thirteen = dashScore(list, answersWithTicks(list, 13));
      const scored = gradeScore(thirteen, list.thresholds);
      expect(scored).toBe('medium');
      expect(promptsMarac(list, thirteen, scored)).toBe(false);

      const judged = applyJudgement(scored, 'high', 'Threats to kill and recent separation');
      expect(judged).toEqual({ ok: true, grading: 'high', raised: true });
      if (judged.ok) expect(promptsMarac(list, thirteen, judged.grading)).toBe(true);
    });

    it(`${list.id}: exactly at the high threshold prompts MARAC, one below does not`, () => {
      const high = list.thresholds.high;
      expect(promptsMarac(list, high, gradeScore(high, list.thresholds))).toBe(true);
      expect(promptsMarac(list, high - 1, gradeScore(high - 1, list.thresholds))).toBe(false);
    });
  }

  it('does not prompt MARAC for standard or medium gradings below the threshold', () => {
    const partner = version('safelives-partner');
    for (let score = 0; score < 14; score++) {
      expect(promptsMarac(partner, score, 'standard')).toBe(false);
      expect(promptsMarac(partner, score, 'medium')).toBe(false);
      expect(promptsMarac(partner, score, 'high')).toBe(true);
    }
  });

  it('prompts MARAC at visible high risk even if the grading passed in is lower (the score cannot be argued down)', () => {
    expect(promptsMarac(version('safelives-partner'), 14, 'medium')).toBe(true);
  });
});

describe('applyJudgement: may raise with a reason, never lower', () => {
  it('never returns a grading lower than the scored one, for all 9 scored × judged pairs', () => {
    for (const scored of LEVELS) {
      for (const judged of LEVELS) {
        const result = applyJudgement(scored, judged, 'A reason given by the practitioner');
        const pair = `${scored}→${judged}`;
        if (compareRisk(judged, scored) < 0) {
          expect(result.ok, pair).toBe(false);
          if (!result.ok) expect(result.problem, pair).toBe(`Professional judgement cannot lower the grading: the answers give ${scored} risk`);
        } else {
          expect(result, pair).toEqual({ ok: true, grading: judged, raised: judged !== scored });
        }
        if (result.ok) expect(compareRisk(result.grading, scored), pair).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('refuses to lower from every level, with or without a reason', () => {
    const lowerings: [RiskLevel, RiskLevel][] = [
      ['medium', 'standard'],
      ['high', 'standard'],
      ['high', 'medium'],
    ];
    for (const [scored, judged] of lowerings) {
      for (const reason of ['Victim says it was a one-off', '', null]) {
        const result = applyJudgement(scored, judged, reason);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.problem).toContain('cannot lower');
      }
    }
  });

  it('raises with a reason', () => {
    expect(applyJudgement('standard', 'medium', 'Escalating stalking')).toEqual({ ok: true, grading: 'medium', raised: true });
    expect(applyJudgement('standard', 'high', 'Non-fatal strangulation')).toEqual({ ok: true, grading: 'high', raised: true });
    expect(applyJudgement('medium', 'high', 'Recent separation and threats to kill')).toEqual({ ok: true, grading: 'high', raised: true });
  });

  it('refuses to raise without a reason, with a message saying what to do', () => {
    const raisings: [RiskLevel, RiskLevel][] = [
      ['standard', 'medium'],
      ['standard', 'high'],
      ['medium', 'high'],
    ];
    for (const [scored, judged] of raisings) {
      for (const reason of [null, '', '   ', '\n\t']) {
        expect(applyJudgement(scored, judged, reason)).toEqual({ ok: false, problem: 'Give the reason for raising the grading on professional judgement' });
      }
    }
  });

  it('keeps the scored grading when judgement is the same or not given, reason or not', () => {
    for (const scored of LEVELS) {
      for (const reason of [null, '', 'Agree with the score']) {
        expect(applyJudgement(scored, null, reason)).toEqual({ ok: true, grading: scored, raised: false });
        expect(applyJudgement(scored, scored, reason)).toEqual({ ok: true, grading: scored, raised: false });
      }
    }
  });
});

describe('currentChecklist', () => {
  it('picks each kind’s version in use on a date', () => {
    expect(currentChecklist('partner', '2025-06-01')?.id).toBe('safelives-partner');
    expect(currentChecklist('police', '2025-06-01')?.id).toBe('police-dash-2009');
    expect(currentChecklist('young_people', '2025-06-01')?.id).toBe('safelives-young-people');
  });

  it('uses a version from its first day, and nothing before it', () => {
    for (const list of DASH_CHECKLISTS) {
      expect(currentChecklist(list.kind, list.from)?.id).toBe(list.id);
      const dayBefore = new Date(Date.parse(`${list.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(currentChecklist(list.kind, dayBefore)).toBeUndefined();
    }
  });

  it('picks the latest version whose first day is on or before the date, whatever the order of the data', async () => {
    const base = version('safelives-partner');
    const v2009 = { ...base, id: 'partner-2009', from: '2009-03-01' };
    const v2014 = { ...base, id: 'partner-2014', from: '2014-04-01' };
    const v2024 = { ...base, id: 'partner-2024', from: '2024-10-01' };
    const police = { ...version('police-dash-2009'), id: 'police-2020', from: '2020-01-01' };
    vi.resetModules();
    vi.doMock('./dash-checklists.js', () => ({ DASH_CHECKLISTS: [v2014, police, v2024, v2009] }));
    try {
      const dash = await import('./dash.js');
      expect(dash.currentChecklist('partner', '2009-02-28')).toBeUndefined();
      expect(dash.currentChecklist('partner', '2009-03-01')?.id).toBe('partner-2009');
      expect(dash.currentChecklist('partner', '2014-03-31')?.id).toBe('partner-2009');
      expect(dash.currentChecklist('partner', '2014-04-01')?.id).toBe('partner-2014');
      expect(dash.currentChecklist('partner', '2024-09-30')?.id).toBe('partner-2014');
      expect(dash.currentChecklist('partner', '2024-10-01')?.id).toBe('partner-2024');
      expect(dash.currentChecklist('partner', '2030-01-01')?.id).toBe('partner-2024');
      expect(dash.currentChecklist('police', '2024-10-01')?.id).toBe('police-2020');
      expect(dash.currentChecklist('young_people', '2024-10-01')).toBeUndefined();
      expect(dash.checklist('partner-2014')?.from).toBe('2014-04-01');
    } finally {
      vi.doUnmock('./dash-checklists.js');
      vi.resetModules();
    }
  });
});

describe('scoreDash: the one scoring path', () => {
  const ticks = (list: DashChecklist, n: number) => Object.fromEntries(list.questions.map((q, i) => [q.id, i < n ? 'yes' : i % 2 ? 'no' : 'not_known']));

  it('gives the score and grading of dashScore and gradeScore, and the scored grading unraised without a judgement, for every version and number of ticks', () => {
    for (const list of DASH_CHECKLISTS) {
      for (let n = 0; n <= list.questions.length; n++) {
        const answers = ticks(list, n);
        const scored = gradeScore(dashScore(list, answers), list.thresholds);
        expect(scoreDash(list, answers)).toEqual({ score: n, scored, judged: { ok: true, grading: scored, raised: false } });
        expect(scoreDash(list, answers, { grading: null, reason: null })).toEqual(scoreDash(list, answers));
      }
    }
  });

  it('applies professional judgement exactly as applyJudgement does, for every scored × judged pair, with and without a reason', () => {
    const list = version('safelives-partner');
    for (const n of [0, 9, 10, 13, 14, 24]) {
      const answers = ticks(list, n);
      const scored = gradeScore(n, list.thresholds);
      for (const grading of LEVELS) {
        for (const reason of [null, '', '  ', 'Threats to kill the children']) {
          const result = scoreDash(list, answers, { grading, reason });
          expect(result.score).toBe(n);
          expect(result.scored).toBe(scored);
          expect(result.judged).toEqual(applyJudgement(scored, grading, reason));
        }
      }
    }
  });

  it('raises with a reason and refuses to lower', () => {
    const list = version('safelives-partner');
    expect(scoreDash(list, ticks(list, 11), { grading: 'high', reason: 'Recent strangulation' }).judged).toEqual({ ok: true, grading: 'high', raised: true });
    expect(scoreDash(list, ticks(list, 11), { grading: 'standard', reason: 'x' }).judged.ok).toBe(false);
    expect(scoreDash(list, ticks(list, 15), { grading: 'medium', reason: null }).judged.ok).toBe(false);
  });

  it('counts ticks only: unknown ids and garbage are not scored', () => {
    const list = version('police-dash-2009');
    expect(scoreDash(list, { q999: 'yes', q1: 'YES', q2: true, q3: 'yes' }).score).toBe(1);
  });
});

describe('policeChecklist', () => {
  it('uses the version a police DASH names', () => {
    expect(policeChecklist('police-dash-2009', '2026-01-01')?.id).toBe('police-dash-2009');
    expect(policeChecklist('safelives-partner', '2026-01-01')?.id).toBe('safelives-partner');
  });

  it('uses the police version in use on the day when none is named, or the one named is unknown', () => {
    const current = currentChecklist('police', '2026-01-01');
    expect(current?.kind).toBe('police');
    for (const named of [null, undefined, '', 'no-such-version']) expect(policeChecklist(named, '2026-01-01')).toBe(current);
  });

  it('finds nothing before any police version was in use', () => {
    expect(policeChecklist(null, '1999-01-01')).toBeUndefined();
  });
});
