/**
 * Roles (the brief's "who uses it" table) and what each may do. Routes declare a permission; a role grants a set
 * of permissions; record-level rules (access.ts) then decide which records.
 */

export const PERMISSIONS = {
  'contact:create': 'Record a contact or referral',
  'contact:read': 'Open contacts their agency may see',
  'contact:screen': 'Record screening decisions',
  'contact:authorise': 'Authorise screening decisions',
  'worklist:view': 'See the MASH worklist',
  'contact:import': 'Upload files of police notifications',
  'info_request:answer': 'Answer information requests sent to their agency',
  'info_request:escalations': 'Receive escalations of their agency’s overdue information requests',
  'person:search': 'Search the person register',
  'person:read': 'Open person records their agency may see',
  'person:create': 'Add a person to the register',
  'person:edit': 'Change a person record',
  'person:merge': 'Review possible duplicates, merge records and undo merges',
  'matching:manage': 'Re-estimate the matching model and scan the register for duplicates',
  'audit:view': 'See who viewed a record and the break-glass report',
  'measures:view': 'See the partnership’s measures, their breakdowns and the board report',
  'measures:records': 'Open the records behind a measure (only those their agency may see)',
  'measures:manage': 'Choose the scorecard, set targets, populations and comparators, publish figures',
  'admin:manage': 'Manage agencies, teams, users, roles and calendars',
  'da:triage': 'Run the daily domestic abuse triage (MADA) and grade households',
  'dash:complete': 'Complete a DASH risk identification checklist',
  'marac:refer': 'Refer a victim of domestic abuse to MARAC',
  'marac:research': 'Complete MARAC research for their agency and open the meetings it attends',
  'marac:coordinate': 'Run MARAC: meetings, agendas, minutes and actions',
  'da_service:work': 'Work IDVA and commissioned domestic abuse service cases',
  'encompass:receive': 'Receive Operation Encompass notifications about their own pupils (school key adults)',
  'encompass:key_adults': 'Choose their school’s key adults and set its school day and term dates',
  'encompass:monitor': 'Watch every Operation Encompass notification: the needs-a-school queue, late and missed ones',
  'adult:work': 'Work adult safeguarding concerns and enquiries: the three-point test, decisions, enquiries, meetings and outcomes',
  'adult:authorise': 'Authorise decisions on adult safeguarding concerns',
  'adult:contribute': 'Answer requests to contribute to adult safeguarding enquiries sent to their agency',
  'providers:monitor': 'Monitor care providers: contract concerns, provider enquiries and the safeguarding concerns about each',
  'dols:manage': 'Receive, prioritise and allocate Deprivation of Liberty Safeguards applications and record decisions',
  'dols:assess': 'Complete the DoLS assessments allocated to them (best interests assessor)',
  'lead:transfer': 'Propose and accept transfers of the lead for a person’s safeguarding work, and see the transitions list',
  'csc:work': 'Work children’s social care cases: assessments, strategy discussions, section 47 enquiries, plans, core groups and visits',
  'csc:authorise': 'Authorise assessments, allocate children’s social care cases and close them',
  'conference:chair': 'Convene and chair child protection conferences: invitations, the record, decisions and reviews',
  'conference:report': 'Write their agency’s reports for child protection conferences it is invited to, and see those conferences',
  'early_help:lead': 'Lead early help for families their agency leads: the family contacted, the early help assessment, the team around the family, steps up and down',
  'early_help:manage': 'Run early help triage: take on families, choose lead practitioners, see every episode',
  'census:export': 'Produce the Children in Need census return and its validation report',
  'cme:work': 'Work children missing education referrals: enquiries, outcomes, and the elective home education register',
  'cme:refer': 'Refer a child missing education from their school, and follow their own school’s referrals',
  'lado:work': 'Work allegations against people who work with children: the threshold decision, meetings, police status, outcomes (the designated officer)',
  'lado:employer': 'Follow the allegations their organisation referred or employs the person in, and record the employer’s actions',
  'partnership:manage': 'Run the partnership’s business: boards, meetings and attendance, the risk log, action plans, multi-agency audits and self-assessment rounds',
  'partnership:view': 'Follow the partnership’s work: boards’ meetings, the risk log, action plans, audits, self-assessment progress and the assurance dashboard',
  'reviews:manage': 'Run learning reviews: rapid reviews, LCSPRs, safeguarding adults reviews, domestic homicide reviews, practice reviews and child death reviews',
  'actions:update': 'Update their agency’s partnership actions with progress, evidence, status and RAG',
  'audits:grade': 'Grade their agency’s part of records sampled for a multi-agency audit',
  'training:book': 'Book their agency’s staff onto partnership training, and see their agency’s bookings',
  'training:manage': 'Run partnership training: courses, sessions, registers, evaluations, the 3-month impact check and the training needs analysis',
  'public_content:manage': 'Keep the public site’s “Find help” directory and the partnership’s awareness campaigns, and see how the public pages are used',
  'self_assessment:complete': 'Complete their organisation’s safeguarding self-assessment (S11, S175, the voluntary sector’s tool, the joint tool, DA)',
} as const;

export type Permission = keyof typeof PERMISSIONS;

/** Route rules: a permission, or one of the two rules that need no role. */
export type RouteRule = Permission | 'public' | 'signed-in';

export const ROLES = {
  mash_screener: 'MASH screener / social worker',
  mash_manager: 'MASH team manager',
  police_officer: 'Police MASH or domestic abuse officer',
  health_lead: 'Health safeguarding lead',
  school_dsl: 'School designated safeguarding lead',
  idva: 'Independent domestic violence adviser (IDVA)',
  marac_coordinator: 'MARAC coordinator',
  social_worker: 'Children’s social worker',
  csc_team_manager: 'Children’s social care team manager',
  conference_chair: 'Child protection conference chair',
  early_help_practitioner: 'Early help practitioner (council locality team)',
  adult_safeguarding_worker: 'Adult safeguarding worker',
  adult_safeguarding_manager: 'Adult safeguarding manager',
  dols_lead: 'Deprivation of Liberty Safeguards lead',
  best_interests_assessor: 'Best interests assessor (BIA)',
  contract_compliance_officer: 'Contract compliance officer (commissioning)',
  provider_user: 'Care provider staff member',
  cme_officer: 'Children missing education officer',
  cme_locality_worker: 'Education welfare (children missing education) locality worker',
  lado: 'Local authority designated officer (LADO)',
  partner_manager: 'Partner agency safeguarding manager',
  school_administrator: 'School administrator (Operation Encompass key adults)',
  board_analyst: 'Safeguarding board analyst',
  business_unit_officer: 'Safeguarding partnership business unit officer',
  system_admin: 'System administrator',
} as const;

export type Role = keyof typeof ROLES;

export const ALL_ROLES = Object.keys(ROLES) as Role[];

const PARTNER: Permission[] = ['contact:create', 'contact:read', 'person:search', 'person:read', 'person:create', 'measures:view', 'measures:records', 'info_request:answer', 'dash:complete', 'marac:refer', 'marac:research', 'adult:contribute', 'conference:report', 'early_help:lead', 'lado:employer', 'actions:update', 'audits:grade', 'training:book', 'self_assessment:complete'];
const CSC: Permission[] = ['contact:read', 'person:search', 'person:read', 'person:create', 'person:edit', 'measures:view', 'measures:records', 'csc:work', 'early_help:lead', 'lead:transfer'];
const SCREENER: Permission[] = [...PARTNER, 'contact:screen', 'worklist:view', 'person:edit', 'contact:import', 'da:triage', 'encompass:monitor', 'encompass:receive'];
const MANAGER: Permission[] = [...SCREENER, 'contact:authorise', 'audit:view', 'person:merge', 'info_request:escalations'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  mash_screener: [...SCREENER, 'lead:transfer'],
  mash_manager: [...MANAGER, 'lead:transfer', 'partnership:view'],
  police_officer: [...PARTNER, 'contact:import', 'da:triage'],
  health_lead: [...PARTNER, 'encompass:receive'],
  school_dsl: [...PARTNER, 'encompass:receive', 'cme:refer'],
  idva: [...PARTNER, 'da:triage', 'da_service:work'],
  marac_coordinator: ['contact:read', 'person:search', 'person:read', 'measures:view', 'marac:refer', 'marac:research', 'marac:coordinate'],
  social_worker: CSC,
  csc_team_manager: [...CSC, 'csc:authorise', 'audit:view', 'census:export', 'early_help:manage', 'actions:update', 'audits:grade', 'training:book', 'self_assessment:complete', 'partnership:view'],
  conference_chair: ['contact:read', 'person:search', 'person:read', 'measures:view', 'csc:work', 'conference:chair'],
  early_help_practitioner: ['contact:read', 'person:search', 'person:read', 'person:create', 'measures:view', 'early_help:lead', 'early_help:manage'],
  adult_safeguarding_worker: [...SCREENER, 'adult:work', 'lead:transfer'],
  adult_safeguarding_manager: [...MANAGER, 'adult:work', 'adult:authorise', 'lead:transfer', 'providers:monitor', 'partnership:view'],
  dols_lead: ['person:search', 'person:read', 'dols:manage', 'dols:assess', 'measures:view'],
  best_interests_assessor: ['dols:assess'],
  contract_compliance_officer: ['providers:monitor', 'measures:view'],
  provider_user: ['adult:contribute'],
  cme_officer: [...PARTNER, 'cme:work'],
  cme_locality_worker: ['person:search', 'person:read', 'measures:view', 'cme:work'],
  lado: [...PARTNER, 'lado:work'],
  partner_manager: [...PARTNER, 'info_request:escalations', 'partnership:view'],
  school_administrator: ['encompass:key_adults'],
  board_analyst: ['measures:view', 'measures:records', 'measures:manage', 'census:export', 'partnership:view'],
  business_unit_officer: ['measures:view', 'partnership:manage', 'partnership:view', 'reviews:manage', 'training:manage', 'training:book', 'public_content:manage'],
  system_admin: ['admin:manage', 'matching:manage', 'encompass:key_adults'],
};

/** Roles that must use a second factor before they can do anything. */
export const ROLES_REQUIRING_MFA: ReadonlySet<Role> = new Set<Role>(['system_admin']);

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) out.add(p);
  return out;
}

export function allows(rule: RouteRule, signedIn: boolean, permissions: ReadonlySet<Permission>): boolean {
  if (rule === 'public') return true;
  if (!signedIn) return false;
  if (rule === 'signed-in') return true;
  return permissions.has(rule);
}

export function requiresMfa(roles: readonly Role[]): boolean {
  return roles.some((r) => ROLES_REQUIRING_MFA.has(r));
}
