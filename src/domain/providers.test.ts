import { describe, expect, it } from 'vitest';
import {
  CONTRACT_CONCERN_CATEGORIES,
  CQC_LOCATION_ID_RANGE,
  IMPACT,
  LIKELIHOOD,
  POSSIBLE_SCORES,
  RAG_THRESHOLDS,
  RISK_BANDS,
  RISK_MATRIX_SOURCE,
  type RiskBand,
  SERVICE_TYPES,
  assessRisk,
  bandCounts,
  closeConcernProblems,
  closeEnquiryProblems,
  compareContractConcerns,
  cqcLocationIdProblem,
  isContractConcernCategory,
  isCqcLocationId,
  isServiceType,
  linkProblems,
  providerRag,
  riskBand,
  riskScore,
  safeguardingConcernIsOpen,
} from './providers.js';

const SCALE = [1, 2, 3, 4, 5];

describe('the code lists', () => {
  it('has the six service types and nothing else', () => {
    expect(SERVICE_TYPES.map((s) => s.code)).toEqual(['care_home_nursing', 'care_home_residential', 'domiciliary', 'supported_living', 'day_service', 'hospital']);
    for (const s of SERVICE_TYPES) expect(isServiceType(s.code)).toBe(true);
    for (const v of ['', 'care_home', 'Hospital', 'nursing', 'domiciliary ']) expect(isServiceType(v)).toBe(false);
  });

  it('has the ten contract concern categories, the seed’s top four first, and nothing else', () => {
    expect(CONTRACT_CONCERN_CATEGORIES.map((c) => c.code)).toEqual([
      'late_or_missed_calls', 'quality_of_care', 'medication', 'staffing', 'safeguarding_practice', 'environment', 'record_keeping', 'financial', 'dignity_and_respect', 'other',
    ]);
    for (const c of CONTRACT_CONCERN_CATEGORIES) expect(isContractConcernCategory(c.code)).toBe(true);
    for (const v of ['', 'quality', 'late', 'OTHER']) expect(isContractConcernCategory(v)).toBe(false);
  });

  it('labels likelihood and impact 1 to 5, each label starting with its number', () => {
    for (const codes of [LIKELIHOOD, IMPACT]) {
      expect(codes.map((c) => c.code)).toEqual(['1', '2', '3', '4', '5']);
      for (const c of codes) expect(c.label.startsWith(`${c.code} – `)).toBe(true);
    }
  });
});

describe('CQC location IDs', () => {
  it('accepts "1-" and a number from 101 to 99999999999', () => {
    for (const v of ['1-101', '1-102', '1-999', '1-1000', '1-101669261', '1-1000000001', '1-10000302982', '1-99999999999', `1-${CQC_LOCATION_ID_RANGE.max}`, `1-${CQC_LOCATION_ID_RANGE.min}`]) {
      expect(isCqcLocationId(v), v).toBe(true);
      expect(cqcLocationIdProblem(v), v).toBeNull();
    }
  });

  it('refuses numbers below 101 or above 99999999999, leading zeros, other prefixes and anything else', () => {
    for (const v of ['1-100', '1-99', '1-1', '1-0', '1-', '1-0101', '1-00000000101', '1-100000000000', '1-999999999999', '2-101669261', '1101669261', 'RXX-101', '1 -101669261', '1-101 669261', '1-10166926a', '-1-101', '1--101', 'l-101669261', '']) {
      expect(isCqcLocationId(v), v).toBe(false);
      expect(cqcLocationIdProblem(v), v).not.toBeNull();
    }
  });

  it('ignores spaces around the ID when checking it as typed', () => {
    expect(cqcLocationIdProblem('  1-101669261 ')).toBeNull();
    expect(isCqcLocationId(' 1-101669261')).toBe(false);
  });

  it('says to add the "1-" when only the number was typed', () => {
    expect(cqcLocationIdProblem('101669261')).toBe('Enter the CQC location ID with its “1-” at the start, like 1-101669261');
    expect(cqcLocationIdProblem('1-abc')).toContain('correct format');
  });
});

describe('the risk score (the 5×5 matrix)', () => {
  it('is likelihood × impact for every cell of the matrix', () => {
    for (const l of SCALE) for (const i of SCALE) expect(riskScore(l, i)).toBe(l * i);
  });

  it('refuses a likelihood or impact that is not a whole number from 1 to 5', () => {
    for (const bad of [0, 6, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => riskScore(bad, 3)).toThrow(RangeError);
      expect(() => riskScore(3, bad)).toThrow(RangeError);
    }
  });

  it('bands every cell low 1–6, medium 8–12, high 15–25', () => {
    const expected: Record<number, RiskBand> = { 1: 'low', 2: 'low', 3: 'low', 4: 'low', 5: 'low', 6: 'low', 8: 'medium', 9: 'medium', 10: 'medium', 12: 'medium', 15: 'high', 16: 'high', 20: 'high', 25: 'high' };
    for (const l of SCALE) {
      for (const i of SCALE) {
        const score = l * i;
        expect(riskBand(score), `${l}×${i}`).toBe(expected[score]);
        expect(assessRisk(l, i)).toEqual({ score, band: expected[score] });
      }
    }
  });

  it('counts the cells of each band as the matrix has them: 12 low, 7 medium, 6 high', () => {
    const cells: Record<RiskBand, number> = { low: 0, medium: 0, high: 0 };
    for (const l of SCALE) for (const i of SCALE) cells[riskBand(l * i)] += 1;
    expect(cells).toEqual({ low: 12, medium: 7, high: 6 });
  });

  it('has exactly the fourteen possible scores, and refuses any other number as a score', () => {
    expect([...POSSIBLE_SCORES].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25]);
    for (const bad of [0, 7, 11, 13, 14, 17, 18, 19, 21, 22, 23, 24, 26, -1, 2.5]) expect(() => riskBand(bad), String(bad)).toThrow(RangeError);
  });

  it('has bands that cover every possible score once, and says where they come from', () => {
    for (const score of POSSIBLE_SCORES) expect(RISK_BANDS.filter((b) => score >= b.from && score <= b.to)).toHaveLength(1);
    expect(RISK_BANDS.map((b) => [b.from, b.to])).toEqual([[1, 6], [8, 12], [15, 25]]);
    expect(RISK_MATRIX_SOURCE).toMatch(/5×5/);
  });
});

describe('the order of a provider’s contract concerns', () => {
  const c = (id: string, status: string, likelihood: number, impact: number, raisedOn: string) => ({ id, status, likelihood, impact, raisedOn });

  it('puts open concerns first, then the higher score, then the most recently raised, then by id', () => {
    const list = [
      c('a', 'closed', 5, 5, '2026-01-01'),
      c('b', 'open', 1, 2, '2026-03-01'),
      c('c', 'open', 4, 4, '2026-01-01'),
      c('d', 'open', 4, 4, '2026-02-01'),
      c('e', 'closed', 2, 2, '2026-05-01'),
      c('f', 'open', 2, 1, '2026-03-01'),
    ];
    expect([...list].sort(compareContractConcerns).map((x) => x.id)).toEqual(['d', 'c', 'b', 'f', 'a', 'e']);
  });

  it('is a total order: antisymmetric, and zero only for the same concern', () => {
    const list = [c('a', 'open', 3, 3, '2026-01-01'), c('b', 'open', 3, 3, '2026-01-01'), c('c', 'closed', 3, 3, '2026-01-01')];
    for (const x of list) {
      for (const y of list) {
        expect(Math.sign(compareContractConcerns(x, y))).toBe(-Math.sign(compareContractConcerns(y, x)) || 0);
        if (x !== y) expect(compareContractConcerns(x, y)).not.toBe(0);
      }
      expect(compareContractConcerns(x, x)).toBe(0);
    }
  });
});

describe('closing a contract concern', () => {
  const open = { status: 'open', raisedOn: '2026-03-10' };

  it('closes an open concern with a note on or after the day it was raised', () => {
    expect(closeConcernProblems(open, { closingNote: 'Action plan met', closedOn: '2026-03-10' })).toEqual({});
    expect(closeConcernProblems(open, { closingNote: 'Action plan met', closedOn: '2026-04-01' })).toEqual({});
  });

  it('needs a note', () => {
    expect(closeConcernProblems(open, { closingNote: '  ', closedOn: '2026-04-01' })).toEqual({ closingNote: 'Enter what was done and why the concern can close' });
  });

  it('refuses a concern already closed, and a closing before it was raised', () => {
    expect(closeConcernProblems({ status: 'closed', raisedOn: '2026-03-10' }, { closingNote: 'x', closedOn: '2026-04-01' })).toEqual({ concernId: 'This contract concern is already closed' });
    expect(closeConcernProblems(open, { closingNote: 'x', closedOn: '2026-03-09' })).toEqual({ concernId: 'A contract concern cannot close before the day it was raised' });
    expect(closeConcernProblems({ status: 'closed', raisedOn: '2026-03-10' }, { closingNote: '', closedOn: '2026-03-09' })).toEqual({
      concernId: 'This contract concern is already closed',
      closingNote: 'Enter what was done and why the concern can close',
    });
  });
});

describe('linking individual concerns to a provider enquiry', () => {
  const about = new Set(['c1', 'c2', 'c3']);
  const linked = new Set(['c3']);
  const base = { enquiryStatus: 'open', aboutProvider: about, alreadyLinked: linked };

  it('links concerns about the provider that are not linked yet', () => {
    expect(linkProblems({ ...base, concernIds: ['c1'] })).toEqual({});
    expect(linkProblems({ ...base, concernIds: ['c1', 'c2'] })).toEqual({});
  });

  it('refuses a closed enquiry, no concerns, a concern about another provider, and one linked already', () => {
    expect(linkProblems({ ...base, enquiryStatus: 'closed', concernIds: ['c1'] })).toEqual({ concernIds: 'This provider enquiry is closed: concerns can no longer be linked to it' });
    expect(linkProblems({ ...base, concernIds: [] })).toEqual({ concernIds: 'Select the safeguarding concerns to link to the enquiry' });
    expect(linkProblems({ ...base, concernIds: ['c1', 'elsewhere'] })).toEqual({ concernIds: 'Select concerns about this provider from the list' });
    expect(linkProblems({ ...base, concernIds: ['c3'] })).toEqual({ concernIds: 'A concern you selected is already linked to this enquiry' });
  });
});

describe('closing a provider enquiry', () => {
  it('needs it open and a conclusion', () => {
    expect(closeEnquiryProblems({ status: 'open' }, 'Improvement plan completed')).toEqual({});
    expect(closeEnquiryProblems({ status: 'open' }, ' ')).toEqual({ conclusion: 'Enter the conclusion of the enquiry' });
    expect(closeEnquiryProblems({ status: 'closed' }, 'x')).toEqual({ conclusion: 'This provider enquiry is already closed' });
  });
});

describe('whether an individual safeguarding concern is open', () => {
  it('is open until decided, and after while its enquiry is open', () => {
    for (const status of ['open', 'awaiting_authorisation']) for (const e of [null, 'open', 'concluded', 'exited']) expect(safeguardingConcernIsOpen({ status, enquiryStatus: e })).toBe(true);
    expect(safeguardingConcernIsOpen({ status: 'decided', enquiryStatus: 'open' })).toBe(true);
    for (const e of [null, 'concluded', 'exited']) expect(safeguardingConcernIsOpen({ status: 'decided', enquiryStatus: e })).toBe(false);
  });
});

describe('a provider’s RAG', () => {
  const none = { low: 0, medium: 0, high: 0 };
  const rag = (over: { low?: number; medium?: number; high?: number; sg?: number; enquiries?: number }) =>
    providerRag({ openContractConcerns: { ...none, ...over }, openSafeguardingConcerns: over.sg ?? 0, openProviderEnquiries: over.enquiries ?? 0 });

  it('is green with nothing open, or only a low concern or two', () => {
    expect(rag({})).toEqual({ rag: 'green', reasons: [] });
    expect(rag({ low: 1 })).toEqual({ rag: 'green', reasons: [] });
    expect(rag({ low: RAG_THRESHOLDS.severalLowContractConcerns - 1 }).rag).toBe('green');
  });

  it('is amber for a medium concern, any open safeguarding concern, or several low concerns', () => {
    expect(rag({ medium: 1 })).toEqual({ rag: 'amber', reasons: ['1 open medium-risk contract concern'] });
    expect(rag({ sg: 1 })).toEqual({ rag: 'amber', reasons: ['1 open safeguarding concern about the provider'] });
    expect(rag({ sg: 2, medium: 2 })).toEqual({ rag: 'amber', reasons: ['2 open safeguarding concerns about the provider', '2 open medium-risk contract concerns'] });
    expect(rag({ low: 3 })).toEqual({ rag: 'amber', reasons: ['3 open low-risk contract concerns'] });
  });

  it('is red for an open provider enquiry, a high concern, or several open safeguarding concerns, with every reason', () => {
    expect(rag({ enquiries: 1 })).toEqual({ rag: 'red', reasons: ['1 open provider enquiry'] });
    expect(rag({ high: 1 })).toEqual({ rag: 'red', reasons: ['1 open high-risk contract concern'] });
    expect(rag({ sg: 3 })).toEqual({ rag: 'red', reasons: ['3 open safeguarding concerns about the provider'] });
    expect(rag({ enquiries: 2, high: 2, medium: 1, low: 4, sg: 5 })).toEqual({
      rag: 'red',
      reasons: ['2 open provider enquiries', '2 open high-risk contract concerns', '5 open safeguarding concerns about the provider', '1 open medium-risk contract concern', '4 open low-risk contract concerns'],
    });
  });

  it('is never better with more open: every count only makes it worse or the same', () => {
    const order = { green: 0, amber: 1, red: 2 };
    const values = [0, 1, 2, 3, 4];
    for (const low of values) for (const medium of values) for (const high of [0, 1]) for (const sg of values) for (const enquiries of [0, 1]) {
      const here = order[rag({ low, medium, high, sg, enquiries }).rag];
      expect(order[rag({ low: low + 1, medium, high, sg, enquiries }).rag]).toBeGreaterThanOrEqual(here);
      expect(order[rag({ low, medium: medium + 1, high, sg, enquiries }).rag]).toBeGreaterThanOrEqual(here);
      expect(order[rag({ low, medium, high: high + 1, sg, enquiries }).rag]).toBeGreaterThanOrEqual(here);
      expect(order[rag({ low, medium, high, sg: sg + 1, enquiries }).rag]).toBeGreaterThanOrEqual(here);
      expect(order[rag({ low, medium, high, sg, enquiries: enquiries + 1 }).rag]).toBeGreaterThanOrEqual(here);
    }
  });

  it('takes other thresholds when given', () => {
    const strict = { severalSafeguardingConcerns: 1, severalLowContractConcerns: 1 };
    expect(providerRag({ openContractConcerns: { ...none, low: 1 }, openSafeguardingConcerns: 0, openProviderEnquiries: 0 }, strict).rag).toBe('amber');
    expect(providerRag({ openContractConcerns: none, openSafeguardingConcerns: 1, openProviderEnquiries: 0 }, strict).rag).toBe('red');
  });

  it('counts open concerns by band from their likelihood and impact', () => {
    expect(bandCounts([])).toEqual(none);
    expect(bandCounts([{ likelihood: 1, impact: 1 }, { likelihood: 2, impact: 3 }, { likelihood: 3, impact: 3 }, { likelihood: 5, impact: 3 }, { likelihood: 4, impact: 4 }])).toEqual({ low: 2, medium: 1, high: 2 });
  });
});
