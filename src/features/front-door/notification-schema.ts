/**
 * A notification or referral as an agency's system sends it (API) or a police file holds it (bulk upload): one
 * schema for both, with messages that name the field. Typed so the OpenAPI document is generated from it; the
 * rules JSON Schema cannot say (NHS number check digit, real postcodes, plausible names, dates in order) are
 * refinements here.
 */
import { londonDate } from '../../domain/time.js';
import { z } from 'zod';
import { CONCERNS, CONSENT, CONTACT_SOURCES, CONTACT_TYPES, DOB_PRECISIONS, GENDERS, LAWFUL_BASES, SUBJECT_ROLES, type Code } from '../../domain/codes.js';
import { EXAMPLE_NHS_NUMBER, isValidNhsNumber, normaliseNhsNumber, normalisePostcode } from '../../domain/identifiers.js';
import { NOTIFICATION_TYPES, RISK_LEVELS } from '../../domain/intake.js';
import { CHILD_DA_ROLES, DA_ROLES, INCIDENT_TYPES } from '../../domain/domestic-abuse.js';
import { checklist, currentChecklist, unanswered } from '../../domain/dash.js';
import { containsControlCharacters, containsMarkup, isPlausibleName, tidy } from '../../domain/text.js';
import { isLocalDate } from '../../domain/time.js';

const codes = (list: readonly Code[]) => list.map((c) => c.code) as [string, ...string[]];

function oneOf(list: readonly Code[], label: string) {
  return z.enum(codes(list), { error: `${label} must be one of: ${codes(list).join(', ')}` });
}

function text(label: string, max: number, options: { multiline?: boolean } = {}) {
  return z
    .string({ error: `${label} must be text` })
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .refine((v) => !containsMarkup(v), `${label} must not contain HTML or script tags`)
    .refine((v) => !containsControlCharacters(v), `${label} must not contain control characters`)
    .refine((v) => options.multiline || !/[\r\n]/.test(v), `${label} must be on one line`);
}

function requiredText(label: string, max: number, options: { multiline?: boolean } = {}) {
  return text(label, max, options).refine((v) => v.trim() !== '', `Enter ${label.toLowerCase()}`);
}

function name(label: string) {
  return z
    .string({ error: `${label} must be text` })
    .refine((v) => v.trim() !== '', `Enter the ${label.toLowerCase()}`)
    .refine((v) => tidy(v).length <= 100, `${label} must be 100 characters or fewer`)
    .refine((v) => v.trim() === '' || isPlausibleName(tidy(v)), `${label} must only include letters, spaces, hyphens, apostrophes and full stops`);
}

const localDate = (label: string) =>
  z.string({ error: `${label} must be a date like 2016-09-30` }).refine(isLocalDate, `${label} must be a real date like 2016-09-30`);

const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label} must be a date and time with a time zone, like 2026-03-06T22:40:00Z` });

const postcode = (label: string) => z.string({ error: `${label} must be text` }).refine((v) => normalisePostcode(v) !== null, `${label} must be a real postcode, like SW1A 1AA`);

export const personSchema = z
  .strictObject({
    role: oneOf(SUBJECT_ROLES, 'Role'),
    givenNames: name('First name'),
    familyName: name('Last name'),
    dateOfBirth: localDate('Date of birth').optional(),
    dobPrecision: oneOf(DOB_PRECISIONS, 'Date of birth precision').optional(),
    gender: oneOf(GENDERS, 'Gender').optional(),
    nhsNumber: z.string({ error: 'NHS number must be text' }).refine(isValidNhsNumber, `NHS number must be a valid 10-digit NHS number, like ${EXAMPLE_NHS_NUMBER}`).optional(),
    address: z.strictObject({ line1: requiredText('Address line 1', 200), postcode: postcode('Postcode').optional() }).optional(),
    school: text('School', 200).optional(),
    daRole: oneOf(DA_ROLES, 'Role in the domestic abuse incident').optional(),
    riskLevel: oneOf(RISK_LEVELS, 'Risk level').optional(),
    childVoice: text('What the child said', 5_000, { multiline: true }).optional(),
    childDemeanour: text('How the child seemed', 5_000, { multiline: true }).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.role === 'subject_child') {
      if (!p.childVoice?.trim()) ctx.addIssue({ code: 'custom', path: ['childVoice'], message: 'Enter what the child said (the child’s voice), or that they were not spoken to and why' });
      if (!p.childDemeanour?.trim()) ctx.addIssue({ code: 'custom', path: ['childDemeanour'], message: 'Enter how the child seemed (their demeanour)' });
    }
    if (p.dobPrecision === 'unborn' && !p.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter the expected date of delivery for an unborn child' });
  });

export function notificationSchema(now: () => Date) {
  return z
    .strictObject({
      contactType: oneOf(CONTACT_TYPES, 'Contact type'),
      notificationType: oneOf(NOTIFICATION_TYPES, 'Notification type').optional(),
      sourceCode: oneOf(CONTACT_SOURCES, 'Source code').optional(),
      referrer: z
        .strictObject({
          name: name('Referrer’s name'),
          role: text('Referrer’s role', 100).optional(),
          phone: z.string({ error: 'Referrer’s phone number must be text' }).regex(/^[+\d][\d ()-]{5,24}$/, 'Referrer’s phone number must be a phone number, like 01632 960 001').optional(),
          email: z.email({ error: 'Referrer’s email address must be an email address, like name@example.org' }).max(254).optional(),
        })
        .optional(),
      receivedAt: instant('Received at').optional(),
      incident: z
        .strictObject({
          policeReference: requiredText('Police reference', 40).optional(),
          occurredAt: instant('Incident date and time').optional(),
          postcode: postcode('Incident postcode').optional(),
          place: text('Place', 200).optional(),
        })
        .optional(),
      riskLevel: oneOf(RISK_LEVELS, 'Risk level').optional(),
      domesticAbuse: z
        .strictObject({
          incidentType: oneOf(INCIDENT_TYPES, 'Incident type'),
          policeDash: z
            .strictObject({
              version: z.string({ error: 'DASH version must be text' }).refine((v) => checklist(v) !== undefined, 'DASH version must be one Threshold knows, like police-dash-2009').optional(),
              answers: z.record(z.string(), z.unknown(), { error: 'DASH answers must be an object of question ids to yes, no or not_known' }),
              victimWords: z.record(z.string(), text('The victim’s words', 2_000, { multiline: true }), { error: 'The victim’s words must be an object of question ids to text' }).optional(),
            })
            .optional(),
        })
        .optional(),
      concerns: z.array(oneOf(CONCERNS, 'Concern'), { error: 'Concerns must be a list of concern codes' }).min(1, 'Give at least one concern').max(CONCERNS.length),
      narrative: requiredText('What happened', 20_000, { multiline: true }),
      worriedAbout: text('What we are worried about', 10_000, { multiline: true }).optional(),
      workingWell: text('What is working well', 10_000, { multiline: true }).optional(),
      needsToHappen: text('What needs to happen', 10_000, { multiline: true }).optional(),
      consent: oneOf(CONSENT, 'Consent'),
      consentLawfulBasis: oneOf(LAWFUL_BASES, 'Lawful basis').optional(),
      consentReason: text('Reason for sharing without consent', 2_000, { multiline: true }).optional(),
      restricted: z.boolean({ error: 'Restricted must be true or false' }).optional(),
      people: z.array(personSchema, { error: 'People must be a list' }).min(1, 'Name at least one person').max(20, 'Name no more than 20 people in one notification'),
    })
    .superRefine((n, ctx) => {
      if (n.consent === 'overridden') {
        if (!n.consentLawfulBasis) ctx.addIssue({ code: 'custom', path: ['consentLawfulBasis'], message: 'Give the lawful basis for sharing without consent' });
        if (!n.consentReason?.trim()) ctx.addIssue({ code: 'custom', path: ['consentReason'], message: 'Give the reason for sharing without consent' });
      }
      const wanted = n.contactType === 'adult' ? 'subject_adult' : 'subject_child';
      if (!n.people.some((p) => p.role === wanted)) {
        ctx.addIssue({ code: 'custom', path: ['people'], message: n.contactType === 'adult' ? 'Name the adult the concern is about (role subject_adult)' : 'Name at least one child the contact is about (role subject_child)' });
      }
      const at = now();
      const received = n.receivedAt ? new Date(n.receivedAt) : at;
      if (received.getTime() > at.getTime() + 60_000) ctx.addIssue({ code: 'custom', path: ['receivedAt'], message: 'Received at must not be in the future' });
      const occurred = n.incident?.occurredAt ? new Date(n.incident.occurredAt) : null;
      if (occurred && occurred.getTime() > received.getTime()) ctx.addIssue({ code: 'custom', path: ['incident', 'occurredAt'], message: 'Incident date and time must be before it was received' });
      if (occurred && occurred.getUTCFullYear() < 1950) ctx.addIssue({ code: 'custom', path: ['incident', 'occurredAt'], message: 'Incident date and time must be after 1950' });
      // The day in London it was received (not the UTC date, a day behind from midnight to 1 a.m. in summer).
      const today = londonDate(received);
      if (n.domesticAbuse) {
        if (!n.incident?.occurredAt) ctx.addIssue({ code: 'custom', path: ['incident', 'occurredAt'], message: 'Give the incident date and time: a domestic abuse notification keeps the incident time apart from the time it was received' });
        if (!n.people.some((p) => p.daRole === 'victim')) ctx.addIssue({ code: 'custom', path: ['people'], message: 'Name the victim of the domestic abuse incident (daRole victim)' });
        n.people.forEach((p, i) => {
          if (!p.daRole) ctx.addIssue({ code: 'custom', path: ['people', i, 'daRole'], message: 'Give each person’s role in the domestic abuse incident (victim, alleged_perpetrator, child_present, child_in_household or other)' });
          if (p.daRole && CHILD_DA_ROLES.has(p.daRole) && !p.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['people', i, 'dateOfBirth'], message: 'Enter the child’s date of birth: Operation Encompass needs it to find their school or setting' });
          if (p.daRole && CHILD_DA_ROLES.has(p.daRole) && p.role !== 'subject_child') ctx.addIssue({ code: 'custom', path: ['people', i, 'role'], message: 'A child present at or living in the household of a domestic abuse incident is a subject child (role subject_child), so their voice and demeanour are recorded' });
        });
        const dash = n.domesticAbuse.policeDash;
        if (dash) {
          const list = dash.version ? checklist(dash.version) : currentChecklist('police', today);
          if (list) {
            const known = new Set(list.questions.map((q) => q.id));
            for (const key of Object.keys(dash.answers)) if (!known.has(key)) ctx.addIssue({ code: 'custom', path: ['domesticAbuse', 'policeDash', 'answers', key], message: `DASH question ${key} is not a question of ${list.title}` });
            for (const q of unanswered(list, dash.answers)) ctx.addIssue({ code: 'custom', path: ['domesticAbuse', 'policeDash', 'answers', q], message: `Answer DASH question ${q} (“${list.questions.find((x) => x.id === q)?.text}”) with yes, no or not_known` });
          }
        }
      } else if (n.people.some((p) => p.daRole)) {
        ctx.addIssue({ code: 'custom', path: ['domesticAbuse'], message: 'Give the domestic abuse incident type (domesticAbuse.incidentType; in a police file, the da_incident_type column) when people have roles in a domestic abuse incident' });
      }
      n.people.forEach((p, i) => {
        if (p.dateOfBirth && p.dobPrecision !== 'unborn' && p.dateOfBirth > today) ctx.addIssue({ code: 'custom', path: ['people', i, 'dateOfBirth'], message: 'Date of birth must be in the past (use dobPrecision "unborn" for an expected date of delivery)' });
        if (p.dateOfBirth && p.dateOfBirth < '1900-01-01') ctx.addIssue({ code: 'custom', path: ['people', i, 'dateOfBirth'], message: 'Date of birth must be after 1900' });
      });
    });
}

export type NotificationInput = z.output<ReturnType<typeof notificationSchema>>;
export type PersonInput = z.output<typeof personSchema>;

/** A notification made ready for storing: tidied names, normalised identifiers and postcodes, dates as instants. */
export interface Notification {
  contactType: string;
  notificationType: string | null;
  sourceCode: string;
  referrer: { name: string | null; role: string | null; phone: string | null; email: string | null };
  receivedAt: Date;
  incident: { policeReference: string | null; occurredAt: Date | null; postcode: string | null; place: string | null } | null;
  riskLevel: string | null;
  domesticAbuse: { incidentType: string; policeDash: { version: string | null; answers: Record<string, string>; victimWords: Record<string, string> } | null } | null;
  concerns: string[];
  narrative: string;
  worriedAbout: string | null;
  workingWell: string | null;
  needsToHappen: string | null;
  consent: string;
  consentLawfulBasis: string | null;
  consentReason: string | null;
  restricted: boolean;
  people: NamedPerson[];
  /** The language the referrer wrote in when not English (a public report in Polish); absent means English. */
  language?: string | null;
}

export interface NamedPerson {
  role: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  dobPrecision: string;
  gender: string;
  nhsNumber: string | null;
  addressLine1: string | null;
  postcode: string | null;
  school: string | null;
  daRole: string | null;
  riskLevel: string | null;
  childVoice: string | null;
  childDemeanour: string | null;
}

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

export function toNotification(input: NotificationInput, defaults: { receivedAt: Date; sourceCode: string }): Notification {
  return {
    contactType: input.contactType,
    notificationType: input.notificationType ?? null,
    sourceCode: input.sourceCode ?? defaults.sourceCode,
    referrer: {
      name: input.referrer ? tidy(input.referrer.name) : null,
      role: blank(input.referrer?.role),
      phone: blank(input.referrer?.phone),
      email: blank(input.referrer?.email),
    },
    receivedAt: input.receivedAt ? new Date(input.receivedAt) : defaults.receivedAt,
    incident: input.incident
      ? {
          policeReference: blank(input.incident.policeReference),
          occurredAt: input.incident.occurredAt ? new Date(input.incident.occurredAt) : null,
          postcode: input.incident.postcode ? normalisePostcode(input.incident.postcode) : null,
          place: blank(input.incident.place),
        }
      : null,
    riskLevel: input.riskLevel ?? null,
    domesticAbuse: input.domesticAbuse
      ? {
          incidentType: input.domesticAbuse.incidentType,
          policeDash: input.domesticAbuse.policeDash
            ? {
                version: input.domesticAbuse.policeDash.version ?? null,
                answers: Object.fromEntries(Object.entries(input.domesticAbuse.policeDash.answers).map(([k, v]) => [k, String(v)])),
                victimWords: Object.fromEntries(Object.entries(input.domesticAbuse.policeDash.victimWords ?? {}).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()])),
              }
            : null,
        }
      : null,
    concerns: [...new Set(input.concerns)],
    narrative: input.narrative.trim(),
    worriedAbout: blank(input.worriedAbout),
    workingWell: blank(input.workingWell),
    needsToHappen: blank(input.needsToHappen),
    consent: input.consent,
    consentLawfulBasis: input.consentLawfulBasis ?? null,
    consentReason: blank(input.consentReason),
    restricted: input.restricted ?? false,
    people: input.people.map((p) => ({
      role: p.role,
      givenNames: tidy(p.givenNames),
      familyName: tidy(p.familyName),
      dateOfBirth: p.dateOfBirth ?? null,
      dobPrecision: p.dobPrecision ?? (p.dateOfBirth ? 'exact' : 'estimated'),
      gender: p.gender ?? 'unknown',
      nhsNumber: p.nhsNumber ? normaliseNhsNumber(p.nhsNumber) : null,
      addressLine1: blank(p.address?.line1),
      postcode: p.address?.postcode ? normalisePostcode(p.address.postcode) : null,
      school: blank(p.school),
      daRole: p.daRole ?? null,
      riskLevel: p.riskLevel ?? null,
      childVoice: blank(p.childVoice),
      childDemeanour: blank(p.childDemeanour),
    })),
  };
}

/** One problem per field: `path` as the API names it (people[0].givenNames). */
export interface FieldProblem {
  path: (string | number)[];
  field: string;
  message: string;
}

export function problemsOf(error: z.ZodError): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const field = path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') || '(body)';
    if (seen.has(field)) continue;
    seen.add(field);
    const message = issue.code === 'unrecognized_keys' ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` : issue.code === 'invalid_type' && issue.input === undefined ? `${field} is required` : issue.message;
    out.push({ path, field, message });
  }
  return out;
}
