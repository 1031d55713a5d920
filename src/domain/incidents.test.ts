import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LATE_LAGS,
  type IncidentNotice,
  type IncidentPerson,
  LAG_HOURS_MAX,
  comparePeople,
  durationWords,
  lagRiskLevel,
  lagSettingProblems,
  lagWords,
  lateness,
  possibleSameIncident,
  possibleSameIncidentRule,
  sharedPeople,
} from './incidents.js';
import { DEFAULT_INCIDENT_RULES, type IncidentRule, matchIncident, personKey } from './intake.js';

const person = (givenNames: string, familyName: string, dateOfBirth: string | null, extra: Partial<IncidentPerson> = {}): IncidentPerson => ({ givenNames, familyName, dateOfBirth, ...extra });

const mother = person('Kirsty', 'Brook', '1990-03-12', { gender: 'female', role: 'parent_carer' });
const aleksander = person('Aleksander', 'Brook', '2017-05-04', { gender: 'male', role: 'subject_child' });
const alexander = person('Alexander', 'Brook', '2017-05-04', { gender: 'male', role: 'subject_child' });
const sister = person('Maisie', 'Brook', '2019-08-21', { gender: 'female', role: 'subject_child' });

const at = (iso: string) => new Date(iso);
const rule = possibleSameIncidentRule();

function notice(overrides: Partial<IncidentNotice> = {}): IncidentNotice {
  return { policeReference: 'FM/1001/26', occurredAt: at('2026-03-06T22:40:00Z'), postcode: 'FM1 2AB', people: [mother, aleksander, sister], ...overrides };
}

describe('the rule follows the incident rules', () => {
  it('takes the window and the people shared from the place-and-time rule', () => {
    expect(possibleSameIncidentRule(DEFAULT_INCIDENT_RULES)).toEqual({ withinHours: 12, minSharedPeople: 2 });
    const rules: IncidentRule[] = [{ id: 'p', kind: 'same_people_place_time', label: 'x', withinHours: 6, minSharedPeople: 3 }];
    expect(possibleSameIncidentRule(rules)).toEqual({ withinHours: 6, minSharedPeople: 3 });
  });

  it('falls back to 12 hours and two people when an area has no place-and-time rule, and never asks for fewer than one', () => {
    expect(possibleSameIncidentRule([{ id: 'r', kind: 'same_police_reference', label: 'x' }])).toEqual({ withinHours: 12, minSharedPeople: 2 });
    expect(possibleSameIncidentRule([{ id: 'p', kind: 'same_people_place_time', label: 'x', withinHours: 1, minSharedPeople: 0 }]).minSharedPeople).toBe(1);
  });
});

describe('comparing two people', () => {
  it('finds one person in a misspelt first name with the same date of birth', () => {
    const l = comparePeople(aleksander, alexander);
    expect(l.same).toBe(true);
    expect(l.reasons).toEqual(['first name: very similar spelling', 'last name: exact', 'date of birth: exact']);
  });

  it('finds one person in a nickname', () => {
    expect(comparePeople(person('Samantha', 'Okafor', '1988-01-02'), person('Sam', 'Okafor', '1988-01-02')).reasons[0]).toBe('first name: same name (nickname)');
    expect(comparePeople(person('Samantha', 'Okafor', '1988-01-02'), person('Sam', 'Okafor', '1988-01-02')).same).toBe(true);
  });

  it('finds one person in a date of birth one digit out, or day and month swapped, when the names agree', () => {
    expect(comparePeople(mother, { ...mother, dateOfBirth: '1990-03-13' }).same).toBe(true);
    expect(comparePeople(mother, { ...mother, dateOfBirth: '1990-12-03' }).reasons[2]).toBe('date of birth: one digit wrong, or day and month swapped');
    expect(comparePeople(mother, { ...mother, dateOfBirth: '1990-12-03' }).same).toBe(true);
  });

  it('accepts a date of birth missing on one side only when both names agree closely', () => {
    const noDob = { ...mother, dateOfBirth: null };
    expect(comparePeople(mother, noDob)).toMatchObject({ same: true, weak: 1 });
    expect(comparePeople(mother, noDob).reasons).toContain('date of birth: not given on both');
    // a similar-sounding first name and no date of birth: too little agrees
    expect(comparePeople(person('Kirstie', 'Brook', null), person('Kersty', 'Brook', '1990-03-12')).same).toBe(false);
  });

  it('allows only one comparison that merely agrees', () => {
    // similar first name and a date one digit out
    const l = comparePeople(person('Kirsty', 'Brook', '1990-03-12'), person('Kersty', 'Brook', '1990-03-13'));
    expect(l.same).toBe(false);
    expect(l.reasons.at(-1)).toMatch(/too little agrees/);
    // a very similar last name is not weak: with a date one digit out, still one person
    expect(comparePeople(person('Kirsty', 'Brook', '1990-03-12'), person('Kirsty', 'Brooke', '1990-03-13')).same).toBe(true);
    // a last name only similar in sound, and a date one digit out: too little
    expect(comparePeople(person('Kirsty', 'Brook', '1990-03-12'), person('Kirsty', 'Brock', '1990-03-13')).same).toBe(false);
  });

  it('keeps apart different first names, different last names, different dates of birth and different sexes', () => {
    expect(comparePeople(aleksander, person('Oliver', 'Brook', '2017-05-04')).same).toBe(false);
    expect(comparePeople(aleksander, person('Aleksander', 'Whitfield', '2017-05-04')).same).toBe(false);
    expect(comparePeople(aleksander, { ...aleksander, dateOfBirth: '2011-11-30' })).toMatchObject({ same: false });
    expect(comparePeople(aleksander, { ...aleksander, dateOfBirth: '2011-11-30' }).reasons.at(-1)).toBe('the dates of birth are different');
    expect(comparePeople(person('Alex', 'Brook', '2017-05-04', { gender: 'male' }), person('Alexandra', 'Brook', '2017-05-04', { gender: 'female' })).reasons).toEqual(['different sex']);
  });

  it('does not count an unknown gender against a match', () => {
    expect(comparePeople({ ...aleksander, gender: 'unknown' }, alexander).same).toBe(true);
    expect(comparePeople({ ...aleksander, gender: null }, { ...alexander, gender: 'not_known' }).same).toBe(true);
  });

  it('does not match an initial alone or a missing name', () => {
    expect(comparePeople(person('A', 'Brook', '2017-05-04'), aleksander).same).toBe(false);
    expect(comparePeople(person('', 'Brook', '2017-05-04'), aleksander)).toMatchObject({ same: false, reasons: ['a name is missing'] });
  });

  it('accepts twins’ estimate within a year only as the one weak agreement', () => {
    const estimated = { ...mother, dateOfBirth: '1991-01-01', dobPrecision: 'estimated' };
    expect(comparePeople(mother, estimated).same).toBe(true);
    expect(comparePeople(person('Kersty', 'Brook', '1990-03-12'), estimated).same).toBe(false);
  });
});

describe('the people two notifications share', () => {
  it('pairs each person at most once, closest first', () => {
    const twinA = person('Lily', 'Brook', '2018-02-02', { gender: 'female' });
    const twinB = person('Lilly', 'Brook', '2018-02-02', { gender: 'female' });
    const shared = sharedPeople([twinB], [twinA, { ...twinB }]);
    expect(shared).toHaveLength(1);
    expect(shared[0]!.theirs.givenNames).toBe('Lilly');
    expect(shared[0]!.exact).toBe(true);
  });

  it('keeps the order people were named in, and marks which pairs are spelt exactly alike', () => {
    const shared = sharedPeople([mother, alexander, person('Unrelated', 'Stranger', '1970-01-01')], [aleksander, mother]);
    expect(shared.map((s) => [s.ours.givenNames, s.theirs.givenNames, s.exact])).toEqual([
      ['Kirsty', 'Kirsty', true],
      ['Alexander', 'Aleksander', false],
    ]);
  });

  it('shares nobody with an empty list', () => {
    expect(sharedPeople([], [mother])).toEqual([]);
    expect(sharedPeople([mother], [])).toEqual([]);
  });
});

describe('possibly the same incident', () => {
  const theirs = notice();
  const ours = notice({ policeReference: 'FM/1002/26', occurredAt: at('2026-03-06T23:20:00Z'), postcode: 'fm12ab', people: [mother, alexander] });

  it('flags the issue’s scenario: same family, place and time, a different police reference, a child’s name misspelt', () => {
    const result = possibleSameIncident(rule, ours, theirs);
    expect(result.possible).toBe(true);
    if (!result.possible) return;
    expect(result.minutesApart).toBe(40);
    expect(result.people.map((p) => `${p.ours.givenNames}=${p.theirs.givenNames}`)).toEqual(['Kirsty=Kirsty', 'Alexander=Aleksander']);
    expect(result.reasons).toEqual([
      'The same place: fm12ab',
      'The same time: 40 minutes apart (the incident rules look 12 hours either side)',
      'Different police references: FM/1002/26 and FM/1001/26',
      'Kirsty Brook and Kirsty Brook: first name: exact, last name: exact, date of birth: exact',
      'Alexander Brook and Aleksander Brook: first name: very similar spelling, last name: exact, date of birth: exact',
    ]);
  });

  it('is exactly what the incident rules miss: they attach neither a different reference nor a misspelt child', () => {
    const facts = (n: IncidentNotice) => ({ policeReference: n.policeReference, occurredAt: n.occurredAt, postcode: n.postcode, peopleKeys: n.people.map((p) => personKey({ givenNames: p.givenNames, familyName: p.familyName, dateOfBirth: p.dateOfBirth })).filter((k): k is string => !!k) });
    expect(matchIncident(DEFAULT_INCIDENT_RULES, facts(ours), [{ id: 'first', ...facts(theirs) }])).toBeNull();
    // without a reference on the new one, two people spelt exactly alike are attached by the rules; one misspelt is not
    expect(matchIncident(DEFAULT_INCIDENT_RULES, facts({ ...ours, policeReference: null }), [{ id: 'first', ...facts(theirs) }])).toBeNull();
    expect(possibleSameIncident(rule, { ...ours, policeReference: null }, theirs)).toMatchObject({ possible: true });
  });

  it('says how the references differ', () => {
    const oneRef = possibleSameIncident(rule, { ...ours, policeReference: null }, theirs);
    expect(oneRef.possible && oneRef.reasons[2]).toBe('A police reference on only one of them (FM/1001/26)');
    const none = possibleSameIncident(rule, { ...ours, policeReference: null }, { ...theirs, policeReference: null });
    expect(none.possible && none.reasons[2]).toBe('No police reference on either');
  });

  it('leaves the same police reference to the incident rules', () => {
    expect(possibleSameIncident(rule, { ...ours, policeReference: 'fm 1001 26' }, theirs)).toMatchObject({ possible: false, why: 'same police reference' });
  });

  it('needs the same postcode', () => {
    expect(possibleSameIncident(rule, { ...ours, postcode: 'FM1 2AC' }, theirs)).toMatchObject({ possible: false, why: 'different place' });
    expect(possibleSameIncident(rule, { ...ours, postcode: null }, theirs)).toMatchObject({ possible: false, why: 'place not known' });
    expect(possibleSameIncident(rule, ours, { ...theirs, postcode: '  ' })).toMatchObject({ possible: false, why: 'place not known' });
  });

  it('needs both times, within the window either side (the edge included)', () => {
    expect(possibleSameIncident(rule, { ...ours, occurredAt: null }, theirs)).toMatchObject({ possible: false, why: 'time not known' });
    expect(possibleSameIncident(rule, ours, { ...theirs, occurredAt: null })).toMatchObject({ possible: false, why: 'time not known' });
    expect(possibleSameIncident(rule, { ...ours, occurredAt: at('2026-03-07T10:40:00Z') }, theirs).possible).toBe(true);
    expect(possibleSameIncident(rule, { ...ours, occurredAt: at('2026-03-07T10:41:00Z') }, theirs)).toMatchObject({ possible: false, why: 'too far apart in time' });
    expect(possibleSameIncident(rule, { ...ours, occurredAt: at('2026-03-06T10:40:00Z') }, theirs).possible).toBe(true);
    expect(possibleSameIncident(rule, { ...ours, occurredAt: at('2026-03-06T10:39:00Z') }, theirs)).toMatchObject({ possible: false, why: 'too far apart in time' });
    const same = possibleSameIncident(rule, { ...ours, occurredAt: theirs.occurredAt }, theirs);
    expect(same.possible && same.reasons[1]).toBe('The same time: the same time (the incident rules look 12 hours either side)');
  });

  it('needs as many people shared as the rules ask for, and says who was shared when too few', () => {
    const one = possibleSameIncident(rule, { ...ours, people: [alexander, person('Dale', 'Ashworth', '1985-06-06')] }, theirs);
    expect(one).toMatchObject({ possible: false, why: 'too few people shared' });
    expect(one.people).toHaveLength(1);
    expect(possibleSameIncident({ withinHours: 12, minSharedPeople: 3 }, ours, theirs)).toMatchObject({ possible: false, why: 'too few people shared' });
    expect(possibleSameIncident({ withinHours: 12, minSharedPeople: 1 }, { ...ours, people: [alexander] }, theirs).possible).toBe(true);
  });

  it('does not flag another family at the same place and time', () => {
    const neighbours = [person('Jordan', 'Ashworth', '1987-09-01', { gender: 'male' }), person('Ellis', 'Ashworth', '2016-04-12')];
    expect(possibleSameIncident(rule, { ...ours, people: neighbours }, theirs)).toMatchObject({ possible: false, why: 'too few people shared' });
  });

  it('uses the area’s own window', () => {
    expect(possibleSameIncident({ withinHours: 0.5, minSharedPeople: 2 }, ours, theirs)).toMatchObject({ possible: false, why: 'too far apart in time' });
  });
});

describe('words', () => {
  it('says a duration in hours and minutes', () => {
    expect(durationWords(0)).toBe('the same time');
    expect(durationWords(1)).toBe('1 minute');
    expect(durationWords(60)).toBe('1 hour');
    expect(durationWords(125)).toBe('2 hours 5 minutes');
    expect(durationWords(-90)).toBe('1 hour 30 minutes');
  });

  it('says a lag in days from two days, in hours from one hour, else in minutes', () => {
    expect(lagWords(21 * 24 + 3)).toBe('21 days');
    expect(lagWords(48)).toBe('2 days');
    expect(lagWords(47.9)).toBe('47 hours');
    expect(lagWords(30)).toBe('30 hours');
    expect(lagWords(1)).toBe('1 hour');
    expect(lagWords(0.5)).toBe('30 minutes');
    expect(lagWords(1 / 60)).toBe('1 minute');
  });
});

describe('late notifications', () => {
  const incident = at('2026-03-01T22:00:00Z');
  const after = (hours: number) => new Date(incident.getTime() + hours * 3_600_000);

  it('allows 24 hours for high risk and 72 hours otherwise, by default', () => {
    expect(DEFAULT_LATE_LAGS.high.hours).toBe(24);
    for (const level of ['medium', 'standard', 'not_graded'] as const) expect(DEFAULT_LATE_LAGS[level].hours).toBe(72);
    for (const lag of Object.values(DEFAULT_LATE_LAGS)) expect(lag.source).toMatch(/configurable/);
  });

  it('finds a high-risk notification 30 hours after the incident late, and a standard-risk one not', () => {
    expect(lateness(incident, after(30), 'high')).toMatchObject({ late: true, lagHours: 30, lagDays: 1, allowedHours: 24, riskLevel: 'high' });
    expect(lateness(incident, after(30), 'standard')).toMatchObject({ late: false, allowedHours: 72 });
    expect(lateness(incident, after(30), 'medium')).toMatchObject({ late: false });
    expect(lateness(incident, after(30), null)).toMatchObject({ late: false, riskLevel: 'not_graded' });
  });

  it('finds one 21 days after the incident late whatever its grading', () => {
    for (const risk of ['high', 'medium', 'standard', null, 'unheard-of']) expect(lateness(incident, after(21 * 24), risk)).toMatchObject({ late: true, lagDays: 21 });
  });

  it('is on time exactly at the lag, late a minute after', () => {
    expect(lateness(incident, after(24), 'high')!.late).toBe(false);
    expect(lateness(incident, after(24 + 1 / 60), 'high')!.late).toBe(true);
    expect(lateness(incident, after(72), 'standard')!.late).toBe(false);
    expect(lateness(incident, after(72 + 1 / 60), 'standard')!.late).toBe(true);
  });

  it('cannot say without an incident time, and never counts a negative lag', () => {
    expect(lateness(null, after(100), 'high')).toBeNull();
    expect(lateness(incident, after(-2), 'high')).toMatchObject({ late: false, lagHours: 0 });
  });

  it('uses the area’s own lags', () => {
    const setting = { ...DEFAULT_LATE_LAGS, standard: { riskLevel: 'standard' as const, hours: 12, source: 'Fernmoor MASH protocol (synthetic)' } };
    expect(lateness(incident, after(30), 'standard', setting)).toMatchObject({ late: true, allowedHours: 12 });
    expect(lateness(incident, after(30), 'medium', setting)).toMatchObject({ late: false, allowedHours: 72 });
  });

  it('reads a risk grading it does not know as not graded', () => {
    expect(lagRiskLevel('high')).toBe('high');
    expect(lagRiskLevel('HIGH')).toBe('not_graded');
    expect(lagRiskLevel(undefined)).toBe('not_graded');
  });

  it('checks an administrator’s lags: every level, whole hours, one hour to 90 days', () => {
    expect(lagSettingProblems({ high: 24, medium: 72, standard: 72, not_graded: 72 })).toEqual({});
    expect(lagSettingProblems({ high: 1, medium: LAG_HOURS_MAX, standard: 72, not_graded: 72 })).toEqual({});
    const problems = lagSettingProblems({ high: 0, medium: LAG_HOURS_MAX + 1, standard: 1.5, not_graded: null });
    expect(problems).toEqual({
      high: 'Hours allowed for high risk notifications must be between 1 and 2160',
      medium: 'Hours allowed for medium risk notifications must be between 1 and 2160',
      standard: 'Hours allowed for standard risk notifications must be a whole number',
      not_graded: 'Enter the hours allowed for not graded notifications',
    });
    expect(lagSettingProblems({}).high).toBe('Enter the hours allowed for high risk notifications');
    expect(lagSettingProblems({ high: Number.NaN }).high).toBe('Enter the hours allowed for high risk notifications');
  });
});
