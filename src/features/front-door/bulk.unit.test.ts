/**
 * Police files with domestic abuse columns: the incident type, the police DASH answers ("q1=yes; q2=not known"),
 * each person's DA role and grading, read into the same notification the API takes; problems named by column.
 */
import { describe, expect, it } from 'vitest';
import { checklist } from '../../domain/dash.js';
import { dashAnswers, readFile } from './bulk.js';

const now = () => new Date('2026-03-07T09:00:00Z');
const police = checklist('police-dash-2009')!;

function csv(rows: Record<string, string>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string) => (/[",;\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c] ?? '')).join(','))].join('\n');
}

const allAnswered = police.questions.map((q, i) => `${q.id}=${i < 14 ? 'yes' : i % 2 ? 'no' : 'not known'}`).join('; ');

function row(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    notification_type: 'dash',
    police_reference: 'FM/26/990001',
    incident_at: '06/03/2026 22:40',
    received_at: '07/03/2026 08:10',
    risk_level: 'high',
    concerns: 'domestic_abuse',
    narrative: 'Domestic incident at the family home.',
    consent: 'not_sought',
    da_incident_type: 'physical',
    dash_answers: allAnswered,
    person1_role: 'parent_carer',
    person1_da_role: 'victim',
    person1_risk_level: 'high',
    person1_given_names: 'Casey',
    person1_family_name: 'Filewood',
    person1_date_of_birth: '04/03/1991',
    person2_role: 'subject_child',
    person2_da_role: 'child_present',
    person2_risk_level: 'medium',
    person2_given_names: 'Robin',
    person2_family_name: 'Filewood',
    person2_date_of_birth: '05/05/2017',
    person2_school: '990101',
    person2_child_voice: 'Said she hid upstairs',
    person2_child_demeanour: 'Quiet',
    ...overrides,
  };
}

describe('DASH answers in a police file', () => {
  it('reads "q1=yes; q2=not known" pairs, in any case and spacing', () => {
    expect(dashAnswers(' Q1 = Yes ;q2=not known| q3=NO ')).toEqual({ q1: 'yes', q2: 'not_known', q3: 'no' });
    expect(dashAnswers('q1')).toEqual({ q1: '' });
  });
});

describe('a police file with domestic abuse columns', () => {
  it('becomes DA notifications with the incident type, the police DASH and each person’s role and grading', () => {
    const result = readFile('da.csv', csv([row()]), now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const n = result.notifications[0]!;
    expect(n.domesticAbuse?.incidentType).toBe('physical');
    expect(Object.keys(n.domesticAbuse!.policeDash!.answers)).toHaveLength(27);
    expect(n.domesticAbuse!.policeDash!.answers.q15).toBe('not_known');
    expect(n.people.map((p) => [p.daRole, p.riskLevel, p.school])).toEqual([
      ['victim', 'high', null],
      ['child_present', 'medium', '990101'],
    ]);
    expect(n.incident?.occurredAt?.toISOString()).toBe('2026-03-06T22:40:00.000Z');
  });

  it('names the column to correct: an unanswered DASH question, a child without a date of birth, a role without the incident type', () => {
    const unanswered = police.questions.slice(1).map((q) => `${q.id}=no`).join('; ');
    const result = readFile('da.csv', csv([row({ dash_answers: unanswered }), row({ person2_date_of_birth: '' }), row({ da_incident_type: '', dash_answers: '' })]), now);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, field: 'dash_answers', message: expect.stringContaining('Answer DASH question q1') }),
        expect.objectContaining({ row: 3, field: 'person2_date_of_birth', message: expect.stringContaining('Operation Encompass needs it') }),
        expect.objectContaining({ row: 4, field: 'da_incident_type', message: expect.stringContaining('domesticAbuse.incidentType') }),
      ]),
    );
  });
});
