import { describe, expect, it } from 'vitest';
import holidaysFile from './data/bank-holidays-england-and-wales.json' with { type: 'json' };
import {
  ACTION_STATUSES,
  BOARD_KINDS,
  EVIDENCE_KINDS,
  MANUAL_SOURCE_KINDS,
  MAX_EVIDENCE_BYTES,
  PLAN_SOURCE_KINDS,
  RAGS,
  STATUS_TRANSITIONS,
  type ActionStatus,
  checkEvidenceFile,
  dueNotice,
  escalationDate,
  impactProblem,
  isOnTrack,
  isOpenStatus,
  isOverdue,
  isRag,
  isStatus,
  planSettingsProblem,
  ragCounts,
  reminderDate,
  sanitiseFileName,
  shortPlanMessage,
  shortPlanProblem,
  updateProblems,
} from './actions.js';
import { WorkingCalendar } from './calendar.js';
import { DEFAULT_TIMESCALES } from './timescales.js';

const cal = new WorkingCalendar(holidaysFile.events.map((e) => e.date), { coveredYears: { from: 2015, to: 2027 } });
const STATUSES: ActionStatus[] = ['not_started', 'in_progress', 'completed', 'cancelled'];

describe('codes', () => {
  it('name every status, RAG, source and board in words', () => {
    expect(ACTION_STATUSES.map((c) => c.code)).toEqual(STATUSES);
    expect(RAGS.map((c) => c.code)).toEqual(['red', 'amber', 'green']);
    expect(PLAN_SOURCE_KINDS.map((c) => c.code)).toEqual(['learning_review', 'case_audit', 'inspection', 'self_assessment', 'peer_review', 'board_decision']);
    expect(MANUAL_SOURCE_KINDS.map((c) => c.code)).toEqual(['inspection', 'peer_review']);
    expect(BOARD_KINDS.map((c) => c.code)).toEqual(['children', 'adults', 'community_safety', 'joint']);
    for (const c of [...ACTION_STATUSES, ...RAGS, ...PLAN_SOURCE_KINDS, ...BOARD_KINDS]) expect(c.label.trim()).not.toBe('');
    expect(isStatus('completed')).toBe(true);
    expect(isStatus('done')).toBe(false);
    expect(isRag('green')).toBe(true);
    expect(isRag('blue')).toBe(false);
  });

  it('hold the reminder and escalation timescales as data with their source (a local standard)', () => {
    const reminder = DEFAULT_TIMESCALES.find((t) => t.code === 'partnership_action.reminder')!;
    const escalation = DEFAULT_TIMESCALES.find((t) => t.code === 'partnership_action.escalation')!;
    expect([reminder.amount, reminder.unit]).toEqual([5, 'working_days']);
    expect([escalation.amount, escalation.unit]).toEqual([1, 'working_days']);
    expect(reminder.source).toMatch(/^Local standard/);
    expect(escalation.source).toMatch(/^Local standard/);
  });
});

describe('status: open, overdue, on track', () => {
  it('is open when not started or in progress', () => {
    expect(STATUSES.filter(isOpenStatus)).toEqual(['not_started', 'in_progress']);
  });

  it('is overdue when open and due before today (not on the day itself)', () => {
    expect(isOverdue({ status: 'in_progress', dueOn: '2026-03-09' }, '2026-03-10')).toBe(true);
    expect(isOverdue({ status: 'not_started', dueOn: '2026-03-10' }, '2026-03-10')).toBe(false);
    expect(isOverdue({ status: 'completed', dueOn: '2026-03-01' }, '2026-03-10')).toBe(false);
    expect(isOverdue({ status: 'cancelled', dueOn: '2026-03-01' }, '2026-03-10')).toBe(false);
  });

  it('is on track when open, not overdue and not red', () => {
    const today = '2026-03-10';
    expect(isOnTrack({ status: 'in_progress', dueOn: '2026-04-01', rag: 'green' }, today)).toBe(true);
    expect(isOnTrack({ status: 'not_started', dueOn: '2026-04-01', rag: 'amber' }, today)).toBe(true);
    expect(isOnTrack({ status: 'in_progress', dueOn: '2026-04-01', rag: 'red' }, today)).toBe(false);
    expect(isOnTrack({ status: 'in_progress', dueOn: '2026-03-01', rag: 'green' }, today)).toBe(false);
    expect(isOnTrack({ status: 'completed', dueOn: '2026-04-01', rag: 'green' }, today)).toBe(false);
  });

  it('counts open actions by RAG, completed, overdue and open', () => {
    const today = '2026-03-10';
    const counts = ragCounts(
      [
        { status: 'in_progress', dueOn: '2026-04-01', rag: 'green' },
        { status: 'not_started', dueOn: '2026-03-01', rag: 'red' },
        { status: 'in_progress', dueOn: '2026-04-01', rag: 'amber' },
        { status: 'completed', dueOn: '2026-03-01', rag: 'green' },
        { status: 'cancelled', dueOn: '2026-03-01', rag: 'red' },
      ],
      today,
    );
    expect(counts).toEqual({ red: 1, amber: 1, green: 1, completed: 1, overdue: 1, open: 3 });
  });
});

describe('a short plan', () => {
  it('refuses a new open action when it already has its number of open actions, and says so plainly', () => {
    expect(shortPlanProblem({ short: true, maxOpen: 5, openCount: 5 })).toBe('This is a short plan: it can have at most 5 open actions. Complete or cancel one before adding another.');
    expect(shortPlanProblem({ short: true, maxOpen: 5, openCount: 6 })).toBe(shortPlanMessage(5));
    expect(shortPlanProblem({ short: true, maxOpen: 5, openCount: 4 })).toBeNull();
    expect(shortPlanMessage(1)).toContain('at most 1 open action.');
  });

  it('sets no limit when the plan is not short, or has no number', () => {
    expect(shortPlanProblem({ short: false, maxOpen: 5, openCount: 50 })).toBeNull();
    expect(shortPlanProblem({ short: true, maxOpen: null, openCount: 50 })).toBeNull();
  });

  it('needs a number of open actions between 1 and 20 when short', () => {
    expect(planSettingsProblem(false, null)).toBeNull();
    expect(planSettingsProblem(true, 5)).toBeNull();
    expect(planSettingsProblem(true, null)).toBe('Enter how many open actions the short plan may have');
    expect(planSettingsProblem(true, 0)).toMatch(/between 1 and 20/);
    expect(planSettingsProblem(true, 21)).toMatch(/between 1 and 20/);
  });
});

describe('an update', () => {
  const plan = { short: false, maxOpen: null, openCount: 0 };
  const action = (status: ActionStatus, evidenceCount = 0, planOpen = true) => ({ status, evidenceCount, planOpen });

  it.each(STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const)))('from %s to %s follows the allowed moves', (from, to) => {
    const problems = updateProblems(action(from, 1), { status: to, isEvidence: true }, plan);
    const allowed = from === to || STATUS_TRANSITIONS[from].includes(to);
    expect(problems.status === undefined).toBe(allowed);
  });

  it('refuses an unknown status', () => {
    expect(updateProblems(action('in_progress'), { status: 'done', isEvidence: false }, plan)).toEqual({ status: 'Select the action’s status' });
  });

  it('says which move is not allowed in words', () => {
    expect(updateProblems(action('completed', 1), { status: 'cancelled', isEvidence: false }, plan).status).toBe('An action that is completed cannot be marked cancelled');
  });

  it('completes only with evidence: this update marked as evidence, or evidence already given', () => {
    expect(updateProblems(action('in_progress'), { status: 'completed', isEvidence: false }, plan).isEvidence).toMatch(/only be completed with evidence/);
    expect(updateProblems(action('in_progress'), { status: 'completed', isEvidence: true }, plan)).toEqual({});
    expect(updateProblems(action('in_progress', 2), { status: 'completed', isEvidence: false }, plan)).toEqual({});
    // a note on an action already completed needs no further evidence
    expect(updateProblems(action('completed'), { status: 'completed', isEvidence: false }, plan)).toEqual({});
  });

  it('reopens in a short plan only when it has room', () => {
    const full = { short: true, maxOpen: 5, openCount: 5 };
    expect(updateProblems(action('completed', 1), { status: 'in_progress', isEvidence: false }, full).status).toBe('This is a short plan: it can have at most 5 open actions. Complete or cancel one before reopening this one.');
    expect(updateProblems(action('cancelled'), { status: 'not_started', isEvidence: false }, full).status).toMatch(/short plan/);
    expect(updateProblems(action('completed', 1), { status: 'in_progress', isEvidence: false }, { ...full, openCount: 4 })).toEqual({});
    // an open action staying open is not counted again
    expect(updateProblems(action('not_started'), { status: 'in_progress', isEvidence: false }, full)).toEqual({});
  });

  it('is refused on a closed plan', () => {
    expect(updateProblems(action('in_progress', 0, false), { status: 'in_progress', isEvidence: false }, plan)).toEqual({ note: 'This plan is closed: its actions can no longer be updated' });
  });

  it('checks impact only after completion', () => {
    expect(impactProblem('completed')).toBeNull();
    for (const s of ['not_started', 'in_progress', 'cancelled']) expect(impactProblem(s)).toMatch(/once the action is completed/);
  });
});

describe('evidence files', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
  const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(20)]);
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20)]);
  const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20)]);
  const check = (name: string, declaredType: string, content: Buffer, truncated = false) => checkEvidenceFile({ name, declaredType, content, truncated });

  it('accepts each allowed type by its extension, declared type and first bytes', () => {
    expect(check('Training log.pdf', 'application/pdf', PDF)).toEqual({ ok: true, name: 'Training log.pdf', type: 'application/pdf', bytes: PDF.length });
    expect(check('minutes.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ZIP).ok).toBe(true);
    expect(check('figures.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ZIP).ok).toBe(true);
    expect(check('policy.odt', 'application/vnd.oasis.opendocument.text', ZIP).ok).toBe(true);
    expect(check('screen.png', 'image/png', PNG).ok).toBe(true);
    expect(check('photo.jpg', 'image/jpeg', JPEG).ok).toBe(true);
    expect(check('photo.JPEG', 'image/jpeg; charset=binary', JPEG).ok).toBe(true);
    expect(check('notes.txt', 'text/plain', Buffer.from('Audit completed.\r\nAll staff briefed.\t'))).toMatchObject({ ok: true, type: 'text/plain' });
    expect(EVIDENCE_KINDS.map((k) => k.extensions.join('/'))).toEqual(['pdf', 'docx', 'xlsx', 'odt', 'png', 'jpg/jpeg', 'txt']);
  });

  it('refuses a file over 5 MB, or cut short at the limit', () => {
    expect(check('big.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.alloc(MAX_EVIDENCE_BYTES)]))).toEqual({ ok: false, problem: 'The file must be 5 MB or smaller' });
    expect(check('big.pdf', 'application/pdf', PDF, true)).toEqual({ ok: false, problem: 'The file must be 5 MB or smaller' });
    expect(check('exact.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.alloc(MAX_EVIDENCE_BYTES - PDF.length)])).ok).toBe(true);
  });

  it('refuses an empty file', () => {
    expect(check('empty.pdf', 'application/pdf', Buffer.alloc(0))).toEqual({ ok: false, problem: 'The selected file is empty' });
  });

  it('refuses a type not on the list', () => {
    for (const name of ['run.exe', 'page.html', 'image.svg', 'noextension', 'macro.docm']) expect(check(name, 'application/octet-stream', PDF)).toMatchObject({ ok: false, problem: expect.stringMatching(/^The file must be a PDF/) });
  });

  it('refuses a file whose declared type or first bytes do not match its extension', () => {
    expect(check('fake.pdf', 'application/pdf', Buffer.from('<html><script>alert(1)</script></html>'))).toEqual({ ok: false, problem: 'The file is not a real PDF file: check it and upload it again' });
    expect(check('fake.pdf', 'text/html', PDF)).toMatchObject({ ok: false });
    expect(check('fake.png', 'image/png', JPEG)).toMatchObject({ ok: false });
    expect(check('fake.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', PDF)).toMatchObject({ ok: false });
    expect(check('binary.txt', 'text/plain', Buffer.from([0x41, 0x00, 0x42]))).toMatchObject({ ok: false });
    expect(check('latin1.txt', 'text/plain', Buffer.from([0x41, 0xe9, 0x42]))).toMatchObject({ ok: false });
  });

  it('makes names safe: no path, no markup or control characters, at most 100 characters with the extension kept', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('C:\\Users\\pc\\Evidence pack.pdf')).toBe('Evidence pack.pdf');
    expect(sanitiseFileName('<script>x</script>.pdf')).toBe('script.pdf');
    expect(sanitiseFileName('<img onerror=x>.pdf')).toBe('img onerrorx.pdf');
    expect(sanitiseFileName('a\u0000b\r\n"c".pdf')).toBe('abc.pdf');
    expect(sanitiseFileName('Café plan.pdf')).toBe('Cafe plan.pdf');
    expect(sanitiseFileName('...hidden..pdf')).toBe('hidden.pdf');
    expect(sanitiseFileName('')).toBe('evidence');
    const long = sanitiseFileName(`${'x'.repeat(300)}.pdf`);
    expect(long).toHaveLength(100);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(check('../../<b>report.pdf', 'application/pdf', PDF)).toMatchObject({ ok: true, name: 'breport.pdf' });
  });
});

describe('reminders and escalation', () => {
  const timescales = { reminderDays: 5, escalationDays: 1 };
  // Friday 13 March 2026 due: 5 working days before is Friday 6 March; the first working day after is Monday 16 March.
  const a = (over: Partial<{ status: string; remindedOn: string | null; escalatedOn: string | null }> = {}) => ({ status: 'in_progress', dueOn: '2026-03-13', remindedOn: null, escalatedOn: null, ...over });

  it('times the reminder in working days before the due date, and the escalation after it', () => {
    expect(reminderDate(cal, '2026-03-13', 5)).toBe('2026-03-06');
    expect(escalationDate(cal, '2026-03-13', 1)).toBe('2026-03-16');
    // Easter 2026: Good Friday 3 April and Easter Monday 6 April are not working days
    expect(reminderDate(cal, '2026-04-09', 5)).toBe('2026-03-31');
    expect(escalationDate(cal, '2026-04-02', 1)).toBe('2026-04-07');
  });

  it('reminds once from the reminder day until the due date', () => {
    expect(dueNotice(a(), '2026-03-05', cal, timescales)).toBeNull();
    expect(dueNotice(a(), '2026-03-06', cal, timescales)).toBe('remind');
    expect(dueNotice(a(), '2026-03-13', cal, timescales)).toBe('remind');
    expect(dueNotice(a({ remindedOn: '2026-03-06' }), '2026-03-10', cal, timescales)).toBeNull();
  });

  it('escalates once when overdue, from the escalation day (a weekend after the due date waits for Monday)', () => {
    expect(dueNotice(a({ remindedOn: '2026-03-06' }), '2026-03-14', cal, timescales)).toBeNull();
    expect(dueNotice(a({ remindedOn: '2026-03-06' }), '2026-03-16', cal, timescales)).toBe('escalate');
    expect(dueNotice(a(), '2026-03-20', cal, timescales)).toBe('escalate');
    expect(dueNotice(a({ escalatedOn: '2026-03-16' }), '2026-03-20', cal, timescales)).toBeNull();
  });

  it('sends nothing for an action completed or cancelled', () => {
    expect(dueNotice(a({ status: 'completed' }), '2026-03-10', cal, timescales)).toBeNull();
    expect(dueNotice(a({ status: 'cancelled' }), '2026-03-20', cal, timescales)).toBeNull();
  });
});
