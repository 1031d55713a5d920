import { describe, expect, it } from 'vitest';
import {
  ATTENDANCE_MARKS,
  BOARD_KIND_CODES,
  QUORUM,
  RISK_BANDS,
  agencyMark,
  attendanceByAgency,
  attendanceProblem,
  checkPaper,
  PAPER_MAX_BYTES,
  compareRisks,
  isBoardKind,
  percent,
  present,
  quoracy,
  reviewOverdue,
  riskBand,
  riskReference,
  riskScore,
  type AttendanceStatus,
} from './boards.js';

const ALL: AttendanceStatus[] = ['attended', 'deputy', 'apologies', 'absent'];

describe('board kinds', () => {
  it('knows the three boards and nothing else', () => {
    expect(BOARD_KIND_CODES).toEqual(['children', 'adults', 'community_safety']);
    for (const k of BOARD_KIND_CODES) expect(isBoardKind(k)).toBe(true);
    for (const k of ['joint', '', 'CHILDREN', null, 3, undefined]) expect(isBoardKind(k)).toBe(false);
  });
});

describe('attendance', () => {
  it('counts attended and deputy as present, apologies and absent not', () => {
    expect(ALL.map(present)).toEqual([true, true, false, false]);
    expect(ALL.map((s) => ATTENDANCE_MARKS[s])).toEqual(['A', 'D', 'Aps', 'x']);
  });

  it('takes an agency’s best mark when several of its members were expected', () => {
    expect(agencyMark([])).toBeNull();
    for (const s of ALL) expect(agencyMark([s])).toBe(s);
    expect(agencyMark(['absent', 'deputy'])).toBe('deputy');
    expect(agencyMark(['apologies', 'absent'])).toBe('apologies');
    expect(agencyMark(['absent', 'apologies', 'attended', 'deputy'])).toBe('attended');
  });

  it('needs a deputy’s name, and only for a deputy', () => {
    expect(attendanceProblem('deputy', null)).toBe('Enter the name of the deputy who attended');
    expect(attendanceProblem('deputy', '  ')).toBe('Enter the name of the deputy who attended');
    expect(attendanceProblem('deputy', 'Sam Deputy')).toBeNull();
    for (const s of ['attended', 'apologies', 'absent'] as const) expect(attendanceProblem(s, null)).toBeNull();
  });

  it('rounds percentages, and has none when nothing was expected', () => {
    expect(percent(0, 0)).toBeNull();
    expect(percent(3, 4)).toBe(75);
    expect(percent(1, 3)).toBe(33);
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 4)).toBe(0);
    expect(percent(4, 4)).toBe(100);
  });

  it('builds the seed appendix’s rows: (attended + deputy) ÷ meetings where the agency had a member expected', () => {
    // The children's board 2017-18: May, June, Sept, Dec held; March cancelled (so not passed in).
    const meetings = ['may', 'jun', 'sep', 'dec'];
    const row = (agencyId: string, marks: (AttendanceStatus | null)[]) =>
      marks.flatMap((status, i) => (status ? [{ meetingId: meetings[i]!, agencyId, status }] : []));
    const input = [
      ...row('adult-services', ['deputy', 'apologies', 'deputy', 'deputy']), // D Aps D D → 75%
      ...row('cafcass', [null, null, 'apologies', 'apologies']), // expected at two only → 0 of 2
      ...row('housing', ['absent', 'apologies', 'apologies', 'apologies']), // x Aps Aps Aps → 0%
      ...row('police', ['apologies', 'attended', 'deputy', 'attended']), // Aps A D A → 75%
      ...row('ccg', ['deputy', 'attended', 'attended', 'attended']), // D A A A → 100%
      { meetingId: 'mar', agencyId: 'police', status: 'absent' as const }, // a cancelled meeting: ignored
    ];
    const table = attendanceByAgency(meetings, input);
    const of = (id: string) => table.find((r) => r.agencyId === id)!;
    expect(of('adult-services')).toEqual({ agencyId: 'adult-services', marks: ['deputy', 'apologies', 'deputy', 'deputy'], present: 3, expected: 4, percent: 75 });
    expect(of('cafcass')).toEqual({ agencyId: 'cafcass', marks: [null, null, 'apologies', 'apologies'], present: 0, expected: 2, percent: 0 });
    expect(of('housing').percent).toBe(0);
    expect(of('police')).toMatchObject({ present: 3, expected: 4, percent: 75 });
    expect(of('ccg').percent).toBe(100);
    expect(table).toHaveLength(5);
  });

  it('counts an agency once at a meeting, by its best member', () => {
    const table = attendanceByAgency(['m1', 'm2'], [
      { meetingId: 'm1', agencyId: 'health', status: 'absent' },
      { meetingId: 'm1', agencyId: 'health', status: 'deputy' },
      { meetingId: 'm2', agencyId: 'health', status: 'apologies' },
      { meetingId: 'm2', agencyId: 'health', status: 'absent' },
    ]);
    expect(table).toEqual([{ agencyId: 'health', marks: ['deputy', 'apologies'], present: 1, expected: 2, percent: 50 }]);
  });

  it('has no rows without meetings', () => {
    expect(attendanceByAgency([], [{ meetingId: 'x', agencyId: 'a', status: 'attended' }])).toEqual([]);
  });
});

describe('quoracy', () => {
  it('needs the three safeguarding partners at the children’s partnership (Working Together 2023)', () => {
    expect(quoracy('children', ['children_social_care', 'police', 'health'])).toMatchObject({ quorate: true, missing: [] });
    expect(quoracy('children', ['children_social_care', 'police', 'school', 'voluntary'])).toMatchObject({ quorate: false, missing: ['Health (the integrated care board)'] });
    expect(quoracy('children', [])).toMatchObject({ quorate: false, missing: ['The local authority', 'The police', 'Health (the integrated care board)'] });
    expect(quoracy('children', []).source).toContain('Working Together to Safeguard Children 2023');
  });

  it('needs the local authority, police and ICB at the adults’ board (Care Act Schedule 2)', () => {
    expect(quoracy('adults', ['adult_social_care', 'police', 'health']).quorate).toBe(true);
    expect(quoracy('adults', ['adult_social_care', 'health']).missing).toEqual(['The police']);
    expect(quoracy('adults', []).source).toContain('Care Act 2014, Schedule 2');
  });

  it('needs the responsible authorities at the community safety partnership', () => {
    expect(quoracy('community_safety', ['community_safety', 'police', 'probation', 'health']).quorate).toBe(true);
    expect(quoracy('community_safety', ['community_safety', 'police', 'health']).missing).toEqual(['Probation']);
  });

  it('has a rule with a source for every board', () => {
    for (const k of BOARD_KIND_CODES) {
      expect(QUORUM[k].partners.length).toBeGreaterThanOrEqual(3);
      expect(QUORUM[k].source.length).toBeGreaterThan(20);
    }
  });
});

describe('the risk log', () => {
  it('scores likelihood × impact for every pair, each in exactly one band', () => {
    for (let l = 1; l <= 5; l += 1) {
      for (let i = 1; i <= 5; i += 1) {
        const score = riskScore(l, i);
        expect(score).toBe(l * i);
        expect(RISK_BANDS.filter((b) => score >= b.from && score <= b.to)).toHaveLength(1);
      }
    }
  });

  it('refuses values outside 1–5', () => {
    for (const [l, i] of [[0, 3], [6, 1], [3, 0], [2.5, 2], [NaN, 1]]) expect(() => riskScore(l!, i!)).toThrow(RangeError);
  });

  it('bands 1–4 low, 5–9 medium, 10–16 high, 20–25 very high', () => {
    const band = (s: number) => riskBand(s).code;
    expect([1, 2, 3, 4].map(band)).toEqual(['low', 'low', 'low', 'low']);
    expect([5, 6, 8, 9].map(band)).toEqual(['medium', 'medium', 'medium', 'medium']);
    expect([10, 12, 15, 16].map(band)).toEqual(['high', 'high', 'high', 'high']);
    expect([20, 25].map(band)).toEqual(['very_high', 'very_high']);
    for (const s of [0, 17, 18, 19, 26]) expect(() => riskBand(s)).toThrow(RangeError);
  });

  it('is overdue for review when the review date has passed, and never once closed', () => {
    expect(reviewOverdue('2026-05-01', '2026-05-02')).toBe(true);
    expect(reviewOverdue('2026-05-02', '2026-05-02')).toBe(false);
    expect(reviewOverdue('2026-05-03', '2026-05-02')).toBe(false);
    expect(reviewOverdue('2026-05-01', '2026-05-02', 'closed')).toBe(false);
  });

  it('lists overdue reviews first, then by score', () => {
    const today = '2026-06-01';
    const risks = [
      { reference: 'RISK-0001', score: 25, reviewOn: '2026-07-01', status: 'open' },
      { reference: 'RISK-0002', score: 4, reviewOn: '2026-05-01', status: 'open' },
      { reference: 'RISK-0003', score: 12, reviewOn: '2026-05-20', status: 'open' },
      { reference: 'RISK-0004', score: 12, reviewOn: '2026-06-10', status: 'open' },
      { reference: 'RISK-0005', score: 20, reviewOn: '2026-01-01', status: 'closed' },
      { reference: 'RISK-0006', score: 12, reviewOn: '2026-06-10', status: 'open' },
    ];
    expect([...risks].sort(compareRisks(today)).map((r) => r.reference)).toEqual(['RISK-0003', 'RISK-0002', 'RISK-0001', 'RISK-0005', 'RISK-0004', 'RISK-0006']);
  });

  it('makes references from the sequence', () => {
    expect(riskReference(12)).toBe('RISK-0012');
    expect(riskReference(12345)).toBe('RISK-12345');
  });
});

describe('papers', () => {
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
  const office = (part: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(`....[Content_Types].xml....${part}document.xml....`)]);
  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

  it('takes a real PDF, docx, xlsx or pptx, declared as itself or as a generic type', () => {
    expect(checkPaper({ name: 'Board report.pdf', declaredType: 'application/pdf', bytes: pdf })).toEqual({ ok: true, type: 'application/pdf' });
    expect(checkPaper({ name: 'minutes.DOCX', declaredType: DOCX, bytes: office('word/') })).toEqual({ ok: true, type: DOCX });
    expect(checkPaper({ name: 'figures.xlsx', declaredType: 'application/octet-stream', bytes: office('xl/') }).ok).toBe(true);
    expect(checkPaper({ name: 'slides.pptx', declaredType: '', bytes: office('ppt/') }).ok).toBe(true);
  });

  it('refuses other kinds of file, a type that does not match, and content that is not what its name says', () => {
    const problem = (f: Parameters<typeof checkPaper>[0]) => {
      const r = checkPaper(f);
      return r.ok ? null : r.problem;
    };
    expect(problem({ name: 'run.exe', declaredType: 'application/pdf', bytes: pdf })).toBe('The paper must be a PDF, Word (docx), Excel (xlsx) or PowerPoint (pptx) file');
    expect(problem({ name: 'noextension', declaredType: 'application/pdf', bytes: pdf })).toMatch(/must be a PDF/);
    expect(problem({ name: 'a.pdf', declaredType: 'text/html', bytes: pdf })).toBe('The paper’s type does not match its name (.pdf)');
    expect(problem({ name: 'a.pdf', declaredType: 'application/pdf', bytes: Buffer.from('<script>alert(1)</script>') })).toBe('The paper is not a real .pdf file');
    expect(problem({ name: 'a.docx', declaredType: DOCX, bytes: pdf })).toBe('The paper is not a real .docx file');
    expect(problem({ name: 'a.docx', declaredType: DOCX, bytes: office('xl/') })).toBe('The paper is not a real .docx file');
    expect(problem({ name: 'a.xlsx', declaredType: 'application/octet-stream', bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) })).toBe('The paper is not a real .xlsx file');
    expect(problem({ name: 'a.pdf', declaredType: 'application/pdf', bytes: Buffer.alloc(0) })).toBe('The selected paper is empty');
  });

  it('refuses a paper over 10 MB, or one cut short at the limit', () => {
    expect(PAPER_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(checkPaper({ name: 'a.pdf', declaredType: 'application/pdf', bytes: pdf, truncated: true })).toEqual({ ok: false, problem: 'The paper must be 10 MB or smaller' });
    const big = Buffer.concat([pdf, Buffer.alloc(PAPER_MAX_BYTES)]);
    expect(checkPaper({ name: 'a.pdf', declaredType: 'application/pdf', bytes: big }).ok).toBe(false);
  });
});
