import { describe, expect, it } from 'vitest';
import {
  canVisit,
  checkRows,
  composeNarrative,
  contactAllowed,
  currentPage,
  ERROR_KEYS,
  findPostcode,
  formValues,
  isComplete,
  isQuestionPage,
  isReportPage,
  nextPage,
  parsePage,
  previousPage,
  QUESTION_PAGES,
  REPORT_PAGES,
  type ReportAnswers,
  sourceCode,
  subjectFacts,
} from './public-report.js';

const TODAY = '2026-03-10';

const SUBJECT = { givenNames: 'Kuba', familyName: '', nameUnknown: false, age: '7', dobDay: '', dobMonth: '', dobYear: '', address: 'ul. Lipowa, Fernmoor FM1 2AB', school: '' };
const COMPLETE: ReportAnswers = {
  about: 'child',
  danger: 'no',
  who: 'neighbour',
  happening: 'Dziecko płacze każdej nocy.\nJest samo w domu.',
  subject: SUBJECT,
  aboutYou: { giveName: 'no', name: '', relationship: 'Mieszkam obok' },
  contact: { contactMe: 'no', phone: '', phoneSafe: '', email: '', emailSafe: '', when: '' },
};

const codes = (r: ReturnType<typeof parsePage>) => (r.ok ? [] : r.errors.map((e) => `${e.field}:${e.key.split('.').pop()}`));

describe('the question pages', () => {
  it('knows its pages', () => {
    expect(REPORT_PAGES).toEqual(['danger', 'who', 'happening', 'subject', 'about-you', 'contact', 'call-999', 'professional', 'check']);
    expect(isReportPage('check')).toBe(true);
    expect(isReportPage('sent')).toBe(false);
    expect(isReportPage('__proto__')).toBe(false);
    expect(isQuestionPage('call-999')).toBe(false);
    expect(isQuestionPage('who')).toBe(true);
  });

  it('asks the questions in order, danger first', () => {
    const a: ReportAnswers = { about: 'child' };
    expect(currentPage(a)).toBe('danger');
    expect(currentPage({ ...a, danger: 'no' })).toBe('who');
    expect(currentPage({ ...a, danger: 'no', who: 'family' })).toBe('happening');
    expect(currentPage({ ...COMPLETE, contact: undefined })).toBe('contact');
    expect(currentPage(COMPLETE)).toBe('check');
    expect(isComplete(COMPLETE)).toBe(true);
    expect(isComplete({ ...COMPLETE, subject: undefined })).toBe(false);
  });

  it('a professional stops at the professional page', () => {
    const pro: ReportAnswers = { ...COMPLETE, who: 'professional' };
    expect(currentPage(pro)).toBe('professional');
    expect(isComplete(pro)).toBe(false);
    expect(canVisit(pro, 'professional')).toBe(true);
    expect(canVisit(pro, 'who')).toBe(true);
    expect(canVisit(pro, 'happening')).toBe(false);
    expect(canVisit(pro, 'check')).toBe(false);
    expect(canVisit(COMPLETE, 'professional')).toBe(false);
  });

  it('never shows a page ahead of the questions not answered', () => {
    const a: ReportAnswers = { about: 'adult', danger: 'no' };
    expect(canVisit(a, 'danger')).toBe(true);
    expect(canVisit(a, 'who')).toBe(true);
    expect(canVisit(a, 'happening')).toBe(false);
    expect(canVisit(a, 'check')).toBe(false);
    expect(canVisit(a, 'call-999')).toBe(false);
    expect(canVisit({ ...a, danger: 'yes' }, 'call-999')).toBe(true);
    for (const page of REPORT_PAGES) if (page !== 'professional' && page !== 'call-999') expect(canVisit(COMPLETE, page)).toBe(true);
  });

  it('goes from each page to the next; danger "yes" to Call 999 now; from "check" back to check', () => {
    expect(nextPage({ about: 'child', danger: 'yes' }, 'danger')).toBe('call-999');
    expect(nextPage({ about: 'child', danger: 'no' }, 'danger')).toBe('who');
    expect(nextPage({ about: 'child', danger: 'yes' }, 'call-999')).toBe('who');
    expect(nextPage({ about: 'child', danger: 'no', who: 'professional' }, 'who')).toBe('professional');
    expect(nextPage({ about: 'child', danger: 'no', who: 'self' }, 'who')).toBe('happening');
    expect(nextPage(COMPLETE, 'happening')).toBe('subject');
    expect(nextPage(COMPLETE, 'subject')).toBe('about-you');
    expect(nextPage(COMPLETE, 'about-you')).toBe('contact');
    expect(nextPage(COMPLETE, 'contact')).toBe('check');
    expect(nextPage(COMPLETE, 'happening', true)).toBe('check');
    expect(nextPage({ ...COMPLETE, danger: 'yes' }, 'danger', true)).toBe('call-999');
    expect(nextPage({ ...COMPLETE, danger: 'yes' }, 'call-999', true)).toBe('check');
    expect(nextPage({ ...COMPLETE, who: 'professional' }, 'who', true)).toBe('professional');
  });

  it('links back one page, to Call 999 now when it was shown, and to check when changing an answer', () => {
    expect(previousPage(COMPLETE, 'danger')).toBeNull();
    expect(previousPage(COMPLETE, 'who')).toBe('danger');
    expect(previousPage({ ...COMPLETE, danger: 'yes' }, 'who')).toBe('call-999');
    expect(previousPage(COMPLETE, 'call-999')).toBe('danger');
    expect(previousPage(COMPLETE, 'professional')).toBe('who');
    expect(previousPage(COMPLETE, 'happening')).toBe('who');
    expect(previousPage(COMPLETE, 'subject')).toBe('happening');
    expect(previousPage(COMPLETE, 'about-you')).toBe('subject');
    expect(previousPage(COMPLETE, 'contact')).toBe('about-you');
    expect(previousPage(COMPLETE, 'check')).toBe('contact');
    expect(previousPage(COMPLETE, 'subject', true)).toBe('check');
    expect(previousPage({ ...COMPLETE, subject: undefined }, 'happening', true)).toBe('who');
  });

  it('shows the answers given in each page’s form', () => {
    expect(formValues(COMPLETE, 'danger')).toEqual({ danger: 'no' });
    expect(formValues(COMPLETE, 'who')).toEqual({ who: 'neighbour' });
    expect(formValues(COMPLETE, 'happening').happening).toBe(COMPLETE.happening);
    expect(formValues(COMPLETE, 'subject')).toMatchObject({ givenNames: 'Kuba', age: '7', nameUnknown: '' });
    expect(formValues(COMPLETE, 'about-you')).toEqual({ giveName: 'no', reporterName: '', relationship: 'Mieszkam obok' });
    expect(formValues(COMPLETE, 'contact')).toMatchObject({ contactMe: 'no' });
    expect(formValues({ about: 'adult' }, 'subject')).toEqual({});
    expect(formValues({ about: 'adult' }, 'danger')).toEqual({ danger: '' });
  });
});

describe('what each page accepts', () => {
  it('yes/no and who: one of the choices', () => {
    expect(parsePage('danger', 'child', { danger: 'yes' }, TODAY)).toEqual({ ok: true, value: { danger: 'yes' } });
    expect(codes(parsePage('danger', 'child', {}, TODAY))).toEqual(['danger:required']);
    expect(codes(parsePage('danger', 'child', { danger: 'maybe' }, TODAY))).toEqual(['danger:required']);
    expect(parsePage('who', 'child', { who: 'self' }, TODAY)).toEqual({ ok: true, value: { who: 'self' } });
    expect(codes(parsePage('who', 'child', { who: 'police' }, TODAY))).toEqual(['who:required']);
  });

  it('what is happening: required, up to 5,000 characters, any language and line breaks, no markup', () => {
    expect(parsePage('happening', 'child', { happening: 'Dziecko płacze.\r\nالطفل يبكي' }, TODAY)).toEqual({ ok: true, value: { happening: 'Dziecko płacze.\r\nالطفل يبكي' } });
    expect(codes(parsePage('happening', 'child', { happening: '   ' }, TODAY))).toEqual(['happening:required']);
    expect(parsePage('happening', 'child', { happening: 'x'.repeat(5_000) }, TODAY).ok).toBe(true);
    const long = parsePage('happening', 'child', { happening: 'x'.repeat(5_001) }, TODAY);
    expect(long).toEqual({ ok: false, errors: [{ field: 'happening', key: 'report.errors.happening.tooLong', params: { max: '5,000' } }] });
    expect(codes(parsePage('happening', 'child', { happening: 'see <script>x</script>' }, TODAY))).toEqual(['happening:characters']);
    expect(codes(parsePage('happening', 'child', { happening: 'bell\u0007' }, TODAY))).toEqual(['happening:characters']);
    expect(parsePage('happening', 'child', { happening: 'he is < 5 years old <3' }, TODAY).ok).toBe(true);
  });

  it('who it is about: everything optional, names as names, an age or a real date of birth that fits a child or an adult', () => {
    expect(parsePage('subject', 'child', {}, TODAY)).toMatchObject({ ok: true, value: { subject: { givenNames: '', age: '', school: '' } } });
    const ok = parsePage('subject', 'child', { givenNames: ' Zoë ', familyName: 'Nowak-Wiśniewska', age: '7', school: 'Fernmoor Primary', address: 'Elm Road' }, TODAY);
    expect(ok).toMatchObject({ ok: true, value: { subject: { givenNames: 'Zoë', familyName: 'Nowak-Wiśniewska', school: 'Fernmoor Primary' } } });
    // An adult is not asked about a school.
    expect(parsePage('subject', 'adult', { school: 'Anything' }, TODAY)).toMatchObject({ ok: true, value: { subject: { school: '' } } });
    expect(codes(parsePage('subject', 'child', { givenNames: 'R2D2' }, TODAY))).toEqual(['givenNames:characters']);
    expect(codes(parsePage('subject', 'child', { familyName: 'a'.repeat(101) }, TODAY))).toEqual(['familyName:tooLong']);
    expect(codes(parsePage('subject', 'child', { givenNames: 'Kuba', nameUnknown: 'yes' }, TODAY))).toEqual(['givenNames:nameAndUnknown']);
    expect(parsePage('subject', 'child', { nameUnknown: 'yes' }, TODAY)).toMatchObject({ ok: true, value: { subject: { nameUnknown: true } } });
    expect(codes(parsePage('subject', 'child', { age: 'seven' }, TODAY))).toEqual(['age:number']);
    expect(codes(parsePage('subject', 'child', { age: '18' }, TODAY))).toEqual(['age:child']);
    expect(codes(parsePage('subject', 'adult', { age: '17' }, TODAY))).toEqual(['age:adult']);
    expect(codes(parsePage('subject', 'adult', { age: '121' }, TODAY))).toEqual(['age:adult']);
    expect(parsePage('subject', 'child', { age: '0' }, TODAY).ok).toBe(true);
    expect(parsePage('subject', 'child', { dobDay: '27', dobMonth: '3', dobYear: '2019' }, TODAY).ok).toBe(true);
    expect(codes(parsePage('subject', 'child', { dobDay: '27', dobMonth: '3' }, TODAY))).toEqual(['dobDay:incomplete']);
    expect(codes(parsePage('subject', 'child', { dobDay: '31', dobMonth: '2', dobYear: '2019' }, TODAY))).toEqual(['dobDay:invalid']);
    expect(codes(parsePage('subject', 'child', { dobDay: '1', dobMonth: '1', dobYear: '19' }, TODAY))).toEqual(['dobDay:invalid']);
    expect(codes(parsePage('subject', 'child', { dobDay: 'a', dobMonth: '1', dobYear: '2019' }, TODAY))).toEqual(['dobDay:invalid']);
    expect(codes(parsePage('subject', 'child', { dobDay: '11', dobMonth: '3', dobYear: '2026' }, TODAY))).toEqual(['dobDay:future']);
    expect(codes(parsePage('subject', 'adult', { dobDay: '1', dobMonth: '1', dobYear: '1899' }, TODAY))).toEqual(['dobDay:tooOld']);
    expect(codes(parsePage('subject', 'child', { dobDay: '10', dobMonth: '3', dobYear: '2008' }, TODAY))).toEqual(['dobDay:child']);
    expect(parsePage('subject', 'child', { dobDay: '11', dobMonth: '3', dobYear: '2008' }, TODAY).ok).toBe(true);
    expect(codes(parsePage('subject', 'adult', { dobDay: '11', dobMonth: '3', dobYear: '2008' }, TODAY))).toEqual(['dobDay:adult']);
    expect(codes(parsePage('subject', 'child', { address: 'a'.repeat(201) }, TODAY))).toEqual(['address:tooLong']);
    expect(codes(parsePage('subject', 'child', { address: 'line one\nline two' }, TODAY))).toEqual(['address:characters']);
    expect(codes(parsePage('subject', 'child', { school: '<b>School</b>' }, TODAY))).toEqual(['school:characters']);
  });

  it('about you: anonymous allowed; a name when they choose to give it', () => {
    expect(parsePage('about-you', 'child', { giveName: 'no', reporterName: 'ignored' }, TODAY)).toEqual({ ok: true, value: { aboutYou: { giveName: 'no', name: '', relationship: '' } } });
    expect(parsePage('about-you', 'child', { giveName: 'yes', reporterName: ' Ana Popescu ' }, TODAY)).toMatchObject({ ok: true, value: { aboutYou: { name: 'Ana Popescu' } } });
    expect(codes(parsePage('about-you', 'child', {}, TODAY))).toEqual(['giveName:required']);
    expect(codes(parsePage('about-you', 'child', { giveName: 'yes' }, TODAY))).toEqual(['reporterName:required']);
    expect(codes(parsePage('about-you', 'child', { giveName: 'yes', reporterName: '12345' }, TODAY))).toEqual(['reporterName:characters']);
    expect(codes(parsePage('about-you', 'child', { giveName: 'no', relationship: 'r'.repeat(201) }, TODAY))).toEqual(['relationship:tooLong']);
  });

  it('can we contact you: a way, and whether each is safe; "no" keeps nothing', () => {
    expect(parsePage('contact', 'child', { contactMe: 'no', phone: '07700 900 982' }, TODAY)).toEqual({ ok: true, value: { contact: { contactMe: 'no', phone: '', phoneSafe: '', email: '', emailSafe: '', when: '' } } });
    expect(codes(parsePage('contact', 'child', {}, TODAY))).toEqual(['contactMe:required']);
    expect(codes(parsePage('contact', 'child', { contactMe: 'yes' }, TODAY))).toEqual(['phone:oneWay']);
    expect(codes(parsePage('contact', 'child', { contactMe: 'yes', phone: 'call me' }, TODAY))).toEqual(['phone:invalid']);
    expect(codes(parsePage('contact', 'child', { contactMe: 'yes', phone: '07700 900 982' }, TODAY))).toEqual(['phoneSafe:required']);
    expect(codes(parsePage('contact', 'child', { contactMe: 'yes', email: 'not-an-email' }, TODAY))).toEqual(['email:invalid']);
    expect(codes(parsePage('contact', 'child', { contactMe: 'yes', email: 'a@example.org' }, TODAY))).toEqual(['emailSafe:required']);
    expect(codes(parsePage('contact', 'child', { contactMe: 'yes', email: 'a@example.org', emailSafe: 'yes', when: 'x'.repeat(201) }, TODAY))).toEqual(['when:tooLong']);
    const both = parsePage('contact', 'child', { contactMe: 'yes', phone: '+44 7700 900982', phoneSafe: 'no', email: 'a@example.org', emailSafe: 'yes', when: 'Weekdays after 3pm', phoneSafeExtra: 'x' }, TODAY);
    expect(both).toEqual({ ok: true, value: { contact: { contactMe: 'yes', phone: '+44 7700 900982', phoneSafe: 'no', email: 'a@example.org', emailSafe: 'yes', when: 'Weekdays after 3pm' } } });
    // A "safe" answer with no number is dropped.
    expect(parsePage('contact', 'child', { contactMe: 'yes', email: 'a@example.org', emailSafe: 'no', phoneSafe: 'yes' }, TODAY)).toMatchObject({ ok: true, value: { contact: { phoneSafe: '' } } });
  });

  it('every error key is listed for the catalogue test', () => {
    const pages = QUESTION_PAGES;
    expect(pages.length).toBe(6);
    expect(new Set(ERROR_KEYS).size).toBe(ERROR_KEYS.length);
    expect(ERROR_KEYS).toContain('report.errors.happening.tooLong');
    expect(ERROR_KEYS.every((k) => /^report\.errors\.[a-zA-Z]+\.[a-zA-Z]+$/.test(k))).toBe(true);
  });
});

describe('check your answers', () => {
  it('lists the answers in order, the reporter’s words as written, with the page each changes on', () => {
    const rows = checkRows({ ...COMPLETE, contact: { contactMe: 'yes', phone: '07700 900 982', phoneSafe: 'no', email: 'a@example.org', emailSafe: 'yes', when: 'Po 15:00' } });
    expect(rows.map((r) => r.key.split('.').pop())).toEqual(['about', 'danger', 'who', 'happening', 'name', 'age', 'address', 'school', 'reporterName', 'relationship', 'contactMe', 'phone', 'email', 'when']);
    const by = Object.fromEntries(rows.map((r) => [r.key.split('.').pop(), r]));
    expect(by.about).toEqual({ key: 'report.check.rows.about', value: { key: 'report.start.about.child' }, page: null });
    expect(by.danger!.value).toEqual({ key: 'common.no' });
    expect(by.who!.value).toEqual({ key: 'report.who.options.neighbour' });
    expect(by.happening).toEqual({ key: 'report.check.rows.happening', value: { text: COMPLETE.happening }, page: 'happening' });
    expect(by.name!.value).toEqual({ text: 'Kuba' });
    expect(by.age!.value).toEqual({ key: 'report.check.age', params: { age: '7' } });
    expect(by.school!.value).toEqual({ key: 'report.check.notKnown' });
    expect(by.reporterName!.value).toEqual({ key: 'report.check.anonymous' });
    expect(by.phone!.value).toEqual({ lines: [{ text: '07700 900 982' }, { key: 'report.check.notSafeToPhone' }] });
    expect(by.email!.value).toEqual({ lines: [{ text: 'a@example.org' }, { key: 'report.check.safeToEmail' }] });
    expect(by.when!.value).toEqual({ text: 'Po 15:00' });
  });

  it('says what is not known, and gives both an age and a date of birth when both were given', () => {
    const adult: ReportAnswers = { ...COMPLETE, about: 'adult', subject: { ...SUBJECT, givenNames: '', age: '80', dobDay: '1', dobMonth: '2', dobYear: '1946', address: '' }, aboutYou: { giveName: 'yes', name: 'Ana', relationship: '' } };
    const by = Object.fromEntries(checkRows(adult).map((r) => [r.key.split('.').pop(), r]));
    expect(by.name!.value).toEqual({ key: 'report.check.notKnown' });
    expect(by.address!.value).toEqual({ key: 'report.check.notKnown' });
    expect(by.school).toBeUndefined();
    expect(by.relationship).toBeUndefined();
    expect(by.reporterName!.value).toEqual({ text: 'Ana' });
    expect(by.age!.value).toEqual({ lines: [{ key: 'report.check.age', params: { age: '80' } }, { key: 'report.check.dateOfBirth', params: { day: '1', month: '2', year: '1946' } }] });
    expect(by.contactMe!.value).toEqual({ key: 'common.no' });
    expect(by.phone).toBeUndefined();
    expect(checkRows({ about: 'child' })).toHaveLength(1);
  });
});

describe('what the front door receives', () => {
  it('the source of referral follows who the reporter is; an anonymous member of the public is "9 Anonymous"', () => {
    expect(sourceCode({ who: 'family' })).toBe('1A');
    expect(sourceCode({ who: 'neighbour', aboutYou: { giveName: 'no', name: '', relationship: '' } })).toBe('1B');
    expect(sourceCode({ who: 'self' })).toBe('1C');
    expect(sourceCode({ who: 'public', aboutYou: { giveName: 'yes', name: 'Ana', relationship: '' } })).toBe('1D');
    expect(sourceCode({ who: 'public', aboutYou: { giveName: 'no', name: '', relationship: '' } })).toBe('9');
    expect(sourceCode({})).toBe('9');
  });

  it('contacts the reporter only in the ways they chose and said are safe', () => {
    expect(contactAllowed(COMPLETE)).toEqual({ phone: null, email: null });
    expect(contactAllowed({ ...COMPLETE, contact: { contactMe: 'yes', phone: '07700 900 982', phoneSafe: 'no', email: 'a@example.org', emailSafe: 'yes', when: '' } })).toEqual({ phone: null, email: 'a@example.org' });
    expect(contactAllowed({ ...COMPLETE, contact: { contactMe: 'yes', phone: '07700 900 982', phoneSafe: 'yes', email: '', emailSafe: '', when: '' } })).toEqual({ phone: '07700 900 982', email: null });
    expect(contactAllowed({ about: 'child' })).toEqual({ phone: null, email: null });
  });

  it('composes the narrative under English labels with the answers verbatim and a note of the language', () => {
    const n = composeNarrative(COMPLETE, 'Polish');
    expect(n.split('\n')[0]).toBe('Reported on the public website in Polish; the answers are the reporter’s own words, not translated.');
    expect(n).toContain('About: a child');
    expect(n).toContain('Is anyone in danger right now: No');
    expect(n).toContain('Who is reporting: Neighbour or friend');
    expect(n).toContain(`What is happening:\n${COMPLETE.happening}\n`);
    expect(n).toContain('Name: Kuba');
    expect(n).toContain('Age: 7');
    expect(n).toContain('Date of birth: Not known');
    expect(n).toContain('Address or area: ul. Lipowa, Fernmoor FM1 2AB');
    expect(n).toContain('School or college: Not known');
    expect(n).toContain('Name: Not given (anonymous)');
    expect(n).toContain('How they know the person: Mieszkam obok');
    expect(n).toContain('Can we contact you: No. Do not contact the reporter.');
    expect(composeNarrative(COMPLETE, 'English').split('\n')[0]).toBe('Reported on the public website in English; the answers are the reporter’s own words.');
  });

  it('leaves out a number the reporter said it is not safe to use', () => {
    const n = composeNarrative({ ...COMPLETE, about: 'adult', danger: 'yes', aboutYou: { giveName: 'yes', name: 'Ana', relationship: '' }, contact: { contactMe: 'yes', phone: '07700 900 982', phoneSafe: 'no', email: 'a@example.org', emailSafe: 'yes', when: 'mornings' } }, 'Romanian');
    expect(n).toContain('About: an adult');
    expect(n).toContain('Is anyone in danger right now: Yes');
    expect(n).not.toContain('School or college');
    expect(n).toContain('Name: Ana');
    expect(n).toContain('Phone: given, but it is not safe to phone. Do not phone.');
    expect(n).not.toContain('07700 900 982');
    expect(n).toContain('Email: a@example.org (safe to email: Yes)');
    expect(n).toContain('When it is safe: mornings');
    const unsafeEmail = composeNarrative({ ...COMPLETE, contact: { contactMe: 'yes', phone: '07700 900 982', phoneSafe: 'yes', email: 'a@example.org', emailSafe: 'no', when: '' } }, 'Polish');
    expect(unsafeEmail).toContain('Phone: 07700 900 982 (safe to phone: Yes)');
    expect(unsafeEmail).not.toContain('a@example.org');
  });

  it('names the person as far as known: "Not known" names, a date of birth or one estimated from an age, a postcode found in the address', () => {
    expect(subjectFacts(COMPLETE, TODAY)).toEqual({ givenNames: 'Kuba', familyName: 'Not known', dateOfBirth: '2019-03-10', dobPrecision: 'estimated', addressLine1: 'ul. Lipowa, Fernmoor FM1 2AB', postcode: 'FM1 2AB', school: null });
    expect(subjectFacts({ ...COMPLETE, subject: { ...SUBJECT, age: '', dobDay: '5', dobMonth: '6', dobYear: '2018', school: 'Fernmoor Primary', address: '' } }, TODAY)).toMatchObject({ dateOfBirth: '2018-06-05', dobPrecision: 'exact', addressLine1: null, postcode: null, school: 'Fernmoor Primary' });
    expect(subjectFacts({ about: 'adult' }, TODAY)).toMatchObject({ givenNames: 'Not known', familyName: 'Not known', dateOfBirth: null });
    expect(subjectFacts({ ...COMPLETE, subject: { ...SUBJECT, age: '6' } }, '2024-02-29').dateOfBirth).toBe('2018-02-28');
    expect(findPostcode('near the park, sw1a1aa')).toBe('SW1A 1AA');
    expect(findPostcode('no postcode here')).toBeNull();
  });
});
