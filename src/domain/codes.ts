/**
 * Code lists used across Threshold. Each is data with its source; pages show the labels, records keep the codes.
 */

export interface Code {
  code: string;
  label: string;
}

export function list<T extends string>(entries: Record<T, string>): readonly Code[] {
  return Object.entries(entries).map(([code, label]) => ({ code, label: label as string }));
}

export function labelOf(codes: readonly Code[], code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  return codes.find((c) => c.code === code)?.label ?? code;
}

export function isCode(codes: readonly Code[], value: string): boolean {
  return codes.some((c) => c.code === value);
}

export const AGENCY_TYPES = list({
  children_social_care: 'Children’s social care',
  adult_social_care: 'Adult social care',
  police: 'Police',
  health: 'Health',
  school: 'School',
  probation: 'Probation',
  education: 'Education',
  idva_da_service: 'IDVA or domestic abuse service',
  voluntary: 'Voluntary sector',
  community_safety: 'Community safety',
  housing: 'Housing',
  care_provider: 'Care provider',
});
export type AgencyType =
  | 'children_social_care'
  | 'adult_social_care'
  | 'police'
  | 'health'
  | 'school'
  | 'probation'
  | 'education'
  | 'idva_da_service'
  | 'voluntary'
  | 'community_safety'
  | 'housing'
  | 'care_provider';

/** Agencies that run the front door and may see the whole person register of their area. */
export const REGISTER_WIDE_AGENCY_TYPES: ReadonlySet<string> = new Set(['children_social_care', 'adult_social_care']);

/** DfE ethnicity codes (school census and children in need census main categories). */
export const ETHNICITIES = list({
  WBRI: 'White – British',
  WIRI: 'White – Irish',
  WIRT: 'Traveller of Irish heritage',
  WROM: 'Gypsy or Roma',
  WOTH: 'Any other White background',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Black Caribbean',
  BAFR: 'Black African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
});

export const GENDERS = list({ female: 'Female', male: 'Male', other: 'Other', unknown: 'Not known' });

export const DOB_PRECISIONS = list({ exact: 'Exact', estimated: 'Estimated', unborn: 'Unborn (expected date of delivery)' });

export const NAME_TYPES = list({
  legal: 'Legal name',
  known_as: 'Known as',
  previous: 'Previous name',
  alias: 'Alias',
  alternative_spelling: 'Alternative spelling',
});

export const IDENTIFIER_TYPES = list({
  nhs_number: 'NHS number',
  upn: 'Unique pupil number',
  pnc: 'Police national computer ID',
  local: 'Local agency ID',
});

/** "Person is the ___ of the related person". The inverse is shown on the other side. */
export const RELATIONSHIP_TYPES = list({
  parent: 'Parent',
  step_parent: 'Step-parent',
  carer: 'Carer',
  sibling: 'Sibling',
  partner: 'Partner',
  ex_partner: 'Ex-partner',
  household_member: 'Household member',
  da_victim: 'Victim of domestic abuse by',
  da_alleged_perpetrator: 'Alleged perpetrator of domestic abuse against',
});

export const RELATIONSHIP_INVERSE: Record<string, string> = {
  parent: 'child',
  step_parent: 'step_child',
  carer: 'cared_for',
  sibling: 'sibling',
  partner: 'partner',
  ex_partner: 'ex_partner',
  household_member: 'household_member',
  da_victim: 'da_alleged_perpetrator',
  da_alleged_perpetrator: 'da_victim',
};

export const RELATIONSHIP_LABELS: Record<string, string> = {
  parent: 'Parent',
  child: 'Child',
  step_parent: 'Step-parent',
  step_child: 'Step-child',
  carer: 'Carer',
  cared_for: 'Cared for',
  sibling: 'Sibling',
  partner: 'Partner',
  ex_partner: 'Ex-partner',
  household_member: 'Household member',
  da_victim: 'Victim of domestic abuse by',
  da_alleged_perpetrator: 'Alleged perpetrator of domestic abuse against',
};

/**
 * Choices for "the other person is this person's ___", in the words a practitioner uses. Each is stored as a typed
 * relationship the right way round: a child is stored as this person being the other's parent.
 */
export const RELATIONSHIP_CHOICES = list({
  parent: 'Parent',
  step_parent: 'Step-parent',
  carer: 'Carer',
  child: 'Child',
  step_child: 'Step-child',
  cared_for: 'Someone they care for',
  sibling: 'Brother or sister',
  partner: 'Partner',
  ex_partner: 'Ex-partner',
  household_member: 'Someone they live with',
  da_alleged_perpetrator: 'Alleged perpetrator of domestic abuse against them',
  da_victim: 'Victim of domestic abuse by them',
});

/** Turns "other is this person's <choice>" into the stored relationship (person is the <type> of related person). */
export function orientRelationship(choice: string, thisPersonId: string, otherPersonId: string): { personId: string; relatedPersonId: string; type: string } {
  const stored = RELATIONSHIP_TYPES.some((t) => t.code === choice);
  if (stored) return { personId: otherPersonId, relatedPersonId: thisPersonId, type: choice };
  const type = Object.entries(RELATIONSHIP_INVERSE).find(([, inverse]) => inverse === choice)?.[0];
  if (!type) throw new Error(`Unknown relationship choice: ${choice}`);
  return { personId: thisPersonId, relatedPersonId: otherPersonId, type };
}

/** Who the contact came from: the children in need census referral source codes. */
export const CONTACT_SOURCES = list({
  '1A': 'Individual – family member, relative or carer',
  '1B': 'Individual – acquaintance (including neighbours and child minders)',
  '1C': 'Individual – self',
  '1D': 'Individual – other',
  '2A': 'Schools',
  '2B': 'Education services',
  '3A': 'Health services – GP',
  '3B': 'Health services – health visitor',
  '3C': 'Health services – school nurse',
  '3D': 'Health services – other primary health services',
  '3E': 'Health services – A&E (emergency department)',
  '3F': 'Health services – other',
  '4': 'Housing',
  '5A': 'Local authority services – social care',
  '5B': 'Local authority services – other internal',
  '5C': 'Local authority services – external',
  '5D': 'Local authority services – early help',
  '6': 'Police',
  '7': 'Other legal agency',
  '8': 'Other',
  '9': 'Anonymous',
  '10': 'Unknown',
});

/** What the contact is about, after the children in need census "factors identified at assessment". */
export const CONCERNS = list({
  domestic_abuse: 'Domestic abuse',
  neglect: 'Neglect',
  physical_abuse: 'Physical abuse',
  emotional_abuse: 'Emotional abuse',
  sexual_abuse: 'Sexual abuse',
  sexual_exploitation: 'Child sexual exploitation',
  criminal_exploitation: 'Child criminal exploitation',
  missing: 'Missing from home or care',
  alcohol_misuse: 'Alcohol misuse',
  drug_misuse: 'Drug misuse',
  mental_health: 'Mental health',
  self_harm: 'Self-harm',
  learning_disability: 'Learning disability',
  physical_disability: 'Physical disability or illness',
  young_carer: 'Young carer',
  trafficking: 'Trafficking',
  gangs: 'Gangs',
  fgm: 'Female genital mutilation',
  faith_abuse: 'Abuse linked to faith or belief',
  radicalisation: 'Radicalisation',
  privately_fostered: 'Privately fostered',
  other: 'Other',
});

export const CONTACT_TYPES = list({ child: 'About a child or children', adult: 'About an adult at risk' });

export const CONSENT = list({
  given: 'Consent given',
  not_sought: 'Consent not sought',
  overridden: 'Shared without consent',
});

export const LAWFUL_BASES = list({
  safeguarding: 'Data Protection Act 2018, Schedule 8 paragraph 4: safeguarding of children and individuals at risk',
  public_task: 'UK GDPR Article 6(1)(e): public task (Children Act 1989 sections 17 and 47)',
  vital_interests: 'UK GDPR Article 6(1)(d): vital interests',
  legal_obligation: 'UK GDPR Article 6(1)(c): legal obligation',
  crime: 'Data Protection Act 2018, Schedule 2 paragraph 2: prevention or detection of crime',
});

export const SUBJECT_ROLES = list({
  subject_child: 'Child the contact is about',
  subject_adult: 'Adult the contact is about',
  parent_carer: 'Parent or carer',
  other_adult: 'Other adult in the household',
  /** An allegation against someone who works with children: the front door passes it to the LADO (Working Together 2023). */
  position_of_trust: 'Adult in a position of trust (works or volunteers with children): an allegation for the LADO',
  other: 'Other person',
});

export const SCHOOL_PHASES = list({
  nursery: 'Nursery',
  primary: 'Primary',
  secondary: 'Secondary',
  all_through: 'All-through',
  special: 'Special',
  alternative_provision: 'Alternative provision',
  sixteen_plus: 'College or sixth form (16 to 19)',
});
