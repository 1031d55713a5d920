import { describe, expect, it } from 'vitest';
import {
  BANDS,
  BAND_LABELS,
  answerPairProblem,
  answerProblem,
  band,
  bandCounts,
  boardKindOf,
  boardParts,
  challengeProblem,
  completion,
  compliance,
  dueDateProblem,
  frameworksToInstall,
  latestVersions,
  partReads,
  ragPercentages,
  roundOrganisations,
  statusAfterSave,
  unanswered,
} from './self-assessment.js';
import { STANDARD_FRAMEWORKS } from './self-assessment-frameworks.js';

describe('completion and bands', () => {
  it('is the whole per cent answered, rounded down, and never over 100 or under 0', () => {
    expect(completion(0, 10)).toBe(0);
    expect(completion(1, 3)).toBe(33);
    expect(completion(2, 3)).toBe(66);
    expect(completion(9, 10)).toBe(90);
    expect(completion(10, 10)).toBe(100);
    expect(completion(12, 10)).toBe(100);
    expect(completion(-1, 10)).toBe(0);
    expect(completion(3, 0)).toBe(0);
  });

  it('bands every count of every framework size exactly at the edges', () => {
    for (let standards = 1; standards <= 12; standards += 1) {
      for (let answered = 0; answered <= standards; answered += 1) {
        const expected = answered === 0 ? 'not_started' : answered * 10 >= standards * 9 ? 'top' : answered * 2 > standards ? 'over_half' : 'up_to_half';
        expect(band(answered, standards)).toBe(expected);
      }
    }
    expect(band(9, 10)).toBe('top');
    expect(band(8, 10)).toBe('over_half');
    expect(band(6, 10)).toBe('over_half');
    expect(band(5, 10)).toBe('up_to_half');
    expect(band(1, 10)).toBe('up_to_half');
    expect(band(0, 10)).toBe('not_started');
    expect(band(3, 0)).toBe('not_started');
    expect(band(20, 10)).toBe('top');
  });

  it('counts returns in each band, with the seed report’s labels', () => {
    expect(bandCounts([])).toEqual({ top: 0, over_half: 0, up_to_half: 0, not_started: 0 });
    expect(bandCounts([{ answered: 10, standards: 10 }, { answered: 6, standards: 10 }, { answered: 7, standards: 10 }, { answered: 0, standards: 10 }, { answered: 2, standards: 6 }])).toEqual({ top: 1, over_half: 2, up_to_half: 1, not_started: 1 });
    expect(BANDS.map((b) => BAND_LABELS[b])).toEqual(['90–100%', 'over 50%', 'up to 50%', 'not started']);
  });
});

describe('answering and submitting', () => {
  it('allows answers only while the round is open and the return is not submitted', () => {
    for (const status of ['not_started', 'in_progress'] as const) expect(answerProblem('open', status)).toBeNull();
    for (const status of ['submitted', 'challenged'] as const) expect(answerProblem('open', status)).toMatch(/submitted/);
    for (const status of ['not_started', 'in_progress', 'submitted', 'challenged'] as const) expect(answerProblem('closed', status)).toMatch(/closed/);
  });

  it('is in progress once anything is answered', () => {
    expect(statusAfterSave(0)).toBe('not_started');
    expect(statusAfterSave(1)).toBe('in_progress');
  });

  it('lists the standards still to answer, in order', () => {
    const standards = [{ code: 'A' }, { code: 'B' }, { code: 'C' }];
    expect(unanswered(standards, ['B']).map((s) => s.code)).toEqual(['A', 'C']);
    expect(unanswered(standards, ['A', 'B', 'C', 'X'])).toEqual([]);
    expect(unanswered(standards, [])).toHaveLength(3);
  });

  it('needs a RAG and evidence together, or neither', () => {
    expect(answerPairProblem('S.1', null, null)).toBeNull();
    expect(answerPairProblem('S.1', null, '   ')).toBeNull();
    expect(answerPairProblem('S.1', 'green', 'Policy reviewed in May.')).toBeNull();
    expect(answerPairProblem('S.1', 'green', null)).toEqual({ field: 'evidence', message: 'Enter the evidence for standard S.1' });
    expect(answerPairProblem('S.1', 'amber', '  ')).toEqual({ field: 'evidence', message: 'Enter the evidence for standard S.1' });
    expect(answerPairProblem('S.1', null, 'Some evidence')).toEqual({ field: 'rag', message: 'Select whether standard S.1 is met, partly met or not met' });
    expect(answerPairProblem('S.1', 'purple', 'Some evidence')?.field).toBe('rag');
    expect(answerPairProblem('S.1', 'red', 'x'.repeat(10_001))?.message).toMatch(/10,000 characters or fewer/);
    expect(answerPairProblem('S.1', 'red', 'x'.repeat(10_000))).toBeNull();
  });

  it('records a challenge meeting only on a submitted return, on a day not in the future', () => {
    expect(challengeProblem('in_progress', '2026-03-01', '2026-03-02')?.field).toBe('form');
    expect(challengeProblem('not_started', '2026-03-01', '2026-03-02')?.field).toBe('form');
    expect(challengeProblem('submitted', '2026-03-03', '2026-03-02')?.field).toBe('challengeOn');
    expect(challengeProblem('submitted', '2026-03-02', '2026-03-02')).toBeNull();
    expect(challengeProblem('challenged', '2026-01-02', '2026-03-02')).toBeNull();
  });
});

describe('opening a round', () => {
  it('is due after today and within two years', () => {
    expect(dueDateProblem('2026-03-02', '2026-03-02')).toMatch(/future/);
    expect(dueDateProblem('2026-03-01', '2026-03-02')).toMatch(/future/);
    expect(dueDateProblem('2026-03-03', '2026-03-02')).toBeNull();
    expect(dueDateProblem('2028-03-02', '2026-03-02')).toBeNull();
    expect(dueDateProblem('2028-03-03', '2026-03-02')).toMatch(/2 years/);
    expect(dueDateProblem('2026-02-30', '2026-01-02')).toMatch(/real/);
  });

  const agencies = [
    { id: 's1', type: 'school', active: true },
    { id: 's2', type: 'school', active: true },
    { id: 's3', type: 'school', active: false },
    { id: 'p', type: 'police', active: true },
  ];

  it('is for every active organisation of the framework’s types, or a chosen subset of them', () => {
    expect(roundOrganisations(agencies, ['school'], 'all')).toEqual({ agencies: [agencies[0], agencies[1]] });
    expect(roundOrganisations(agencies, ['school', 'police'], ['p', 's2', 'p'])).toEqual({ agencies: [agencies[3], agencies[1]] });
    expect(roundOrganisations(agencies, ['school'], ['p'])).toEqual({ problem: 'Select organisations of the types this framework is for' });
    expect(roundOrganisations(agencies, ['school'], ['s3'])).toEqual({ problem: 'Select organisations of the types this framework is for' });
    expect(roundOrganisations(agencies, ['school'], [])).toEqual({ problem: 'Select the organisations the round is for' });
    expect(roundOrganisations(agencies, ['voluntary'], 'all')).toEqual({ problem: 'No organisations in the area are of the types this framework is for' });
  });
});

describe('compliance', () => {
  it('gives whole per cents that add up to 100', () => {
    expect(ragPercentages({ green: 0, amber: 0, red: 0 })).toEqual({ green: 0, amber: 0, red: 0 });
    expect(ragPercentages({ green: 1, amber: 1, red: 1 })).toEqual({ green: 34, amber: 33, red: 33 });
    expect(ragPercentages({ green: 2, amber: 1, red: 0 })).toEqual({ green: 67, amber: 33, red: 0 });
    expect(ragPercentages({ green: 1, amber: 0, red: 0 })).toEqual({ green: 100, amber: 0, red: 0 });
    expect(ragPercentages({ green: 1, amber: 1, red: 4 })).toEqual({ green: 17, amber: 17, red: 66 });
    for (let g = 0; g <= 7; g += 1) {
      for (let a = 0; a <= 7; a += 1) {
        for (let r = 0; r <= 7; r += 1) {
          const p = ragPercentages({ green: g, amber: a, red: r });
          const sum = p.green + p.amber + p.red;
          expect(sum).toBe(g + a + r === 0 ? 0 : 100);
          for (const [k, n] of [['green', g], ['amber', a], ['red', r]] as const) if (g + a + r > 0) expect(Math.abs(p[k] - (n * 100) / (g + a + r))).toBeLessThan(1);
        }
      }
    }
  });

  it('counts each standard’s answers, ignoring unknown standards and RAGs', () => {
    const c = compliance(['a', 'b', 'c'], [
      { standardId: 'a', rag: 'green' },
      { standardId: 'a', rag: 'green' },
      { standardId: 'a', rag: 'red' },
      { standardId: 'b', rag: 'amber' },
      { standardId: 'x', rag: 'green' },
      { standardId: 'b', rag: 'blue' },
    ]);
    expect(c.get('a')).toEqual({ answered: 3, green: 2, amber: 0, red: 1, pct: { green: 67, amber: 0, red: 33 } });
    expect(c.get('b')).toEqual({ answered: 1, green: 0, amber: 1, red: 0, pct: { green: 0, amber: 100, red: 0 } });
    expect(c.get('c')).toEqual({ answered: 0, green: 0, amber: 0, red: 0, pct: { green: 0, amber: 0, red: 0 } });
    expect(c.has('x')).toBe(false);
  });

  it('splits the joint tool into each board’s part from the same standards; other tools have one part', () => {
    expect(partReads('children', 'both')).toBe(true);
    expect(partReads('children', 'children')).toBe(true);
    expect(partReads('children', 'adults')).toBe(false);
    expect(partReads('adults', 'adults')).toBe(true);
    expect(partReads('adults', 'children')).toBe(false);
    const s = [{ code: '1', appliesTo: 'both' }, { code: '2', appliesTo: 'adults' }, { code: '3', appliesTo: 'children' }];
    expect(boardParts('joint', s).map((p) => [p.part, p.standards.map((x) => x.code)])).toEqual([['children', ['1', '3']], ['adults', ['1', '2']]]);
    expect(boardParts('s11', s)).toEqual([{ part: null, standards: s }]);
  });
});

describe('frameworks and plans', () => {
  it('installs what the area does not have, by kind and version', () => {
    const fw = [{ kind: 's11', version: 1 }, { kind: 's11', version: 2 }, { kind: 'da', version: 1 }];
    expect(frameworksToInstall([], fw)).toEqual(fw);
    expect(frameworksToInstall([{ kind: 's11', version: 1 }], fw)).toEqual([fw[1], fw[2]]);
    expect(frameworksToInstall(fw, fw)).toEqual([]);
  });

  it('opens rounds on the newest version of each kind', () => {
    const fw = [{ kind: 's11', version: 1 }, { kind: 's11', version: 3 }, { kind: 's11', version: 2 }, { kind: 'da', version: 1 }];
    expect(latestVersions(fw)).toEqual([{ kind: 's11', version: 3 }, { kind: 'da', version: 1 }]);
  });

  it('reports a round’s plan to the board the framework serves', () => {
    expect(boardKindOf('joint')).toBe('joint');
    expect(boardKindOf('s11')).toBe('children');
    expect(boardKindOf('s175')).toBe('children');
    expect(boardKindOf('vcs')).toBe('children');
    expect(boardKindOf('da')).toBe('community_safety');
  });

  it('ships the five frameworks with unique codes, guidance, and the joint tool reading both boards', () => {
    expect(STANDARD_FRAMEWORKS.map((f) => f.kind)).toEqual(['s11', 's175', 'vcs', 'joint', 'da']);
    for (const f of STANDARD_FRAMEWORKS) {
      expect(new Set(f.standards.map((s) => s.code)).size).toBe(f.standards.length);
      expect(f.agencyTypes.length).toBeGreaterThan(0);
      for (const s of f.standards) expect(s.guidance.length).toBeGreaterThan(50);
    }
    const joint = STANDARD_FRAMEWORKS.find((f) => f.kind === 'joint')!;
    expect(new Set(joint.standards.map((s) => s.appliesTo))).toEqual(new Set(['children', 'adults', 'both']));
  });
});
