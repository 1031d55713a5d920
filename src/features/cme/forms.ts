/**
 * Children missing education forms: a referral (a school's, or one the CME officer records), an enquiry, the close
 * with an outcome code, a locality, and the home education register (a child added, a suitability check, leaving).
 * Each checks its own fields; the rules against the referral or registration are the domain's (domain/cme.ts),
 * applied by the service.
 */
import {
  CME_ETHNICITIES,
  CME_REASONS,
  EHE_CHECK_METHODS,
  EHE_CHECK_OUTCOMES,
  EHE_END_REASONS,
  ENQUIRY_KINDS,
  OFFICER_SOURCES,
  OUTCOME_CODES,
  YEAR_GROUPS,
} from '../../domain/cme.js';
import { GENDERS, list } from '../../domain/codes.js';
import { choice, dateInput, field, form, optionalChoice, optionalPostcode, optionalText, personName, requiredDateInput, requiredText, withRules } from '../../platform/forms.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FSM = list({ yes: 'Yes', no: 'No', unknown: 'Not known' });

/** The child: an id from the search results, or "new" to add them; anything else is refused. */
const childChoice = field((v, ctx): string | null => {
  if (v === undefined || v === null || v === '') return null;
  if (v === 'new') return 'new';
  if (typeof v === 'string' && UUID.test(v)) return v.toLowerCase();
  ctx.addIssue({ code: 'custom', message: 'Select the child from the list, or add them as someone new' });
  return null;
});

const referralFields = {
  personId: childChoice,
  givenNames: personName({ label: 'Given names' }),
  familyName: personName({ label: 'Family name' }),
  dateOfBirth: dateInput({ label: 'Date of birth', past: true, minYear: 1990 }),
  gender: optionalChoice(GENDERS, 'Select the child’s sex from the list'),
  reason: choice(CME_REASONS, 'Select why the child is missing education'),
  yearGroup: optionalChoice(YEAR_GROUPS, 'Select a year group from the list'),
  fsm: choice(FSM, 'Select whether the child is eligible for free school meals'),
  ethnicity: choice(CME_ETHNICITIES, 'Select the child’s ethnicity, “Refused” or “Information not yet obtained”'),
  addressLine1: optionalText({ label: 'Last known address', max: 200 }),
  postcode: optionalPostcode('Postcode of the last known address'),
  narrative: requiredText({ label: 'What is known', required: 'Enter what is known: when the child was last seen, who they live with, where the family may have gone', max: 20_000, multiline: true }),
};

function childRules(v: { personId: string | null; givenNames: string | null; familyName: string | null }, ctx: { addIssue: (i: { code: 'custom'; path: string[]; message: string }) => void }) {
  if (!v.personId) ctx.addIssue({ code: 'custom', path: ['personId'], message: 'Find the child and select them, or add them as someone new' });
  if (v.personId === 'new') {
    if (!v.givenNames) ctx.addIssue({ code: 'custom', path: ['givenNames'], message: 'Enter the child’s given names' });
    if (!v.familyName) ctx.addIssue({ code: 'custom', path: ['familyName'], message: 'Enter the child’s family name' });
  }
}

/** A school's referral: the last school is the school's own. */
export const schoolReferralForm = withRules(form(referralFields), childRules);

/** The CME officer's: who referred (admissions, another authority, other) and the last school, as told. */
export const officerReferralForm = withRules(
  form({
    ...referralFields,
    source: choice(OFFICER_SOURCES, 'Select who referred the child'),
    lastSchoolName: optionalText({ label: 'Last school', max: 200 }),
    lastSchoolUrn: optionalText({ label: 'Last school’s URN', max: 6 }).refine((v) => v === null || /^\d{6}$/.test(v), 'Enter the URN as 6 digits, like 990101'),
  }),
  childRules,
);

export const fsmValue = (v: string): boolean | null => (v === 'yes' ? true : v === 'no' ? false : null);

export const enquiryForm = form({
  kind: choice(ENQUIRY_KINDS, 'Select the kind of enquiry'),
  madeOn: requiredDateInput({ label: 'Date of the enquiry', required: 'Enter the date of the enquiry', past: true, minYear: 2000 }),
  result: requiredText({ label: 'What was found', required: 'Enter what the enquiry found, or that it found nothing', max: 10_000, multiline: true }),
});

export const closeForm = form({
  outcomeCode: choice(OUTCOME_CODES, 'Select the outcome code: a referral is closed only with one'),
  foundAt: optionalText({ label: 'Where the child was found', max: 300 }),
  outcomeNote: optionalText({ label: 'Notes', max: 10_000, multiline: true }),
  closedOn: requiredDateInput({ label: 'Date of closure', required: 'Enter the date the referral closes', past: true, minYear: 2000 }),
});

export const localityForm = form({
  code: requiredText({ label: 'Code', required: 'Enter a short code for the locality, like central', max: 40 }).refine((v) => /^[a-z0-9][a-z0-9_-]*$/.test(v), 'The code must be lower-case letters, numbers, hyphens or underscores, like central'),
  name: requiredText({ label: 'Name', required: 'Enter the locality’s name', max: 100 }),
  prefixes: requiredText({ label: 'Postcode prefixes', required: 'Enter at least one postcode prefix, like FM1 or FM2 9', max: 1_000 }),
});

export const registerChildForm = form({
  personId: field((v, ctx): string => {
    if (typeof v === 'string' && UUID.test(v)) return v.toLowerCase();
    ctx.addIssue({ code: 'custom', message: 'Find the child and select them' });
    return '';
  }),
  registeredOn: requiredDateInput({ label: 'Date registered', required: 'Enter the date the child was registered as home educated', past: true, minYear: 2000 }),
  yearGroup: optionalChoice(YEAR_GROUPS, 'Select a year group from the list'),
  previousSchoolUrn: optionalText({ label: 'Previous school’s URN', max: 6 }).refine((v) => v === null || /^\d{6}$/.test(v), 'Enter the URN as 6 digits, like 990101'),
});

export const checkForm = form({
  checkedOn: requiredDateInput({ label: 'Date of the check', required: 'Enter the date of the check', past: true, minYear: 2000 }),
  method: choice(EHE_CHECK_METHODS, 'Select how the education was checked'),
  outcome: choice(EHE_CHECK_OUTCOMES, 'Select the outcome of the check'),
  notes: requiredText({ label: 'Notes', required: 'Enter what was seen and discussed', max: 10_000, multiline: true }),
  nextDueOn: requiredDateInput({ label: 'Next check due', required: 'Enter when the next check is due', minYear: 2000 }),
});

export const endForm = form({
  endedOn: requiredDateInput({ label: 'Date the child left the register', required: 'Enter the date the child left the register', past: true, minYear: 2000 }),
  endReason: choice(EHE_END_REASONS, 'Select why the child left the register'),
});
