/** The forms of the contact journey: each turns a request body into checked values or GOV.UK errors. */
import { londonDate } from '../../domain/time.js';
import { z } from 'zod';
import { CONCERNS, CONSENT, CONTACT_SOURCES, CONTACT_TYPES, DOB_PRECISIONS, ETHNICITIES, GENDERS, LAWFUL_BASES, RELATIONSHIP_TYPES, SUBJECT_ROLES } from '../../domain/codes.js';
import { isValidNhsNumber, normaliseNhsNumber } from '../../domain/identifiers.js';
import { SCREENING_OUTCOMES } from '../../domain/screening.js';
import { RAG_RATINGS, STAFF_CHANNELS } from '../../domain/intake.js';
import { withRules, checkboxes, choice, dateInput, dateTimeInput, requiredDateTimeInput, integerIn, optionalChoice, optionalPostcode, optionalText, optionalUuid, personName, requiredText, uuid, form } from '../../platform/forms.js';

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
const PHONE = /^[+\d][\d ()-]{5,24}$/;

function optionalNhsNumber() {
  return optionalText({ label: 'NHS number', max: 20 }).transform((v, ctx) => {
    if (v === null) return null;
    if (!isValidNhsNumber(v)) {
      ctx.addIssue({ code: 'custom', message: 'Enter a valid 10-digit NHS number, like 999 000 0018' });
      return z.NEVER;
    }
    return normaliseNhsNumber(v);
  });
}

export function contactDetailsForm(now: () => Date) {
  return withRules(
    form({
      contactType: choice(CONTACT_TYPES, 'Select whether the contact is about a child or an adult'),
      sourceCode: choice(CONTACT_SOURCES, 'Select who the contact came from'),
      sourceAgencyId: optionalUuid('Select the referrer’s agency from the list'),
      referrerName: personName({ label: 'Referrer’s name' }),
      referrerRole: optionalText({ label: 'Referrer’s role', max: 100 }),
      referrerPhone: optionalText({ label: 'Referrer’s phone number', max: 25 }).refine(
        (v) => v === null || PHONE.test(v),
        'Enter a phone number, like 01632 960 001 or +44 7700 900 982',
      ),
      referrerEmail: optionalText({ label: 'Referrer’s email address', max: 254 }).refine(
        (v) => v === null || EMAIL.test(v),
        'Enter an email address in the correct format, like name@example.org',
      ),
      receivedAt: requiredDateTimeInput({ label: 'Date and time received', required: 'Enter the date and time the contact was received', past: true, minYear: 2000, now }),
      incidentAt: dateTimeInput({ label: 'Date and time of the incident', past: true, minYear: 1950, now }),
      concerns: checkboxes(CONCERNS, { required: 'Select at least one concern', invalid: 'Select concerns from the list' }),
      narrative: requiredText({ label: 'What happened', required: 'Enter what happened and what the worry is', max: 20_000, multiline: true }),
      consent: choice(CONSENT, 'Select whether the family consented to the information being shared'),
      consentLawfulBasis: optionalChoice(LAWFUL_BASES, 'Select the lawful basis from the list'),
      consentReason: optionalText({ label: 'Reason for sharing without consent', max: 2_000, multiline: true }),
      restricted: z.unknown().optional().transform((v) => v === 'yes'),
      channel: optionalChoice(STAFF_CHANNELS, 'Select how the contact arrived'),
      worriedAbout: optionalText({ label: 'What are you worried about', max: 10_000, multiline: true }),
      workingWell: optionalText({ label: 'What is working well', max: 10_000, multiline: true }),
      needsToHappen: optionalText({ label: 'What needs to happen', max: 10_000, multiline: true }),
    }),
    (v, ctx) => {
      if (v.consent === 'overridden') {
        if (!v.consentLawfulBasis) ctx.addIssue({ code: 'custom', path: ['consentLawfulBasis'], message: 'Select the lawful basis for sharing without consent' });
        if (!v.consentReason) ctx.addIssue({ code: 'custom', path: ['consentReason'], message: 'Enter why the information is being shared without consent' });
      }
      if (typeof v.sourceCode === 'string' && !['9', '10', '1C'].includes(v.sourceCode) && !v.referrerName) {
        ctx.addIssue({ code: 'custom', path: ['referrerName'], message: 'Enter the referrer’s name, or select “Anonymous” as the source' });
      }
      if (v.incidentAt instanceof Date && v.receivedAt instanceof Date && v.incidentAt > v.receivedAt) {
        ctx.addIssue({ code: 'custom', path: ['incidentAt'], message: 'Date and time of the incident must be before the contact was received' });
      }
    },
  );
}

const relationshipFields = {
  role: choice(SUBJECT_ROLES, 'Select how this person is involved'),
  relatedPersonId: optionalUuid('Select a person from the list'),
  relationshipType: optionalChoice(RELATIONSHIP_TYPES, 'Select the relationship from the list'),
};

function relationshipRule(v: { relatedPersonId: string | null; relationshipType: string | null }, ctx: z.RefinementCtx) {
  if (v.relatedPersonId && !v.relationshipType) ctx.addIssue({ code: 'custom', path: ['relationshipType'], message: 'Select the relationship' });
  if (!v.relatedPersonId && v.relationshipType) ctx.addIssue({ code: 'custom', path: ['relatedPersonId'], message: 'Select who the relationship is with' });
}

export const addExistingPersonForm = withRules(form({ personId: uuid('Select a person'), ...relationshipFields }), relationshipRule);

export function newPersonForm(now: () => Date) {
  return withRules(
    form({
      givenNames: personName({ label: 'First name', required: 'Enter the person’s first name' }),
      familyName: personName({ label: 'Last name', required: 'Enter the person’s last name' }),
      knownAsGivenNames: personName({ label: 'Known-as first name' }),
      knownAsFamilyName: personName({ label: 'Known-as last name' }),
      dobPrecision: choice(DOB_PRECISIONS, 'Select whether the date of birth is exact, estimated, or the person is unborn'),
      dateOfBirth: dateInput({ label: 'Date of birth', minYear: 1900 }),
      gender: choice(GENDERS, 'Select the person’s gender'),
      ethnicity: optionalChoice(ETHNICITIES, 'Select an ethnicity from the list'),
      firstLanguage: optionalText({ label: 'First language', max: 60 }),
      interpreterNeeded: z.unknown().optional().transform((v) => v === 'yes'),
      nhsNumber: optionalNhsNumber(),
      addressLine1: optionalText({ label: 'Address line 1', max: 120 }),
      addressLine2: optionalText({ label: 'Address line 2', max: 120 }),
      addressTown: optionalText({ label: 'Town or city', max: 60 }),
      addressPostcode: optionalPostcode(),
      restricted: z.unknown().optional().transform((v) => v === 'yes'),
      ...relationshipFields,
    }),
    (v, ctx) => {
      const today = londonDate(now());
      if (typeof v.dateOfBirth !== 'string' && v.dateOfBirth !== null) return; // its own error is shown
      if (v.dobPrecision === 'unborn') {
        if (!v.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter the expected date of delivery' });
        else if (v.dateOfBirth < today) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Expected date of delivery must be today or in the future' });
      } else if (v.dobPrecision && !v.dateOfBirth) {
        ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter the date of birth, or an estimate' });
      } else if (v.dateOfBirth && v.dateOfBirth > today) {
        ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Date of birth must be today or in the past' });
      }
      if ((v.addressLine2 || v.addressTown || v.addressPostcode) && !v.addressLine1) {
        ctx.addIssue({ code: 'custom', path: ['addressLine1'], message: 'Enter address line 1, typically the building and street' });
      }
      if (v.addressLine1 && !v.addressPostcode) ctx.addIssue({ code: 'custom', path: ['addressPostcode'], message: 'Enter the postcode' });
      if (!!v.knownAsGivenNames !== !!v.knownAsFamilyName) {
        ctx.addIssue({ code: 'custom', path: [v.knownAsGivenNames ? 'knownAsFamilyName' : 'knownAsGivenNames'], message: 'Enter both parts of the known-as name, or neither' });
      }
      relationshipRule(v, ctx);
    },
  );
}

export const voiceForm = form({
  childVoice: requiredText({ label: 'What the child said', required: 'Enter what the child said, in their words, or why they were not spoken to', max: 5_000, multiline: true }),
  childDemeanour: requiredText({ label: 'How the child seemed', required: 'Enter how the child seemed (their demeanour)', max: 5_000, multiline: true }),
});

export const screeningForm = form({
  thresholdLevel: integerIn(1, 4, 'Select the threshold level'),
  outcome: choice(SCREENING_OUTCOMES, 'Select the outcome of screening'),
  rationale: requiredText({ label: 'Reasons for the decision', required: 'Enter the reasons for the decision', max: 10_000, multiline: true }),
  passedTo: optionalText({ label: 'Authority or agency', max: 200 }),
});

export const authorisationForm = form({
  decision: z.unknown().optional().refine((v) => v === 'authorise' || v === 'return', 'Select whether you authorise the decision or return it').transform((v) => v === 'authorise'),
  comment: optionalText({ label: 'Comment', max: 5_000, multiline: true }),
});

export const shareForm = form({
  agencyId: uuid('Select the agency to share with'),
  purpose: requiredText({ label: 'Purpose', required: 'Enter why this agency needs to see the contact', max: 500 }),
});

export const allocationForm = form({
  userId: optionalUuid('Select a worker from the list'),
});


/** A person as a referrer knows them: the front door matches them to the register, so no search is needed here. */
export function describePersonForm(now: () => Date) {
  return withRules(
    form({
      role: choice(SUBJECT_ROLES, 'Select how this person is involved'),
      givenNames: personName({ label: 'First name', required: 'Enter the person’s first name' }),
      familyName: personName({ label: 'Last name', required: 'Enter the person’s last name' }),
      dobPrecision: choice(DOB_PRECISIONS, 'Select whether the date of birth is exact, estimated, or the person is unborn'),
      dateOfBirth: dateInput({ label: 'Date of birth', minYear: 1900 }),
      gender: choice(GENDERS, 'Select the person’s gender'),
      nhsNumber: optionalNhsNumber(),
      addressLine1: optionalText({ label: 'Address', max: 200 }),
      postcode: optionalPostcode(),
      school: optionalText({ label: 'School or nursery', max: 200 }),
      childVoice: optionalText({ label: 'What the child said', max: 5_000, multiline: true }),
      childDemeanour: optionalText({ label: 'How the child seemed', max: 5_000, multiline: true }),
    }),
    (v, ctx) => {
      const today = londonDate(now());
      if (typeof v.dateOfBirth === 'string' || v.dateOfBirth === null) {
        if (v.dobPrecision === 'unborn' && !v.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter the expected date of delivery' });
        else if (v.dobPrecision !== 'unborn' && v.dateOfBirth && v.dateOfBirth > today) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Date of birth must be today or in the past' });
        else if (v.dobPrecision === 'exact' && !v.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter the date of birth, or select that it is estimated' });
      }
      if (v.role === 'subject_child') {
        if (!v.childVoice) ctx.addIssue({ code: 'custom', path: ['childVoice'], message: 'Enter what the child said, in their words, or why they were not spoken to' });
        if (!v.childDemeanour) ctx.addIssue({ code: 'custom', path: ['childDemeanour'], message: 'Enter how the child seemed (their demeanour)' });
      }
    },
  );
}

export const ragForm = form({ rag: choice(RAG_RATINGS, 'Select a red, amber or green rating') });
