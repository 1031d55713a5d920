import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  AUDIT_BOARDS,
  AUDIT_STATUSES,
  DRAW_DEPTH,
  GRADES,
  GRADE_CODES,
  MAX_SAMPLE,
  SAMPLE_KINDS,
  SAMPLE_KIND_RECORDS,
  ageBand,
  auditReference,
  drawSample,
  gradeDistribution,
  gradingProblems,
  gradingProgress,
  isAuditStatus,
  isGrade,
  isSampleKind,
  mayAddFindings,
  mayChangeSample,
  mayGrade,
  needsImprovements,
  nextStatus,
  parseProgrammeYear,
  programmeColumn,
  programmeYearLabel,
  programmeYearOf,
  programmeYearRange,
  replacement,
  sampleProblems,
  statusProblem,
} from './case-audits.js';

const STATUSES = ['planned', 'sampling', 'grading', 'findings', 'closed'] as const;

describe('code lists', () => {
  it('grades are Ofsted’s four points, best first; kinds, boards and statuses are closed lists', () => {
    expect(GRADES.map((g) => g.code)).toEqual([...GRADE_CODES]);
    expect(GRADE_CODES).toEqual(['outstanding', 'good', 'requires_improvement', 'inadequate']);
    expect(SAMPLE_KINDS.map((k) => k.code)).toEqual(['children', 'adults', 'domestic_abuse']);
    expect(AUDIT_BOARDS.map((k) => k.code)).toEqual(['children', 'adults', 'community_safety', 'joint']);
    expect(AUDIT_STATUSES.map((s) => s.code)).toEqual([...STATUSES]);
    for (const k of SAMPLE_KINDS) expect(isSampleKind(k.code)).toBe(true);
    expect(isSampleKind('toString')).toBe(false);
    expect(isSampleKind('contact')).toBe(false);
    expect(Object.keys(SAMPLE_KIND_RECORDS)).toEqual(['children', 'adults', 'domestic_abuse']);
    for (const s of STATUSES) expect(isAuditStatus(s)).toBe(true);
    expect(isAuditStatus('open')).toBe(false);
    for (const g of GRADE_CODES) expect(isGrade(g)).toBe(true);
    expect(isGrade('satisfactory')).toBe(false);
  });
});

describe('grading', () => {
  it('needs a grade, and areas for improvement for requires improvement and inadequate only', () => {
    expect(gradingProblems({ grade: null, strengths: null, improvements: null })).toEqual({ grade: 'Select a grade' });
    expect(gradingProblems({ grade: 'satisfactory', strengths: null, improvements: null })).toEqual({ grade: 'Select a grade' });
    for (const grade of GRADE_CODES) {
      const needs = grade === 'requires_improvement' || grade === 'inadequate';
      expect(needsImprovements(grade)).toBe(needs);
      for (const improvements of [null, '', '   ', 'Record the child’s voice at each visit']) {
        const problems = gradingProblems({ grade, strengths: 'Timely strategy discussion', improvements });
        const missing = !improvements?.trim();
        expect(Object.keys(problems)).toEqual(needs && missing ? ['improvements'] : []);
      }
    }
    expect(gradingProblems({ grade: 'inadequate', strengths: null, improvements: null }).improvements).toContain('inadequate');
    expect(gradingProblems({ grade: 'requires_improvement', strengths: null, improvements: null }).improvements).toContain('requires improvement');
  });
});

describe('the grade distribution and the overall judgement', () => {
  it('is empty with no gradings', () => {
    const d = gradeDistribution([]);
    expect(d).toEqual({ total: 0, judgement: null, tie: false, counts: GRADE_CODES.map((grade) => ({ grade, count: 0, percent: null })) });
  });

  it('counts each grade with its whole per cent, ignoring anything not a grade', () => {
    const d = gradeDistribution(['good', 'good', 'requires_improvement', 'outstanding', 'nonsense']);
    expect(d.total).toBe(4);
    expect(d.counts).toEqual([
      { grade: 'outstanding', count: 1, percent: 25 },
      { grade: 'good', count: 2, percent: 50 },
      { grade: 'requires_improvement', count: 1, percent: 25 },
      { grade: 'inadequate', count: 0, percent: 0 },
    ]);
    expect(d.judgement).toBe('good');
    expect(d.tie).toBe(false);
    expect(gradeDistribution(['good', 'good', 'inadequate']).counts.map((c) => c.percent)).toEqual([0, 67, 0, 33]);
  });

  it('takes the modal grade, and on a tie the lower grade', () => {
    // every pair of grades tied: the lower wins
    for (let i = 0; i < GRADE_CODES.length; i += 1) {
      for (let j = i + 1; j < GRADE_CODES.length; j += 1) {
        const d = gradeDistribution([GRADE_CODES[i]!, GRADE_CODES[j]!, GRADE_CODES[j]!, GRADE_CODES[i]!]);
        expect(d.judgement).toBe(GRADE_CODES[j]);
        expect(d.tie).toBe(true);
      }
    }
    expect(gradeDistribution(['outstanding', 'good', 'requires_improvement', 'inadequate'])).toMatchObject({ judgement: 'inadequate', tie: true });
    expect(gradeDistribution(['outstanding', 'outstanding', 'good', 'inadequate'])).toMatchObject({ judgement: 'outstanding', tie: false });
    expect(gradeDistribution(['inadequate'])).toMatchObject({ judgement: 'inadequate', tie: false, total: 1 });
  });
});

describe('grading progress by agency', () => {
  it('counts records asked and graded per agency, most outstanding first, each agency once per record', () => {
    const progress = gradingProgress(
      [
        { sampleId: 's1', agencyIds: ['police', 'csc', 'csc'] },
        { sampleId: 's2', agencyIds: ['police', 'health'] },
        { sampleId: 's3', agencyIds: ['csc'] },
      ],
      [
        { sampleId: 's1', agencyId: 'police' },
        { sampleId: 's2', agencyId: 'police' },
        { sampleId: 's1', agencyId: 'csc' },
        { sampleId: 's9', agencyId: 'health' },
      ],
    );
    expect(progress).toEqual([
      { agencyId: 'csc', asked: 2, graded: 1 },
      { agencyId: 'health', asked: 1, graded: 0 },
      { agencyId: 'police', asked: 2, graded: 2 },
    ]);
    expect(gradingProgress([], [])).toEqual([]);
  });
});

describe('where an audit goes next', () => {
  const state = (status: string, sampled = 3, findings = 1) => ({ status, sampled, findings });

  it('moves forward one step at a time, and nowhere else', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const ok = STATUSES.indexOf(to) === STATUSES.indexOf(from) + 1;
        expect(statusProblem(state(from), to) === null).toBe(ok);
      }
    }
    expect(statusProblem(state('grading'), 'archived')).toBe('Select where the audit goes next');
    expect(statusProblem(state('nonsense'), 'sampling')).toContain('cannot move');
    expect(statusProblem(state('closed'), 'planned')).toBe('An audit that is closed cannot move to planned');
  });

  it('sends a sample to grade only once drawn, and closes only with a finding', () => {
    expect(statusProblem(state('sampling', 0), 'grading')).toBe('Draw the sample before sending it to the agencies to grade');
    expect(statusProblem(state('findings', 3, 0), 'closed')).toBe('Record at least one finding before closing the audit');
    expect(statusProblem(state('grading', 3, 0), 'findings')).toBeNull();
  });

  it('offers the next step from sampling on (drawing the sample is the first)', () => {
    expect(STATUSES.map(nextStatus)).toEqual([null, 'grading', 'findings', 'closed', null]);
    expect(nextStatus('nonsense')).toBeNull();
  });

  it('says what each stage allows', () => {
    expect(STATUSES.filter(mayChangeSample)).toEqual(['planned', 'sampling']);
    expect(STATUSES.filter(mayGrade)).toEqual(['grading']);
    expect(STATUSES.filter(mayAddFindings)).toEqual(['grading', 'findings']);
    expect(['planned', 'sampling', 'grading', 'findings', 'closed'].map(programmeColumn)).toEqual(['planned', 'in_progress', 'in_progress', 'in_progress', 'closed']);
  });
});

describe('the sample', () => {
  const today = '2026-12-06';

  it('checks the period and the size', () => {
    expect(sampleProblems({ from: '2026-04-01', to: '2026-09-30', size: 6 }, today)).toEqual({});
    expect(sampleProblems({ from: '2026-04-01', to: '2026-04-01', size: 1 }, today)).toEqual({});
    expect(sampleProblems({ from: '2026-04-01', to: '2026-09-30', size: MAX_SAMPLE }, today)).toEqual({});
    for (const size of [0, -1, MAX_SAMPLE + 1, 2.5, NaN]) expect(sampleProblems({ from: '2026-04-01', to: '2026-09-30', size }, today)).toEqual({ size: `Enter a sample size from 1 to ${MAX_SAMPLE}` });
    expect(sampleProblems({ from: '2026-09-30', to: '2026-04-01', size: 6 }, today)).toEqual({ to: 'The end of the period must be on or after its start' });
    expect(sampleProblems({ from: '2026-12-07', to: '2026-12-31', size: 6 }, today)).toEqual({ from: 'The period must start on or before today' });
    expect(sampleProblems({ from: '2024-01-01', to: '2025-12-31', size: 6 }, today)).toEqual({});
    expect(sampleProblems({ from: '2024-01-01', to: '2026-01-01', size: 6 }, today)).toEqual({ to: 'The period can be up to two years long' });
    expect(sampleProblems({ from: 'nonsense', to: '2026-01-01', size: 0 }, today)).toEqual({ size: `Enter a sample size from 1 to ${MAX_SAMPLE}` });
  });

  it('draws the first records in the audit’s order', () => {
    expect(drawSample(['a', 'b', 'c', 'd'], 2)).toEqual(['a', 'b']);
    expect(drawSample(['a', 'b'], 6)).toEqual(['a', 'b']);
    expect(drawSample(['a', 'b'], 0)).toEqual([]);
    expect(drawSample(['a', 'b'], -1)).toEqual([]);
    expect(DRAW_DEPTH).toBeGreaterThanOrEqual(MAX_SAMPLE * 2);
  });

  it('replaces a dropped record with the next after the furthest drawn, so a dropped record never returns', () => {
    const order = ['a', 'b', 'c', 'd', 'e', 'f'];
    // drew a, b, c; dropping c (the furthest): d replaces it
    expect(replacement(order, ['a', 'b'])).toBe('c'); // (what a plain "first not in the sample" would do wrong is not asked of it)
    let sample = ['a', 'b', 'c'];
    const drop = (id: string) => {
      const rest = sample.filter((x) => x !== id);
      const next = replacement(order, sample);
      sample = next ? [...rest, next] : rest;
      return next;
    };
    expect(drop('c')).toBe('d');
    expect(sample).toEqual(['a', 'b', 'd']);
    expect(drop('d')).toBe('e');
    expect(drop('a')).toBe('f');
    expect(sample).toEqual(['b', 'e', 'f']);
    expect(drop('b')).toBeUndefined();
    expect(replacement([], [])).toBeUndefined();
    // a sample of records no longer in the order (closed since): the replacement is the first not in it
    expect(replacement(order, ['x', 'y'])).toBe('a');
  });
});

describe('what an audit page shows of a person', () => {
  it('is an age band on the record’s date, never the date of birth', () => {
    expect(ageBand(null, '2026-12-06')).toBe('Age not known');
    expect(ageBand('nonsense', '2026-12-06')).toBe('Age not known');
    expect(ageBand('2027-01-01', '2026-12-06')).toBe('Age not known');
    expect(ageBand('2026-12-06', '2026-12-06')).toBe('Under 1');
    expect(ageBand('2025-12-06', '2026-12-06')).toBe('1 to 4');
    expect(ageBand('2025-12-07', '2026-12-06')).toBe('Under 1');
    expect(ageBand('2010-12-06', '2026-12-06')).toBe('16 to 17');
    expect(ageBand('2008-12-07', '2026-12-06')).toBe('16 to 17');
    expect(ageBand('2008-12-06', '2026-12-06')).toBe('18 to 24');
    expect(ageBand('1930-01-01', '2026-12-06')).toBe('85 and over');
    // the bands cover every age once
    for (let age = 0; age <= 110; age += 1) expect(AGE_BANDS.filter((b) => age >= b.from && age <= b.to)).toHaveLength(1);
  });
});

describe('programme years and references', () => {
  it('runs April to March, named by the year it starts', () => {
    expect(programmeYearOf('2026-04-01')).toBe(2026);
    expect(programmeYearOf('2026-03-31')).toBe(2025);
    expect(programmeYearOf('2027-03-31')).toBe(2026);
    expect(programmeYearOf('2026-12-06')).toBe(2026);
    expect(programmeYearLabel(2026)).toBe('2026/27');
    expect(programmeYearLabel(2099)).toBe('2099/00');
    expect(programmeYearRange(2026)).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(programmeYearRange(2027)).toEqual({ from: '2027-04-01', to: '2028-03-31' });
  });

  it('reads a year from the query, or falls back to the current one', () => {
    const today = '2026-12-06';
    expect(parseProgrammeYear('2025', today)).toBe(2025);
    expect(parseProgrammeYear('2031', today)).toBe(2031);
    for (const bad of [undefined, '', '2032', '1999', '20 26', '2026.5', ['2025'], 'abcd']) expect(parseProgrammeYear(bad, today)).toBe(2026);
  });

  it('numbers audits within the year', () => {
    expect(auditReference(2026, 7)).toBe('MAA-2026-007');
    expect(auditReference(2026, 1234)).toBe('MAA-2026-1234');
  });
});
