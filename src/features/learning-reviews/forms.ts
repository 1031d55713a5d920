/**
 * The learning reviews' forms. Each checks its own fields; the rules against the review (dates after the notification,
 * s44, the stage) are the domain's (domain/learning-reviews.ts), applied by the service.
 */
import { list } from '../../domain/codes.js';
import { BOARD_KINDS, CDOP_CATEGORIES, DHR_DECISIONS, MODIFIABLE_FACTORS, NOTIFIABLE_KINDS, RAPID_REVIEW_DECISIONS, SAR_DECISIONS } from '../../domain/learning-reviews.js';
import { choice, dateInput, form, optionalChoice, optionalUuid, requiredDateInput, requiredText, uuid, yesNo } from '../../platform/forms.js';

const long = (label: string, required: string) => requiredText({ label, required, max: 20_000, multiline: true });
const date = (label: string, required: string) => requiredDateInput({ label, required, minYear: 2000 });

export const notifyForm = form({
  kind: choice(NOTIFIABLE_KINDS, 'Select the kind of review'),
  boardKind: optionalChoice(BOARD_KINDS, 'Select the board from the list'),
  title: requiredText({ label: 'Title', required: 'Enter a title for the review, for example “Child Q”', max: 200 }),
  subjectPseudonym: requiredText({ label: 'Pseudonym for the subject', required: 'Enter a pseudonym for the subject (shown in place of their name)', max: 100 }),
  subjectPersonId: optionalUuid('The person linked is not on the register: open the form again from their record'),
  summary: long('What happened', 'Enter a short summary of what happened'),
  incidentOn: date('The date of the incident', 'Enter the date of the incident'),
  learnedOn: date('The date the local authority learned of it', 'Enter the date the local authority learned of the incident'),
});

export const notificationForm = form({
  notifiedOn: date('The date the Panel was notified', 'Enter the date the Panel was notified'),
});

export const rapidForm = form({
  heldOn: date('The date of the rapid review', 'Enter the date the rapid review was held'),
  decision: choice(RAPID_REVIEW_DECISIONS, 'Select the rapid review’s decision'),
  reason: long('Reasons for the decision', 'Enter the reasons for the decision'),
  panelSentOn: dateInput({ label: 'The date the decision was sent to the Panel', minYear: 2000 }),
});

export const panelForm = form({
  panelSentOn: date('The date the decision was sent to the Panel', 'Enter the date the decision was sent to the Panel'),
});

export const dhrDecisionForm = form({
  decision: choice(DHR_DECISIONS, 'Select the decision'),
  reason: long('Reasons for the decision', 'Enter the reasons for the decision'),
  decidedOn: date('The date of the decision', 'Enter the date of the decision'),
});

export const sarForm = form({
  careAndSupportNeeds: yesNo('Select whether the adult has needs for care and support'),
  concernAboutPartners: yesNo('Select whether there is reasonable cause for concern about how partners worked together'),
  adultDied: yesNo('Select whether the adult has died'),
  abuseOrNeglect: yesNo('Select whether abuse or neglect is known or suspected'),
  decision: choice(SAR_DECISIONS, 'Select the decision'),
  reason: long('Reasons for the decision', 'Enter the reasons for the decision'),
  decidedOn: date('The date of the decision', 'Enter the date of the decision'),
});

export const cdopForm = form({
  category: choice(CDOP_CATEGORIES, 'Select the category of death'),
  modifiableFactors: choice(MODIFIABLE_FACTORS, 'Select whether modifiable factors were identified'),
  learning: long('Learning', 'Enter the learning from the review'),
});

export const termsForm = form({
  termsOfReferenceOn: date('The date the terms of reference were agreed', 'Enter the date the terms of reference were agreed'),
  reviewer: requiredText({ label: 'Reviewer', required: 'Enter the name of the reviewer (the independent reviewer or lead reviewer)', max: 200 }),
});

export const agencyForm = form({
  agencyId: uuid('Select the agency from the list'),
  askedFor: requiredText({ label: 'What was asked of the agency', required: 'Enter what was asked of the agency, for example “Chronology and individual management review”', max: 500 }),
  dueOn: dateInput({ label: 'The due date', minYear: 2000 }),
  receivedOn: dateInput({ label: 'The date it was received', minYear: 2000 }),
});

export const findingForm = form({
  text: long('Finding', 'Enter the finding'),
});

export const reportForm = form({
  sentOn: date('The date the final report was sent', 'Enter the date the final report was sent'),
});

export const holdForm = form({
  reason: long('Why publication is held', 'Enter why publication is held, for example the criminal proceedings it waits for'),
});

export const publishForm = form({
  publishedOn: date('The date of publication', 'Enter the date the review was published'),
});

export const confirmForm = form({
  confirm: choice(list({ yes: 'Yes' }), 'Confirm to go on'),
});
