import { describe, expect, it } from 'vitest';
import { type EpisodeAction, type EpisodeState, actionProblem, contactedProblems, doneInTime, earlyHelpReference, episodeClocks, episodeStage, familyNameOf, nextDeadline, ragOf } from './early-help.js';

const T = (iso: string) => new Date(iso);
const open: EpisodeState = { status: 'open', contactedAt: null, engaged: null, triagedAt: null, ehaStartedAt: null, ehaCompletedAt: null, steppedUpToContactId: null };
const engaged = { ...open, contactedAt: T('2026-03-03T10:00:00Z'), engaged: true };
const triaged = { ...engaged, triagedAt: T('2026-03-04T10:00:00Z') };
const started = { ...triaged, ehaStartedAt: T('2026-03-05T10:00:00Z') };
const completed = { ...started, ehaCompletedAt: T('2026-03-20T10:00:00Z') };
const ACTIONS: EpisodeAction[] = ['contacted', 'triage', 'start_eha', 'complete_eha', 'team', 'step_up', 'close'];

describe('where an episode stands', () => {
  it('is the first thing still to do', () => {
    expect(episodeStage(open)).toBe('to_contact');
    expect(episodeStage({ ...open, contactedAt: T('2026-03-03T10:00:00Z'), engaged: false })).toBe('to_contact');
    expect(episodeStage(engaged)).toBe('to_triage');
    expect(episodeStage(triaged)).toBe('eha_to_start');
    expect(episodeStage(started)).toBe('eha_in_progress');
    expect(episodeStage(completed)).toBe('eha_completed');
    expect(episodeStage({ ...completed, status: 'closed' })).toBe('closed');
  });
});

describe('what may be done', () => {
  it('allows nothing on a closed episode', () => {
    for (const a of ACTIONS) expect(actionProblem({ ...open, status: 'closed' }, a)).toMatch(/closed/);
  });

  it('takes each step once, in order', () => {
    const table: [EpisodeState, Record<EpisodeAction, boolean>][] = [
      [open, { contacted: true, triage: true, start_eha: false, complete_eha: false, team: true, step_up: true, close: true }],
      [{ ...open, triagedAt: T('2026-03-04T10:00:00Z') }, { contacted: true, triage: false, start_eha: false, complete_eha: false, team: true, step_up: true, close: true }],
      [engaged, { contacted: false, triage: true, start_eha: false, complete_eha: false, team: true, step_up: true, close: true }],
      [triaged, { contacted: false, triage: false, start_eha: true, complete_eha: false, team: true, step_up: true, close: true }],
      [started, { contacted: false, triage: false, start_eha: false, complete_eha: true, team: true, step_up: true, close: true }],
      [completed, { contacted: false, triage: false, start_eha: false, complete_eha: false, team: true, step_up: true, close: true }],
      [{ ...completed, steppedUpToContactId: 'c' }, { contacted: false, triage: false, start_eha: false, complete_eha: false, team: true, step_up: false, close: true }],
    ];
    for (const [state, expected] of table) {
      const got = Object.fromEntries(ACTIONS.map((a) => [a, actionProblem(state, a) === null]));
      expect(got).toEqual(expected);
    }
  });

  it('says why an assessment cannot start', () => {
    expect(actionProblem(engaged, 'start_eha')).toMatch(/Triage the family first/);
    expect(actionProblem({ ...open, triagedAt: T('2026-03-04T10:00:00Z') }, 'start_eha')).toMatch(/agree to early help/);
  });
});

describe('the family contacted', () => {
  const startedAt = T('2026-03-02T10:00:00Z');
  const now = T('2026-03-05T10:00:00Z');
  it('is between the start of the episode and now', () => {
    expect(contactedProblems({ contactedAt: T('2026-03-03T09:00:00Z'), startedAt, now })).toEqual({});
    expect(contactedProblems({ contactedAt: T('2026-03-06T09:00:00Z'), startedAt, now }).contactedAt).toMatch(/past/);
    expect(contactedProblems({ contactedAt: T('2026-03-01T09:00:00Z'), startedAt, now }).contactedAt).toMatch(/before the episode began/);
  });
});

describe('clocks', () => {
  const dues = { contactDueAt: T('2026-03-05T17:00:00Z'), triageDueAt: T('2026-03-09T17:00:00Z'), ehaDueAt: null };
  it('lists contact and triage, and the assessment once it has a deadline', () => {
    expect(episodeClocks({ ...open, ...dues }).map((c) => c.name)).toEqual(['contact', 'triage']);
    expect(episodeClocks({ ...started, ...dues, ehaDueAt: T('2026-04-14T17:00:00Z') }).map((c) => [c.name, c.doneAt !== null])).toEqual([['contact', true], ['triage', true], ['eha', false]]);
  });
  it('counts a family contacted but not engaged as still to do', () => {
    expect(episodeClocks({ ...open, contactedAt: T('2026-03-03T10:00:00Z'), engaged: false, ...dues })[0]!.doneAt).toBeNull();
  });
  it('gives the next deadline of an open episode', () => {
    expect(nextDeadline({ ...open, ...dues })?.name).toBe('contact');
    expect(nextDeadline({ ...engaged, ...dues })?.name).toBe('triage');
    expect(nextDeadline({ ...triaged, ...dues })).toBeNull();
    expect(nextDeadline({ ...started, ...dues, ehaDueAt: T('2026-04-14T17:00:00Z') })?.name).toBe('eha');
    expect(nextDeadline({ ...open, status: 'closed', ...dues })).toBeNull();
  });
  it('is in time up to its deadline', () => {
    expect(doneInTime(T('2026-03-05T17:00:00Z'), T('2026-03-05T17:00:00Z'))).toBe(true);
    expect(doneInTime(T('2026-03-05T17:00:00Z'), T('2026-03-05T17:00:01Z'))).toBe(false);
  });
  it('is red when overdue, amber due today, green later', () => {
    expect([ragOf('overdue'), ragOf('due-today'), ragOf('due-later')]).toEqual(['red', 'amber', 'green']);
  });
});

describe('names and references', () => {
  it('numbers episodes by year', () => {
    expect(earlyHelpReference(2026, 42)).toBe('EH-2026-000042');
  });
  it('takes the family name most of the children share', () => {
    expect(familyNameOf(['Amy Hartley', 'Ben Hartley', 'Cal Ramsden'])).toBe('Hartley');
    expect(familyNameOf(['Amy Hartley'])).toBe('Hartley');
    expect(familyNameOf([])).toBe('Family name not known');
    expect(familyNameOf(['Name not known'])).toBe('Family name not known');
  });
});
