import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INCIDENT_RULES,
  type IncidentFacts,
  type IncidentRule,
  escalationDue,
  incidentWindowHours,
  initialRag,
  isReReferral,
  matchIncident,
  multipleConcerns,
  normalisePoliceReference,
  personKey,
  reminderDue,
} from './intake.js';

const at = (iso: string) => new Date(iso);
const mother = personKey({ givenNames: 'Jo', familyName: 'Examplewood', dateOfBirth: '1990-04-02' })!;
const child = personKey({ givenNames: 'Sam Lee', familyName: 'Examplewood', dateOfBirth: '2016-09-30' })!;
const partner = personKey({ givenNames: 'Alex', familyName: 'Sampleton', dateOfBirth: '1988-01-15' })!;

/** The seeds' case: a Gen 117 recorded on the night, and the DASH for the same incident received days later. */
const gen117: IncidentFacts = { id: 'incident-1', policeReference: 'FM/26/004417', occurredAt: at('2026-03-06T22:40:00Z'), postcode: 'FM1 2AB', peopleKeys: [mother, child, partner] };

describe('notifications about the same incident (the Gen 117 and DASH case)', () => {
  it('links a DASH with the same police reference, however it is written, whenever it arrives', () => {
    const dash = { policeReference: 'fm 26 004417', occurredAt: null, postcode: null, peopleKeys: [] };
    expect(matchIncident(DEFAULT_INCIDENT_RULES, dash, [gen117])).toEqual({ incidentId: 'incident-1', rule: DEFAULT_INCIDENT_RULES[0] });
  });

  it('links a DASH without a reference that names the same people at the same postcode and time', () => {
    const dash = { policeReference: null, occurredAt: at('2026-03-07T01:10:00Z'), postcode: 'fm12ab', peopleKeys: [partner, mother] };
    expect(matchIncident(DEFAULT_INCIDENT_RULES, dash, [gen117])?.rule.id).toBe('same_people_place_time');
  });

  it('keeps apart what only looks alike', () => {
    const base = { policeReference: null, occurredAt: at('2026-03-07T01:10:00Z'), postcode: 'FM1 2AB', peopleKeys: [partner, mother] };
    // one person in common is not enough
    expect(matchIncident(DEFAULT_INCIDENT_RULES, { ...base, peopleKeys: [mother] }, [gen117])).toBeNull();
    // another postcode
    expect(matchIncident(DEFAULT_INCIDENT_RULES, { ...base, postcode: 'FM9 9ZZ' }, [gen117])).toBeNull();
    // outside the window (12 hours), either side
    expect(matchIncident(DEFAULT_INCIDENT_RULES, { ...base, occurredAt: at('2026-03-07T10:41:00Z') }, [gen117])).toBeNull();
    expect(matchIncident(DEFAULT_INCIDENT_RULES, { ...base, occurredAt: at('2026-03-06T10:39:00Z') }, [gen117])).toBeNull();
    // exactly at the edge of the window still counts
    expect(matchIncident(DEFAULT_INCIDENT_RULES, { ...base, occurredAt: at('2026-03-07T10:40:00Z') }, [gen117])).not.toBeNull();
    // a different police reference is a different incident even with the same people
    expect(matchIncident(DEFAULT_INCIDENT_RULES, { ...base, policeReference: 'FM/26/009999' }, [gen117])).toBeNull();
    // no time, or no postcode: the place-and-time rule cannot apply
    expect(matchIncident(DEFAULT_INCIDENT_RULES, { ...base, occurredAt: null }, [gen117])).toBeNull();
    expect(matchIncident(DEFAULT_INCIDENT_RULES, { ...base, postcode: null }, [gen117])).toBeNull();
    expect(matchIncident(DEFAULT_INCIDENT_RULES, { ...base, postcode: '  ' }, [gen117])).toBeNull();
  });

  it('applies the rules in order and takes the earliest incident a rule finds', () => {
    const later: IncidentFacts = { ...gen117, id: 'incident-2', policeReference: null };
    const byRef = { policeReference: 'FM/26/004417', occurredAt: at('2026-03-07T01:10:00Z'), postcode: 'FM1 2AB', peopleKeys: [partner, mother] };
    expect(matchIncident(DEFAULT_INCIDENT_RULES, byRef, [later, gen117])?.incidentId).toBe('incident-1');
    const noRef = { ...byRef, policeReference: null };
    expect(matchIncident(DEFAULT_INCIDENT_RULES, noRef, [later, gen117])?.incidentId).toBe('incident-2');
  });

  it('follows the rules it is given: a wider window, fewer people, or no place rule at all', () => {
    const wide: IncidentRule[] = [{ id: 'wide', kind: 'same_people_place_time', label: 'wide', withinHours: 48, minSharedPeople: 1 }];
    const dash = { policeReference: null, occurredAt: at('2026-03-08T12:00:00Z'), postcode: 'FM1 2AB', peopleKeys: [child] };
    expect(matchIncident(wide, dash, [gen117])?.rule.id).toBe('wide');
    expect(matchIncident(DEFAULT_INCIDENT_RULES, dash, [gen117])).toBeNull();
    expect(matchIncident([DEFAULT_INCIDENT_RULES[0]!], { ...dash, peopleKeys: [mother, child] }, [gen117])).toBeNull();
    expect(incidentWindowHours(wide)).toBe(48);
    expect(incidentWindowHours([DEFAULT_INCIDENT_RULES[0]!])).toBe(0);
  });

  it('builds people keys from the first given name, family name and date of birth, and none without a date', () => {
    expect(personKey({ givenNames: '  SAM  lee', familyName: 'Example-Wood', dateOfBirth: '2016-09-30' })).toBe(personKey({ givenNames: 'Sam', familyName: 'examplewood', dateOfBirth: '2016-09-30' }));
    expect(personKey({ givenNames: 'Sam', familyName: 'Examplewood', dateOfBirth: null })).toBeNull();
    expect(normalisePoliceReference(' / ')).toBeNull();
  });
});

describe('alerts at screening', () => {
  it('raises a multiple-concerns alert at the configured count inside the window, counting this contact', () => {
    const setting = { count: 3, days: 90 };
    expect(multipleConcerns(['2026-01-01', '2026-02-01', '2026-03-31'], '2026-03-31', setting)).toEqual({ alert: true, count: 3 });
    // The 90 days ending on 31 March 2026 begin on 1 January: 31 December is outside.
    expect(multipleConcerns(['2025-12-31', '2026-02-01', '2026-03-31'], '2026-03-31', setting)).toEqual({ alert: false, count: 2 });
    expect(multipleConcerns(['2026-02-01', '2026-03-31', '2026-04-02'], '2026-03-31', setting).count).toBe(2);
    expect(multipleConcerns(['2026-03-31', '2026-03-31'], '2026-03-31', { count: 2, days: 1 })).toEqual({ alert: true, count: 2 });
  });

  it('flags a re-referral when the child had a referral in the 12 months before (DfE)', () => {
    expect(isReReferral(['2025-06-01'], '2026-05-31')).toBe(true);
    expect(isReReferral(['2025-05-31'], '2026-05-31')).toBe(true);
    expect(isReReferral(['2025-05-30'], '2026-05-31')).toBe(false);
    expect(isReReferral(['2026-05-31'], '2026-05-31')).toBe(false);
    expect(isReReferral(['2026-06-01'], '2026-05-31')).toBe(false);
    expect(isReReferral([], '2026-05-31')).toBe(false);
    expect(isReReferral(['2023-02-28'], '2024-02-29')).toBe(true);
  });

  it('suggests a first RAG from the police risk grading', () => {
    expect([initialRag('high'), initialRag('medium'), initialRag('standard'), initialRag(null), initialRag('odd')]).toEqual(['red', 'amber', 'green', null, null]);
  });
});

describe('information request reminders and escalation', () => {
  const requested = at('2026-03-09T09:00:00Z');
  const due = at('2026-03-09T13:00:00Z');
  it('reminds once three quarters of the time has gone, and escalates at the deadline', () => {
    expect(reminderDue(requested, due, at('2026-03-09T11:59:00Z'))).toBe(false);
    expect(reminderDue(requested, due, at('2026-03-09T12:00:00Z'))).toBe(true);
    expect(reminderDue(requested, due, at('2026-03-09T13:00:00Z'))).toBe(false);
    expect(escalationDue(due, at('2026-03-09T12:59:59Z'))).toBe(false);
    expect(escalationDue(due, at('2026-03-09T13:00:00Z'))).toBe(true);
  });
});
