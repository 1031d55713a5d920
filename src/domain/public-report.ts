/**
 * Report a concern on the public website (issue 18): the question pages as data — their order, which page follows
 * which answer, what each page accepts (errors are message keys, so they can be translated), the "check your
 * answers" rows, the contact's narrative (the answers verbatim under English labels) and the CIN source code.
 * Nothing here is translated or machine-translated: the reporter's words are kept as they wrote them.
 */
import { normalisePostcode } from './identifiers.js';
import { containsControlCharacters, containsMarkup, isPlausibleName, tidy } from './text.js';
import { ageOn, isRealDate, formatLocalDate, type LocalDate } from './time.js';

export type ReportAbout = 'child' | 'adult';
export type YesNo = 'yes' | 'no';
export const REPORTER_KINDS = ['public', 'family', 'neighbour', 'self', 'professional'] as const;
export type ReporterKind = (typeof REPORTER_KINDS)[number];

export interface SubjectAnswers {
  givenNames: string;
  familyName: string;
  /** Ticked "I do not know their name". */
  nameUnknown: boolean;
  age: string;
  dobDay: string;
  dobMonth: string;
  dobYear: string;
  address: string;
  /** Only asked about a child. */
  school: string;
}

export interface AboutYouAnswers {
  giveName: YesNo;
  name: string;
  relationship: string;
}

export interface ContactAnswers {
  contactMe: YesNo;
  phone: string;
  phoneSafe: YesNo | '';
  email: string;
  emailSafe: YesNo | '';
  when: string;
}

/** Everything a reporter has answered so far (kept sealed in the draft between pages). */
export interface ReportAnswers {
  about: ReportAbout;
  danger?: YesNo;
  who?: ReporterKind;
  happening?: string;
  subject?: SubjectAnswers;
  aboutYou?: AboutYouAnswers;
  contact?: ContactAnswers;
}

// ——— pages ———

/** The question pages in order (each one question, one form). */
export const QUESTION_PAGES = ['danger', 'who', 'happening', 'subject', 'about-you', 'contact'] as const;
export type QuestionPage = (typeof QUESTION_PAGES)[number];
/** Pages that only tell the reporter something: call 999 now; professionals use their agency's route. */
export const INFO_PAGES = ['call-999', 'professional'] as const;
export type InfoPage = (typeof INFO_PAGES)[number];
export type ReportPage = QuestionPage | InfoPage | 'check';
export const REPORT_PAGES: readonly ReportPage[] = [...QUESTION_PAGES, ...INFO_PAGES, 'check'];

export function isReportPage(value: string): value is ReportPage {
  return (REPORT_PAGES as readonly string[]).includes(value);
}

export function isQuestionPage(value: string): value is QuestionPage {
  return (QUESTION_PAGES as readonly string[]).includes(value);
}

function answered(answers: ReportAnswers, page: QuestionPage): boolean {
  switch (page) {
    case 'danger':
      return answers.danger !== undefined;
    case 'who':
      return answers.who !== undefined;
    case 'happening':
      return answers.happening !== undefined;
    case 'subject':
      return answers.subject !== undefined;
    case 'about-you':
      return answers.aboutYou !== undefined;
    case 'contact':
      return answers.contact !== undefined;
  }
}

/**
 * Where the reporter is up to: the first question not answered yet, the professional page when they said they are
 * a professional (a report from a professional goes through their agency), else "check".
 */
export function currentPage(answers: ReportAnswers): QuestionPage | 'professional' | 'check' {
  for (const page of QUESTION_PAGES) {
    if (!answered(answers, page)) return page;
    if (page === 'who' && answers.who === 'professional') return 'professional';
  }
  return 'check';
}

export function isComplete(answers: ReportAnswers): boolean {
  return currentPage(answers) === 'check';
}

/** Whether a page may be shown now: never ahead of the questions not yet answered. */
export function canVisit(answers: ReportAnswers, page: ReportPage): boolean {
  if (page === 'call-999') return answers.danger === 'yes';
  if (page === 'professional') return answers.who === 'professional';
  const at = currentPage(answers);
  if (page === 'check') return at === 'check';
  const limit = at === 'check' ? QUESTION_PAGES.length : at === 'professional' ? QUESTION_PAGES.indexOf('who') : QUESTION_PAGES.indexOf(at);
  return QUESTION_PAGES.indexOf(page) <= limit;
}

/**
 * The page after a question is answered. "Is anyone in danger?" yes goes to "Call 999 now" before anything else;
 * a professional goes to the professional page; coming from "Check your answers" goes back there once every
 * question is answered.
 */
export function nextPage(answers: ReportAnswers, after: QuestionPage | 'call-999', fromCheck = false): ReportPage {
  if (after === 'danger' && answers.danger === 'yes') return 'call-999';
  if (after === 'who' && answers.who === 'professional') return 'professional';
  if (fromCheck && isComplete(answers)) return 'check';
  if (after === 'call-999') return 'who';
  const following: ReportPage | undefined = QUESTION_PAGES[QUESTION_PAGES.indexOf(after) + 1];
  return following ?? 'check';
}

/** The back link's page; `null` is the start page. */
export function previousPage(answers: ReportAnswers, page: ReportPage, fromCheck = false): ReportPage | null {
  if (fromCheck && page !== 'check' && isComplete(answers)) return 'check';
  switch (page) {
    case 'danger':
      return null;
    case 'call-999':
      return 'danger';
    case 'who':
      return answers.danger === 'yes' ? 'call-999' : 'danger';
    case 'professional':
      return 'who';
    case 'happening':
      return 'who';
    case 'subject':
      return 'happening';
    case 'about-you':
      return 'subject';
    case 'contact':
      return 'about-you';
    case 'check':
      return 'contact';
  }
}

// ——— limits and validation ———

export const LIMITS = {
  happening: 5_000,
  name: 100,
  address: 200,
  school: 200,
  relationship: 200,
  phone: 30,
  email: 254,
  when: 200,
} as const;

/** One problem with a page's answers: the field (the input's id) and the message's key in the `report` catalogue. */
export interface PageError {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: PageError[] };

/** A form's fields as strings (a field sent twice or not at all is ''). */
export type FormFields = Record<string, string>;

const E = (field: string, rule: string, params?: Record<string, string | number>): PageError => ({ field, key: `report.errors.${field}.${rule}`, ...(params ? { params } : {}) });

/** Free text: within its limit, no markup or control characters. `multiline` allows line breaks. */
function checkText(field: string, value: string, max: number, multiline: boolean): PageError | null {
  if (value.length > max) return E(field, 'tooLong', { max: max.toLocaleString('en-GB') });
  if (containsMarkup(value) || containsControlCharacters(value) || (!multiline && /[\r\n]/.test(value))) return E(field, 'characters');
  return null;
}

function checkName(field: string, value: string): PageError | null {
  if (value === '') return null;
  if (tidy(value).length > LIMITS.name) return E(field, 'tooLong', { max: LIMITS.name });
  if (!isPlausibleName(tidy(value))) return E(field, 'characters');
  return null;
}

function yesNo(value: string | undefined): YesNo | undefined {
  return value === 'yes' || value === 'no' ? value : undefined;
}

const PHONE = /^\+?[\d ()-]{6,30}$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** What a question page's form accepts. `today` (London) bounds a date of birth. */
export function parsePage(page: QuestionPage, about: ReportAbout, f: FormFields, today: LocalDate): Parsed<Partial<ReportAnswers>> {
  const v = (name: string) => f[name] ?? '';
  const errors: PageError[] = [];
  const push = (e: PageError | null) => {
    if (e) errors.push(e);
  };
  switch (page) {
    case 'danger': {
      const danger = yesNo(v('danger'));
      if (!danger) return { ok: false, errors: [E('danger', 'required')] };
      return { ok: true, value: { danger } };
    }
    case 'who': {
      const who = (REPORTER_KINDS as readonly string[]).includes(v('who')) ? (v('who') as ReporterKind) : undefined;
      if (!who) return { ok: false, errors: [E('who', 'required')] };
      return { ok: true, value: { who } };
    }
    case 'happening': {
      const happening = v('happening');
      if (happening.trim() === '') return { ok: false, errors: [E('happening', 'required')] };
      push(checkText('happening', happening, LIMITS.happening, true));
      return errors.length ? { ok: false, errors } : { ok: true, value: { happening } };
    }
    case 'subject': {
      const subject: SubjectAnswers = {
        givenNames: v('givenNames').trim(),
        familyName: v('familyName').trim(),
        nameUnknown: v('nameUnknown') === 'yes',
        age: v('age').trim(),
        dobDay: v('dobDay').trim(),
        dobMonth: v('dobMonth').trim(),
        dobYear: v('dobYear').trim(),
        address: v('address').trim(),
        school: about === 'child' ? v('school').trim() : '',
      };
      push(checkName('givenNames', subject.givenNames));
      push(checkName('familyName', subject.familyName));
      if (subject.nameUnknown && (subject.givenNames || subject.familyName)) push(E('givenNames', 'nameAndUnknown'));
      if (subject.age !== '') {
        const [min, max] = about === 'child' ? [0, 17] : [18, 120];
        if (!/^\d{1,3}$/.test(subject.age)) push(E('age', 'number'));
        else if (Number(subject.age) < min || Number(subject.age) > max) push(E('age', about === 'child' ? 'child' : 'adult'));
      }
      push(checkDateOfBirth(subject, about, today));
      push(checkText('address', subject.address, LIMITS.address, false));
      push(checkText('school', subject.school, LIMITS.school, false));
      return errors.length ? { ok: false, errors } : { ok: true, value: { subject } };
    }
    case 'about-you': {
      const giveName = yesNo(v('giveName'));
      const aboutYou: AboutYouAnswers = { giveName: giveName ?? 'no', name: giveName === 'yes' ? v('reporterName').trim() : '', relationship: v('relationship').trim() };
      if (!giveName) push(E('giveName', 'required'));
      else if (giveName === 'yes' && aboutYou.name === '') push(E('reporterName', 'required'));
      else push(checkName('reporterName', aboutYou.name));
      push(checkText('relationship', aboutYou.relationship, LIMITS.relationship, false));
      return errors.length ? { ok: false, errors } : { ok: true, value: { aboutYou } };
    }
    case 'contact': {
      const contactMe = yesNo(v('contactMe'));
      if (!contactMe) return { ok: false, errors: [E('contactMe', 'required')] };
      if (contactMe === 'no') return { ok: true, value: { contact: { contactMe, phone: '', phoneSafe: '', email: '', emailSafe: '', when: '' } } };
      const contact: ContactAnswers = { contactMe, phone: v('phone').trim(), phoneSafe: yesNo(v('phoneSafe')) ?? '', email: v('email').trim(), emailSafe: yesNo(v('emailSafe')) ?? '', when: v('when').trim() };
      if (!contact.phone && !contact.email) push(E('phone', 'oneWay'));
      if (contact.phone) {
        if (contact.phone.length > LIMITS.phone || !PHONE.test(contact.phone)) push(E('phone', 'invalid'));
        else if (!contact.phoneSafe) push(E('phoneSafe', 'required'));
      } else contact.phoneSafe = '';
      if (contact.email) {
        if (contact.email.length > LIMITS.email || !EMAIL.test(contact.email)) push(E('email', 'invalid'));
        else if (!contact.emailSafe) push(E('emailSafe', 'required'));
      } else contact.emailSafe = '';
      push(checkText('when', contact.when, LIMITS.when, false));
      return errors.length ? { ok: false, errors } : { ok: true, value: { contact } };
    }
  }
}

function checkDateOfBirth(s: SubjectAnswers, about: ReportAbout, today: LocalDate): PageError | null {
  const parts = [s.dobDay, s.dobMonth, s.dobYear];
  if (parts.every((p) => p === '')) return null;
  if (parts.some((p) => p === '')) return E('dobDay', 'incomplete');
  if (!parts.every((p) => /^\d{1,4}$/.test(p)) || s.dobYear.length !== 4) return E('dobDay', 'invalid');
  const [d, m, y] = parts.map(Number) as [number, number, number];
  if (!isRealDate(y, m, d)) return E('dobDay', 'invalid');
  const dob = formatLocalDate(y, m, d);
  if (dob > today) return E('dobDay', 'future');
  if (y < 1900) return E('dobDay', 'tooOld');
  const age = ageOn(dob, today);
  if (about === 'child' && age >= 18) return E('dobDay', 'child');
  if (about === 'adult' && age < 18) return E('dobDay', 'adult');
  return null;
}

/** The date of birth as given (YYYY-MM-DD), when all three parts were. */
export function dateOfBirth(s: SubjectAnswers): LocalDate | null {
  if (!s.dobDay || !s.dobMonth || !s.dobYear) return null;
  return formatLocalDate(Number(s.dobYear), Number(s.dobMonth), Number(s.dobDay));
}

/** What a page's form shows: the answers given so far, as the form's fields. */
export function formValues(answers: ReportAnswers, page: QuestionPage): FormFields {
  switch (page) {
    case 'danger':
      return { danger: answers.danger ?? '' };
    case 'who':
      return { who: answers.who ?? '' };
    case 'happening':
      return { happening: answers.happening ?? '' };
    case 'subject': {
      const s = answers.subject;
      return s ? { ...s, nameUnknown: s.nameUnknown ? 'yes' : '' } : {};
    }
    case 'about-you': {
      const a = answers.aboutYou;
      return a ? { giveName: a.giveName, reporterName: a.name, relationship: a.relationship } : {};
    }
    case 'contact':
      return answers.contact ? { ...answers.contact } : {};
  }
}

// ——— check your answers ———

/** A row's value: the reporter's own words (shown as written, in the page's language) or a message key. */
export type RowValue = { text: string } | { key: string; params?: Record<string, string> } | { lines: RowValue[] };

export interface CheckRow {
  /** The row's label (a message key). */
  key: string;
  value: RowValue;
  /** The page its Change link opens (none for "about"). */
  page: QuestionPage | null;
}

const words = (text: string): RowValue => ({ text });
const msg = (key: string, params?: Record<string, string>): RowValue => ({ key, ...(params ? { params } : {}) });

/** The rows of "Check your answers", in the order asked. */
export function checkRows(a: ReportAnswers): CheckRow[] {
  const rows: CheckRow[] = [{ key: 'report.check.rows.about', value: msg(`report.start.about.${a.about}`), page: null }];
  if (a.danger) rows.push({ key: 'report.check.rows.danger', value: msg(`common.${a.danger}`), page: 'danger' });
  if (a.who) rows.push({ key: 'report.check.rows.who', value: msg(`report.who.options.${a.who}`), page: 'who' });
  if (a.happening !== undefined) rows.push({ key: 'report.check.rows.happening', value: words(a.happening), page: 'happening' });
  const s = a.subject;
  if (s) {
    const name = [s.givenNames, s.familyName].filter(Boolean).join(' ');
    rows.push({ key: 'report.check.rows.name', value: name ? words(name) : msg('report.check.notKnown'), page: 'subject' });
    const dob = dateOfBirth(s);
    const ageLines: RowValue[] = [];
    if (s.age) ageLines.push(msg('report.check.age', { age: s.age }));
    if (dob) ageLines.push(msg('report.check.dateOfBirth', { day: s.dobDay, month: s.dobMonth, year: s.dobYear }));
    rows.push({ key: 'report.check.rows.age', value: ageLines.length === 0 ? msg('report.check.notKnown') : ageLines.length === 1 ? ageLines[0]! : { lines: ageLines }, page: 'subject' });
    rows.push({ key: 'report.check.rows.address', value: s.address ? words(s.address) : msg('report.check.notKnown'), page: 'subject' });
    if (a.about === 'child') rows.push({ key: 'report.check.rows.school', value: s.school ? words(s.school) : msg('report.check.notKnown'), page: 'subject' });
  }
  const y = a.aboutYou;
  if (y) {
    rows.push({ key: 'report.check.rows.reporterName', value: y.giveName === 'yes' ? words(y.name) : msg('report.check.anonymous'), page: 'about-you' });
    if (y.relationship) rows.push({ key: 'report.check.rows.relationship', value: words(y.relationship), page: 'about-you' });
  }
  const c = a.contact;
  if (c) {
    rows.push({ key: 'report.check.rows.contactMe', value: msg(`common.${c.contactMe}`), page: 'contact' });
    if (c.contactMe === 'yes') {
      if (c.phone) rows.push({ key: 'report.check.rows.phone', value: { lines: [words(c.phone), msg(c.phoneSafe === 'yes' ? 'report.check.safeToPhone' : 'report.check.notSafeToPhone')] }, page: 'contact' });
      if (c.email) rows.push({ key: 'report.check.rows.email', value: { lines: [words(c.email), msg(c.emailSafe === 'yes' ? 'report.check.safeToEmail' : 'report.check.notSafeToEmail')] }, page: 'contact' });
      if (c.when) rows.push({ key: 'report.check.rows.when', value: words(c.when), page: 'contact' });
    }
  }
  return rows;
}

// ——— what the front door receives ———

/** CIN census source of referral from who the reporter is; an anonymous member of the public is "9 Anonymous". */
export function sourceCode(a: Pick<ReportAnswers, 'who' | 'aboutYou'>): string {
  switch (a.who) {
    case 'family':
      return '1A';
    case 'neighbour':
      return '1B';
    case 'self':
      return '1C';
    default:
      return a.aboutYou?.giveName === 'yes' ? '1D' : '9';
  }
}

/** How the reporter described themself, in English, for the contact (referrer's role). */
export const REPORTER_LABELS: Record<ReporterKind, string> = {
  public: 'Member of the public',
  family: 'Family member',
  neighbour: 'Neighbour or friend',
  self: 'The person themself',
  professional: 'Professional',
};

const yes = (v: YesNo | '' | undefined) => (v === 'yes' ? 'Yes' : v === 'no' ? 'No' : 'Not answered');

/** Whether we may phone / email the reporter: only when they chose to be contacted that way and said it is safe. */
export function contactAllowed(a: ReportAnswers): { phone: string | null; email: string | null } {
  const c = a.contact;
  if (!c || c.contactMe !== 'yes') return { phone: null, email: null };
  return { phone: c.phone && c.phoneSafe === 'yes' ? c.phone : null, email: c.email && c.emailSafe === 'yes' ? c.email : null };
}

/**
 * The contact's narrative: each answer under an English label, the reporter's words verbatim (never translated),
 * led by a note of the language they wrote in. A number the reporter said it is not safe to use is left out.
 */
export function composeNarrative(a: ReportAnswers, languageName: string): string {
  const lead =
    languageName === 'English'
      ? 'Reported on the public website in English; the answers are the reporter’s own words.'
      : `Reported on the public website in ${languageName}; the answers are the reporter’s own words, not translated.`;
  const lines: string[] = [lead, ''];
  lines.push(`About: ${a.about === 'child' ? 'a child' : 'an adult'}`);
  lines.push(`Is anyone in danger right now: ${yes(a.danger)}`);
  lines.push(`Who is reporting: ${a.who ? REPORTER_LABELS[a.who] : 'Not answered'}`);
  lines.push('', 'What is happening:', a.happening ?? '');
  const s = a.subject;
  lines.push('', `Who it is about:`);
  if (s) {
    const name = [s.givenNames, s.familyName].filter(Boolean).join(' ');
    lines.push(`Name: ${name || 'Not known'}`);
    lines.push(`Age: ${s.age || 'Not known'}`);
    lines.push(`Date of birth: ${dateOfBirth(s) ?? 'Not known'}`);
    lines.push(`Address or area: ${s.address || 'Not known'}`);
    if (a.about === 'child') lines.push(`School or college: ${s.school || 'Not known'}`);
  }
  const y = a.aboutYou;
  lines.push('', 'About the reporter:');
  lines.push(`Name: ${y?.giveName === 'yes' ? y.name : 'Not given (anonymous)'}`);
  if (y?.relationship) lines.push(`How they know the person: ${y.relationship}`);
  const c = a.contact;
  lines.push('', 'Contacting the reporter:');
  if (!c || c.contactMe !== 'yes') lines.push('Can we contact you: No. Do not contact the reporter.');
  else {
    const allowed = contactAllowed(a);
    lines.push('Can we contact you: Yes');
    if (c.phone) lines.push(allowed.phone ? `Phone: ${c.phone} (safe to phone: Yes)` : 'Phone: given, but it is not safe to phone. Do not phone.');
    if (c.email) lines.push(allowed.email ? `Email: ${c.email} (safe to email: Yes)` : 'Email: given, but it is not safe to email. Do not email.');
    if (c.when) lines.push(`When it is safe: ${c.when}`);
  }
  return lines.join('\n');
}

/** The subject as the front door names them: unknown names as "Not known"; a date of birth given, or estimated from an age. */
export function subjectFacts(a: ReportAnswers, today: LocalDate): { givenNames: string; familyName: string; dateOfBirth: LocalDate | null; dobPrecision: 'exact' | 'estimated'; addressLine1: string | null; postcode: string | null; school: string | null } {
  const s = a.subject;
  const dob = s ? dateOfBirth(s) : null;
  let estimated: LocalDate | null = null;
  if (!dob && s?.age && /^\d{1,3}$/.test(s.age)) {
    const year = Number(today.slice(0, 4)) - Number(s.age);
    estimated = `${String(year).padStart(4, '0')}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
  }
  return {
    givenNames: s?.givenNames ? tidy(s.givenNames) : 'Not known',
    familyName: s?.familyName ? tidy(s.familyName) : 'Not known',
    dateOfBirth: dob ?? estimated,
    dobPrecision: dob ? 'exact' : 'estimated',
    addressLine1: s?.address ? s.address : null,
    postcode: s?.address ? findPostcode(s.address) : null,
    school: a.about === 'child' && s?.school ? s.school : null,
  };
}

/** A UK postcode written in an address or area, normalised ("ab1 2cd" → "AB1 2CD"); null when none. */
export function findPostcode(text: string): string | null {
  const m = /\b([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b/i.exec(text);
  return m ? normalisePostcode(m[1]!) : null;
}

/** Every error key the pages can give (a test checks each is in the English catalogue). */
export const ERROR_KEYS: readonly string[] = [
  ...['danger', 'who', 'giveName', 'reporterName', 'contactMe', 'phoneSafe', 'emailSafe', 'happening'].map((f) => `report.errors.${f}.required`),
  ...['happening', 'givenNames', 'familyName', 'address', 'school', 'reporterName', 'relationship', 'when'].flatMap((f) => [`report.errors.${f}.tooLong`, `report.errors.${f}.characters`]),
  'report.errors.givenNames.nameAndUnknown',
  'report.errors.age.number',
  'report.errors.age.child',
  'report.errors.age.adult',
  ...['incomplete', 'invalid', 'future', 'tooOld', 'child', 'adult'].map((r) => `report.errors.dobDay.${r}`),
  'report.errors.phone.oneWay',
  'report.errors.phone.invalid',
  'report.errors.email.invalid',
];
