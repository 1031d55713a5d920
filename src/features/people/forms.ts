/** The forms of the person register: search, and each change to a person. */
import { z } from 'zod';
import { NAME_TYPES, RELATIONSHIP_CHOICES } from '../../domain/codes.js';
import { isValidNhsNumber, isValidUpn, isValidUprn, normaliseNhsNumber, normalisePnc, normaliseUpn } from '../../domain/identifiers.js';
import { choice, dateInput, form, uuid, optionalPostcode, optionalText, personName, requiredDateInput, requiredText, withRules, yesNo } from '../../platform/forms.js';

export const IDENTIFIER_CHOICES = [
  { code: 'nhs_number', label: 'NHS number' },
  { code: 'upn', label: 'Unique pupil number (UPN)' },
  { code: 'pnc', label: 'Police national computer ID (PNC ID)' },
  { code: 'local', label: 'Your agency’s own ID' },
] as const;

/** Checks and normalises an identifier of a type; returns a problem in words, or the value to store. */
export function checkIdentifier(type: string, raw: string): { value: string } | { problem: string } {
  const v = raw.trim();
  switch (type) {
    case 'nhs_number':
      return isValidNhsNumber(v) ? { value: normaliseNhsNumber(v) } : { problem: 'Enter a valid 10-digit NHS number, like 999 000 0018' };
    case 'upn':
      return isValidUpn(v) ? { value: normaliseUpn(v) } : { problem: 'Enter a valid 13-character UPN: a check letter then 12 characters, like A801200113001' };
    case 'pnc': {
      const p = normalisePnc(v);
      return p ? { value: p } : { problem: 'Enter a PNC ID as year, slash, number and check letter, like 99/1234567A' };
    }
    case 'local':
      return /^[A-Za-z0-9/_.-]{1,40}$/.test(v) ? { value: v } : { problem: 'Enter your agency’s ID: letters, digits and / _ . - only, up to 40 characters' };
    default:
      return { problem: 'Select the type of identifier' };
  }
}

const identifierFields = {
  identifierType: z.unknown().optional().transform((v) => (typeof v === 'string' && v ? v : null)),
  identifier: optionalText({ label: 'Identifier', max: 40 }),
};

function identifierRule(v: { identifierType: string | null; identifier: string | null }, ctx: z.RefinementCtx) {
  if (v.identifier && !v.identifierType) ctx.addIssue({ code: 'custom', path: ['identifierType'], message: 'Select the type of identifier' });
  if (v.identifier && v.identifierType) {
    const checked = checkIdentifier(v.identifierType, v.identifier);
    if ('problem' in checked) ctx.addIssue({ code: 'custom', path: ['identifier'], message: checked.problem });
  }
}

/** Search: a name (any part), a date of birth or an age range, a postcode, an identifier — at least one. */
export const searchForm = withRules(
  form({
    givenNames: personName({ label: 'First name' }),
    familyName: personName({ label: 'Last name' }),
    dateOfBirth: dateInput({ label: 'Date of birth', minYear: 1900 }),
    ageFrom: z.unknown().optional().transform((v, ctx): number | null => {
      if (v === undefined || v === '') return null;
      const n = typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : NaN;
      if (!(n >= 0 && n <= 120)) {
        ctx.addIssue({ code: 'custom', message: 'Age from must be a whole number of years from 0 to 120' });
        return z.NEVER;
      }
      return n;
    }),
    ageTo: z.unknown().optional().transform((v, ctx): number | null => {
      if (v === undefined || v === '') return null;
      const n = typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : NaN;
      if (!(n >= 0 && n <= 120)) {
        ctx.addIssue({ code: 'custom', message: 'Age to must be a whole number of years from 0 to 120' });
        return z.NEVER;
      }
      return n;
    }),
    postcode: optionalText({ label: 'Postcode', max: 10 }).refine((v) => v === null || /^[A-Za-z0-9 ]{2,8}$/.test(v), 'Enter a postcode, or the start of one, like FM1 or FM1 2AB'),
    ...identifierFields,
    // Kept for the intake search (NHS number field).
    nhsNumber: optionalText({ label: 'NHS number', max: 20 }).transform((v, ctx) => {
      if (v === null) return null;
      if (!isValidNhsNumber(v)) {
        ctx.addIssue({ code: 'custom', message: 'Enter a valid 10-digit NHS number, like 999 000 0018' });
        return z.NEVER;
      }
      return normaliseNhsNumber(v);
    }),
  }),
  (v, ctx) => {
    identifierRule(v, ctx);
    if (v.dateOfBirth && (v.ageFrom !== null || v.ageTo !== null)) {
      ctx.addIssue({ code: 'custom', path: ['ageFrom'], message: 'Enter a date of birth or an age range, not both' });
    }
    if (typeof v.ageFrom === 'number' && typeof v.ageTo === 'number' && v.ageFrom > v.ageTo) {
      ctx.addIssue({ code: 'custom', path: ['ageTo'], message: 'Age to must be the same as or more than age from' });
    }
    const anything = v.givenNames || v.familyName || v.dateOfBirth || v.ageFrom !== null || v.ageTo !== null || v.postcode || v.identifier || v.nhsNumber;
    if (!anything) ctx.addIssue({ code: 'custom', path: ['familyName'], message: 'Enter a name, a date of birth or age, a postcode or an identifier' });
    const onlyBroad = !v.givenNames && !v.familyName && !v.identifier && !v.nhsNumber && !v.dateOfBirth;
    if (anything && onlyBroad) ctx.addIssue({ code: 'custom', path: ['familyName'], message: 'Add a name, a date of birth or an identifier: an age range or postcode alone finds too many people' });
  },
);

export const nameForm = form({
  type: choice(NAME_TYPES, 'Select the kind of name'),
  givenNames: personName({ label: 'First name', required: 'Enter the first name' }),
  familyName: personName({ label: 'Last name', required: 'Enter the last name' }),
  makePrimary: z.unknown().optional().transform((v) => v === 'yes'),
});

export const identifierForm = withRules(form({ identifierType: identifierFields.identifierType, identifier: requiredText({ label: 'Identifier', required: 'Enter the identifier', max: 40 }) }), identifierRule);

export const addressForm = form({
  line1: requiredText({ label: 'Address line 1', required: 'Enter address line 1, typically the building and street', max: 120 }),
  line2: optionalText({ label: 'Address line 2', max: 120 }),
  town: optionalText({ label: 'Town or city', max: 60 }),
  postcode: optionalPostcode(),
  uprn: optionalText({ label: 'UPRN', max: 12 }).refine((v) => v === null || isValidUprn(v), 'UPRN must be a number of up to 12 digits'),
  fromDate: requiredDateInput({ label: 'Date they moved in', required: 'Enter the date they moved in, or your best estimate', minYear: 1900, past: true }),
});

export const contactDetailForm = withRules(
  form({
    type: choice([{ code: 'phone', label: 'Phone' }, { code: 'email', label: 'Email' }, { code: 'other', label: 'Other' }], 'Select the kind of contact detail'),
    value: requiredText({ label: 'Contact detail', required: 'Enter the phone number, email address or other detail', max: 200 }),
    note: optionalText({ label: 'Note', max: 200 }),
  }),
  (v, ctx) => {
    if (v.type === 'phone' && typeof v.value === 'string' && !/^[+\d][\d ()-]{5,24}$/.test(v.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'Enter a phone number, like 01632 960 001' });
    if (v.type === 'email' && typeof v.value === 'string' && !/^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/.test(v.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Enter an email address in the correct format, like name@example.org' });
    }
  },
);

export const flagsForm = withRules(
  form({
    restricted: yesNo('Select whether the record is restricted'),
    riskToStaff: yesNo('Select whether the person is a risk to staff'),
    riskToStaffNote: optionalText({ label: 'What staff need to know', max: 1000, multiline: true }),
    deceasedOn: dateInput({ label: 'Date of death', minYear: 1900, past: true }),
  }),
  (v, ctx) => {
    if (v.riskToStaff === true && !v.riskToStaffNote) ctx.addIssue({ code: 'custom', path: ['riskToStaffNote'], message: 'Say what staff need to know to stay safe' });
  },
);

export const endRelationshipForm = form({
  toDate: requiredDateInput({ label: 'Date the relationship ended', required: 'Enter the date the relationship ended', minYear: 1900, past: true }),
});

export const relationshipForm = form({
  otherPersonId: uuid('Select the person they are related to'),
  relationship: choice(RELATIONSHIP_CHOICES, 'Select how they are related'),
  fromDate: dateInput({ label: 'Date the relationship started', minYear: 1900, past: true }),
  sameHousehold: z
    .unknown()
    .optional()
    .refine((v) => v === undefined || v === '' || v === 'yes', 'Tick the box only if they live together')
    .transform((v) => v === 'yes'),
});

export const mergeForm = form({
  keep: z.unknown().optional().refine((v) => v === 'a' || v === 'b', 'Select which record to keep').transform((v) => v as 'a' | 'b'),
  reason: optionalText({ label: 'Reason', max: 500, multiline: true }),
});

export const notSameForm = form({ reason: optionalText({ label: 'Reason', max: 500, multiline: true }) });

