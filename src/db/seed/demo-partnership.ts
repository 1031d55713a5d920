/**
 * Demo data for the safeguarding partnership's own work in Fernmoor (issue 17), for the 365 days up to `now`:
 *
 * - Boards: the children's safeguarding partnership, the safeguarding adults board and the community safety
 *   partnership, each with its main board and 4–6 sub-groups, members by agency (the demo's partner users among
 *   them), five main-board meetings a year (May, June, September, December, March, as the seed report's appendix
 *   of board attendance) and one upcoming, sub-groups quarterly, agendas, decisions, minutes and attendance in the
 *   appendix's proportions (most agencies 75–100%, housing and the cabinet member 0% at the children's board), and
 *   an issues / risk log of about 12 entries a board with a few reviews overdue.
 * - Learning reviews: about 4 rapid reviews a year (one went on to an LCSPR, one was referred for a national review),
 *   2 LCSPRs in progress (one held for criminal proceedings), 2 safeguarding adults reviews (Care Act s44 criteria),
 *   a domestic homicide review, 2 practice reviews and about 25 child death reviews (CDOP categories, modifiable
 *   factors), each with a pseudonym, dates in order (a couple of clocks late) and findings.
 * - The action tracker: a plan per review with findings, per closed audit, per self-assessment round, the peer
 *   review's short plan (5 open actions) and an Ofsted inspection's; about 120 actions with owners, due dates,
 *   statuses, updates with evidence notes and impact checks.
 * - Multi-agency audits: the year's programme of 6 (neglect, CSE, DA with children present, self-neglect, transitions
 *   at 18, the MCA), samples of 6 real demo records each, gradings by agency and findings.
 * - Training: the seed report's 20 themed children's courses, adults' and DA courses, sessions across the year,
 *   bookings so that 2,410 professionals attended children's courses and 1,058 adults' (by the adults' board's
 *   table of agencies), evaluations, the 3-month impact check answered by about a third, and the needs analysis.
 * - Self-assessment: the standard frameworks installed; the S175 round for 129 schools (67 at 90–100%, 41 over 50%),
 *   the S11 round for the statutory agencies, the voluntary sector's round for 24 organisations (5 / 13 / 6 not
 *   started) and the joint tool's round just opened; answers with RAG and evidence; a couple of challenge meetings.
 *
 * Every person is synthetic, every address and email domain invented (`.example`). Deterministic: a seeded
 * generator of its own. Rows are written in batches (no per-row round trips).
 */
import { createHash, randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../client.js';
import {
  actionPlan,
  actionRecommendation,
  actionUpdate,
  agency,
  board,
  boardAgendaItem,
  boardAttendance,
  boardDecision,
  boardGroup,
  boardMeeting,
  boardMember,
  boardRisk,
  caseAudit,
  caseAuditFinding,
  caseAuditGrading,
  caseAuditSample,
  learningReview,
  learningReviewAgency,
  learningReviewFinding,
  partnershipAction,
  saAnswer,
  saFramework,
  saReturn,
  saRound,
  saStandard,
  school,
  trainingBooking,
  trainingCourse,
  trainingNeed,
  trainingSession,
} from '../schema/index.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { STANDARD_FRAMEWORKS, type FrameworkKind } from '../../domain/self-assessment-frameworks.js';
import { type LocalDate, addDays, addMonths, formatLocalDate, instantAt, parseLocalDate, toDayNumber } from '../../domain/time.js';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE, POSTCODE_UNITS, syntheticPostcode } from './names.js';
import { Random } from './random.js';

export interface PartnershipSeedInput {
  tenantId: string;
  /** 'csc', 'asc', 'police', 'health', 'probation', 'education', 'housing', 'voluntary', 'da', 'cs', 'board', 'school:990101', … → agency id. */
  agencyIds: ReadonlyMap<string, string>;
  /** The part before @ of the demo users' emails → user id. */
  userIds: ReadonlyMap<string, string>;
  now: Date;
  calendar: WorkingCalendar;
  scale: number;
  log: (message: string) => void;
}

export interface PartnershipSeedSummary {
  boards: number;
  groups: number;
  meetings: number;
  risks: number;
  reviews: number;
  plans: number;
  actions: number;
  audits: number;
  courses: number;
  sessions: number;
  attendedChildren: number;
  attendedAdults: number;
  schools: number;
  voluntary: number;
  returns: number;
}

const SEED = 20_261_217;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A yearly figure at a scale, never below `min` (so a small borough still has every kind of record). */
export function scaled(figure: number, scale: number, min = 1): number {
  return Math.max(min, Math.round(figure * Math.max(scale, 0)));
}

/** The seed report's volumes at scale 1 (the tests multiply them by the template's scale). */
export const PARTNERSHIP_VOLUMES = {
  schools: 129,
  schoolsTop: 67,
  schoolsOverHalf: 41,
  voluntary: 24,
  voluntaryTop: 5,
  voluntaryOverHalf: 13,
  voluntaryNotStarted: 6,
  attendedChildren: 2410,
  attendedAdults: 1058,
  attendedDomesticAbuse: 320,
  rapidReviews: 4,
  childDeaths: 25,
  risksPerBoard: 12,
  trainingNeeds: 40,
} as const;

/** The minimums below which a small scale does not go. */
export const PARTNERSHIP_MINIMUMS = { rapidReviews: 3, childDeaths: 4, risksPerBoard: 4, voluntary: 4, trainingNeeds: 10 } as const;

// ——— boards ———

interface MemberDef {
  agency: string;
  name: string;
  title: string;
  role?: 'chair' | 'vice_chair' | 'member' | 'adviser';
  user?: string;
  /** Attendance at the main board's five meetings, oldest first: A attended, D deputy, P apologies, X absent. */
  pattern?: string;
}

interface GroupDef {
  name: string;
  remit: string;
  members: MemberDef[];
}

interface BoardDef {
  kind: 'children' | 'adults' | 'community_safety';
  name: string;
  main: GroupDef;
  subs: GroupDef[];
  /** Day of the month the main board meets from, and its start (minutes after midnight). */
  day: number;
  start: number;
  venue: string;
}

const BU = { agency: 'csc', name: 'Bryn Partnership', title: 'Safeguarding Partnerships Business Manager', role: 'adviser' as const, user: 'business-unit' };

const BOARDS: BoardDef[] = [
  {
    kind: 'children',
    name: 'Fernmoor Safeguarding Children Partnership',
    day: 10,
    start: 9 * 60 + 30,
    venue: 'Fernmoor Town Hall, Committee Room 1',
    main: {
      name: 'Safeguarding Children Partnership Board',
      remit: 'The three safeguarding partners and relevant agencies: sets the priorities, holds partners to account and publishes the annual report.',
      members: [
        { agency: 'board', name: 'Dr Ruth Calloway', title: 'Independent Chair and Scrutineer', role: 'chair', pattern: 'AAAAA' },
        { agency: 'csc', name: 'Joanna Pike', title: 'Director of Children’s Services', pattern: 'AAADA' },
        { agency: 'csc', name: 'Councillor Dev Sharma', title: 'Cabinet Member for Children and Young People', pattern: 'PPPPP' },
        { agency: 'asc', name: 'Martin Oyelaran', title: 'Strategic Director of Adult Care', pattern: 'DPDDA' },
        { agency: 'police', name: 'Det Supt Karen Holt', title: 'Head of Public Protection, Fernmoor Constabulary', pattern: 'PADAA' },
        { agency: 'health', name: 'Siobhan Reilly', title: 'Chief Nurse, Fernmoor Integrated Care Board', role: 'vice_chair', pattern: 'DAAAA' },
        { agency: 'health', name: 'Harper Nurse', title: 'Designated Nurse for Safeguarding Children', user: 'health', pattern: 'PAADA' },
        { agency: 'probation', name: 'Gareth Lowe', title: 'Head of Fernmoor Probation Delivery Unit', pattern: 'AAAAA' },
        { agency: 'education', name: 'Amanda Birch', title: 'Director of Education and Inclusion', pattern: 'AAAAA' },
        { agency: 'school:990202', name: 'Neil Ashworth', title: 'Headteacher (schools and colleges representative)', pattern: 'AAAAA' },
        { agency: 'housing', name: 'Carl Dempsey', title: 'Head of Housing Services, Fernmoor Homes', pattern: 'XPPPP' },
        { agency: 'voluntary', name: 'Yvonne Achebe', title: 'Chief Executive (voluntary sector representative)', pattern: 'PPAAD' },
        { agency: 'board', name: 'Tessa Longstaff', title: 'Lay member', pattern: 'AAPPA' },
        { ...BU, pattern: 'AAAAA' },
      ],
    },
    subs: [
      {
        name: 'Learning and Improvement',
        remit: 'Rapid reviews, LCSPRs and practice reviews: commissions reviews, agrees the learning and tracks the action plans.',
        members: [
          { agency: 'csc', name: 'Helen Varley', title: 'Head of Safeguarding and Quality Assurance', role: 'chair' },
          { agency: 'csc', name: 'Terry Oduya', title: 'Team Manager, Locality Social Work (North)', user: 'csc-manager' },
          { agency: 'police', name: 'DI Sean Maguire', title: 'Detective Inspector, Public Protection' },
          { agency: 'health', name: 'Harper Nurse', title: 'Designated Nurse for Safeguarding Children', user: 'health' },
          { agency: 'education', name: 'Rachel Moss', title: 'Education Safeguarding Lead' },
          BU,
        ],
      },
      {
        name: 'Performance and Quality Assurance',
        remit: 'The multi-agency dataset and scorecard, the audit programme and the partners’ self-assessments.',
        members: [
          { agency: 'police', name: 'Supt Lisa Barton', title: 'Superintendent, Safeguarding', role: 'chair' },
          { agency: 'csc', name: 'Billie Analyst', title: 'Performance Analyst', user: 'analyst', role: 'adviser' },
          { agency: 'csc', name: 'Morgan Manager', title: 'MASH Manager', user: 'manager' },
          { agency: 'health', name: 'Dr Anil Desai', title: 'Named Doctor for Safeguarding Children' },
          { agency: 'education', name: 'Rachel Moss', title: 'Education Safeguarding Lead' },
          BU,
        ],
      },
      {
        name: 'Training and Workforce Development',
        remit: 'The multi-agency training offer, the training needs analysis and the evaluation of training’s impact.',
        members: [
          { agency: 'education', name: 'Rachel Moss', title: 'Education Safeguarding Lead', role: 'chair' },
          { agency: 'csc', name: 'Paula Greenwood', title: 'Principal Social Worker' },
          { agency: 'health', name: 'Janet Cole', title: 'Named Nurse for Safeguarding Children' },
          { agency: 'voluntary', name: 'Yvonne Achebe', title: 'Chief Executive (voluntary sector representative)' },
          { agency: 'school:990101', name: 'Dana Lead', title: 'Designated Safeguarding Lead (primary schools)', user: 'dsl' },
          BU,
        ],
      },
      {
        name: 'Education',
        remit: 'Safeguarding in schools and colleges: the S175 self-assessment, DSL networks, attendance and children missing education.',
        members: [
          { agency: 'education', name: 'Amanda Birch', title: 'Director of Education and Inclusion', role: 'chair' },
          { agency: 'school:990202', name: 'Neil Ashworth', title: 'Headteacher, Fernmoor High School' },
          { agency: 'school:990401', name: 'Jordan Pastoral', title: 'Designated Safeguarding Lead (colleges)', user: 'dsl2' },
          { agency: 'health', name: 'Janet Cole', title: 'Named Nurse (school nursing)' },
          { agency: 'csc', name: 'Helen Varley', title: 'Head of Safeguarding and Quality Assurance' },
        ],
      },
      {
        name: 'Child Exploitation',
        remit: 'Child sexual and criminal exploitation, children missing from home and care, county lines.',
        members: [
          { agency: 'police', name: 'Priya Inspector', title: 'Inspector, MASH Police Unit', user: 'police-manager', role: 'chair' },
          { agency: 'csc', name: 'Morgan Manager', title: 'MASH Manager', user: 'manager' },
          { agency: 'health', name: 'Janet Cole', title: 'Named Nurse for Safeguarding Children' },
          { agency: 'education', name: 'Rachel Moss', title: 'Education Safeguarding Lead' },
          { agency: 'voluntary', name: 'Kieran Walsh', title: 'Youth Outreach Manager' },
          { agency: 'housing', name: 'Donna Firth', title: 'Tenancy Support Manager' },
        ],
      },
      {
        name: 'Health',
        remit: 'Health partners’ safeguarding: the designated and named professionals, child deaths and health’s part in plans.',
        members: [
          { agency: 'health', name: 'Harper Nurse', title: 'Designated Nurse for Safeguarding Children', user: 'health', role: 'chair' },
          { agency: 'health', name: 'Dr Anil Desai', title: 'Named Doctor for Safeguarding Children' },
          { agency: 'health', name: 'Claire Bentham', title: 'Head of Midwifery' },
          { agency: 'csc', name: 'Helen Varley', title: 'Head of Safeguarding and Quality Assurance' },
          { agency: 'police', name: 'DI Sean Maguire', title: 'Detective Inspector, Public Protection' },
        ],
      },
    ],
  },
  {
    kind: 'adults',
    name: 'Fernmoor Safeguarding Adults Board',
    day: 14,
    start: 13 * 60 + 30,
    venue: 'Riverside House, Board Room',
    main: {
      name: 'Safeguarding Adults Board',
      remit: 'The Care Act board: its strategic plan, safeguarding adults reviews, assurance from partners and the annual report.',
      members: [
        { agency: 'board', name: 'Graham Ellwood', title: 'Independent Chair', role: 'chair', pattern: 'AAAAA' },
        { agency: 'asc', name: 'Martin Oyelaran', title: 'Strategic Director of Adult Care', pattern: 'AAPAA' },
        { agency: 'asc', name: 'Robin Lead', title: 'Head of Adult Safeguarding', user: 'adults-manager', pattern: 'AAAAA' },
        { agency: 'asc', name: 'Councillor Maureen Tate', title: 'Cabinet Member for Adult Social Care and Health', pattern: 'PAPPP' },
        { agency: 'police', name: 'DCI Owen Pritchard', title: 'Detective Chief Inspector, Safeguarding', pattern: 'PPAAA' },
        { agency: 'health', name: 'Siobhan Reilly', title: 'Chief Nurse, Fernmoor Integrated Care Board', role: 'vice_chair', pattern: 'AAAAA' },
        { agency: 'health', name: 'Beverley Hanson', title: 'Head of Adult Safeguarding, Fernmoor NHS Foundation Trust', pattern: 'AAAAD' },
        { agency: 'csc', name: 'Helen Varley', title: 'Head of Safeguarding and Quality Assurance (children)', pattern: 'APPPA' },
        { agency: 'probation', name: 'Gareth Lowe', title: 'Head of Fernmoor Probation Delivery Unit', pattern: 'PAPAA' },
        { agency: 'housing', name: 'Carl Dempsey', title: 'Head of Housing Services, Fernmoor Homes', pattern: 'AAPAA' },
        { agency: 'voluntary', name: 'Sunita Mistry', title: 'Healthwatch and voluntary sector representative', pattern: 'PPAPA' },
        { ...BU, pattern: 'AAAAA' },
      ],
    },
    subs: [
      {
        name: 'Safeguarding Adults Review',
        remit: 'Considers referrals against Care Act s44, commissions reviews and tracks their action plans.',
        members: [
          { agency: 'asc', name: 'Robin Lead', title: 'Head of Adult Safeguarding', user: 'adults-manager', role: 'chair' },
          { agency: 'police', name: 'DCI Owen Pritchard', title: 'Detective Chief Inspector, Safeguarding' },
          { agency: 'health', name: 'Beverley Hanson', title: 'Head of Adult Safeguarding, NHS Foundation Trust' },
          { agency: 'housing', name: 'Donna Firth', title: 'Tenancy Support Manager' },
          BU,
        ],
      },
      {
        name: 'Performance and Quality',
        remit: 'The adults’ dataset (the Safeguarding Adults Collection), audits and Making Safeguarding Personal outcomes.',
        members: [
          { agency: 'health', name: 'Beverley Hanson', title: 'Head of Adult Safeguarding, NHS Foundation Trust', role: 'chair' },
          { agency: 'csc', name: 'Billie Analyst', title: 'Performance Analyst', user: 'analyst', role: 'adviser' },
          { agency: 'asc', name: 'Robin Lead', title: 'Head of Adult Safeguarding', user: 'adults-manager' },
          { agency: 'asc', name: 'Nadia Rahman', title: 'Quality Assurance Officer' },
          BU,
        ],
      },
      {
        name: 'Training and Workforce Development',
        remit: 'The adults’ training strategy and plan, multi-agency and specialist courses and their evaluation.',
        members: [
          { agency: 'asc', name: 'Nadia Rahman', title: 'Workforce Development Lead', role: 'chair' },
          { agency: 'health', name: 'Beverley Hanson', title: 'Head of Adult Safeguarding, NHS Foundation Trust' },
          { agency: 'provider:heathervale', name: 'Lorraine Batty', title: 'Registered Manager (independent sector representative)' },
          { agency: 'voluntary', name: 'Sunita Mistry', title: 'Voluntary sector representative' },
          BU,
        ],
      },
      {
        name: 'Mental Capacity Act and DoLS',
        remit: 'Practice under the Mental Capacity Act 2005 and the Deprivation of Liberty Safeguards across the partnership.',
        members: [
          { agency: 'asc', name: 'Devon Hale', title: 'DoLS Lead', role: 'chair' },
          { agency: 'health', name: 'Dr Fiona Grant', title: 'MCA Lead, NHS Foundation Trust' },
          { agency: 'asc', name: 'Robin Lead', title: 'Head of Adult Safeguarding', user: 'adults-manager' },
          { agency: 'police', name: 'Sgt Ian Pearce', title: 'Mental Health Liaison Sergeant' },
        ],
      },
      {
        name: 'Prevention and Making Safeguarding Personal',
        remit: 'Prevention, self-neglect, engagement with people who use services and carers, and Making Safeguarding Personal.',
        members: [
          { agency: 'asc', name: 'Nadia Rahman', title: 'Quality Assurance Officer', role: 'chair' },
          { agency: 'voluntary', name: 'Sunita Mistry', title: 'Voluntary sector representative' },
          { agency: 'housing', name: 'Donna Firth', title: 'Tenancy Support Manager' },
          { agency: 'health', name: 'Dr Fiona Grant', title: 'MCA Lead, NHS Foundation Trust' },
        ],
      },
    ],
  },
  {
    kind: 'community_safety',
    name: 'Safer Fernmoor Partnership',
    day: 17,
    start: 10 * 60,
    venue: 'Fernmoor Police Station, Conference Room',
    main: {
      name: 'Safer Fernmoor Partnership Board',
      remit: 'The community safety partnership’s responsible authorities: crime and disorder, domestic abuse, serious violence, Prevent and domestic homicide reviews.',
      members: [
        { agency: 'cs', name: 'Councillor Rob Hendry', title: 'Cabinet Member for Community Safety', role: 'chair', pattern: 'AAAAA' },
        { agency: 'cs', name: 'Angela Wray', title: 'Community Safety Manager', pattern: 'AAAAA' },
        { agency: 'police', name: 'Supt Mark Dunning', title: 'District Commander, Fernmoor', role: 'vice_chair', pattern: 'ADAAA' },
        { agency: 'police', name: 'Priya Inspector', title: 'Inspector, MASH Police Unit', user: 'police-manager', pattern: 'AAPAA' },
        { agency: 'probation', name: 'Gareth Lowe', title: 'Head of Fernmoor Probation Delivery Unit', pattern: 'AAAAA' },
        { agency: 'health', name: 'Siobhan Reilly', title: 'Chief Nurse, Fernmoor Integrated Care Board', pattern: 'APAAD' },
        { agency: 'housing', name: 'Carl Dempsey', title: 'Head of Housing Services, Fernmoor Homes', pattern: 'AAAPA' },
        { agency: 'da', name: 'Imogen Clarke', title: 'Manager, Fernmoor Domestic Abuse Service', pattern: 'AAAAA' },
        { agency: 'asc', name: 'Martin Oyelaran', title: 'Strategic Director of Adult Care', pattern: 'PAAPA' },
        { agency: 'csc', name: 'Joanna Pike', title: 'Director of Children’s Services', pattern: 'AAPAA' },
        { agency: 'voluntary', name: 'Yvonne Achebe', title: 'Voluntary sector representative', pattern: 'PAPPA' },
        { ...BU, pattern: 'AAAPA' },
      ],
    },
    subs: [
      {
        name: 'Domestic Abuse Priority Group',
        remit: 'The domestic abuse strategy, MARAC’s performance, Operation Encompass and domestic homicide reviews’ actions.',
        members: [
          { agency: 'cs', name: 'Angela Wray', title: 'Community Safety Manager', role: 'chair' },
          { agency: 'police', name: 'Priya Inspector', title: 'Inspector, MASH Police Unit', user: 'police-manager' },
          { agency: 'da', name: 'Imogen Clarke', title: 'Manager, Fernmoor Domestic Abuse Service' },
          { agency: 'health', name: 'Beverley Hanson', title: 'Head of Adult Safeguarding, NHS Foundation Trust' },
          { agency: 'housing', name: 'Donna Firth', title: 'Tenancy Support Manager' },
          { agency: 'csc', name: 'Morgan Manager', title: 'MASH Manager', user: 'manager' },
        ],
      },
      {
        name: 'Serious Violence and Exploitation',
        remit: 'The serious violence duty, county lines and criminal exploitation of young people and adults.',
        members: [
          { agency: 'police', name: 'Supt Mark Dunning', title: 'District Commander, Fernmoor', role: 'chair' },
          { agency: 'probation', name: 'Gareth Lowe', title: 'Head of Fernmoor Probation Delivery Unit' },
          { agency: 'education', name: 'Rachel Moss', title: 'Education Safeguarding Lead' },
          { agency: 'csc', name: 'Paula Greenwood', title: 'Principal Social Worker' },
        ],
      },
      {
        name: 'Anti-Social Behaviour and Hate Crime',
        remit: 'Anti-social behaviour case reviews (the community trigger), hate crime and neighbourhood problem solving.',
        members: [
          { agency: 'cs', name: 'Angela Wray', title: 'Community Safety Manager', role: 'chair' },
          { agency: 'police', name: 'Sgt Ian Pearce', title: 'Neighbourhood Sergeant' },
          { agency: 'housing', name: 'Donna Firth', title: 'Tenancy Support Manager' },
          { agency: 'voluntary', name: 'Kieran Walsh', title: 'Youth Outreach Manager' },
        ],
      },
      {
        name: 'Prevent',
        remit: 'The Prevent duty: referrals to Channel, training and the area’s counter-terrorism local profile.',
        members: [
          { agency: 'cs', name: 'Angela Wray', title: 'Community Safety Manager', role: 'chair' },
          { agency: 'police', name: 'DS Farah Iqbal', title: 'Prevent Officer' },
          { agency: 'education', name: 'Amanda Birch', title: 'Director of Education and Inclusion' },
          { agency: 'health', name: 'Janet Cole', title: 'Prevent Lead, NHS Foundation Trust' },
        ],
      },
    ],
  },
];

/** The main boards meet in May, June, September, December and March (the seed report's appendix). */
const MAIN_MONTHS = [5, 6, 9, 12, 3];

const MAIN_AGENDA = [
  ['Welcome, apologies and declarations of interest', 'chair'],
  ['Minutes and action log of the last meeting', 'bu'],
  ['Learning reviews: progress and learning', 'lead'],
  ['Performance report and the multi-agency scorecard', 'analyst'],
  ['Multi-agency audit findings', 'lead'],
  ['Training and workforce development update', 'lead'],
  ['Issues and risk log', 'bu'],
  ['Any other business', 'chair'],
] as const;

const SUB_AGENDA = ['Minutes and actions', 'Action plan progress: actions due and overdue', 'Deep dive', 'Report to the main board'];

const DECISIONS: Record<BoardDef['kind'], string[]> = {
  children: [
    'The board agreed the rapid review’s recommendation and asked the Learning and Improvement sub-group to commission the LCSPR.',
    'The board approved the neglect strategy refresh and asked all partners to use the Graded Care Profile where neglect is suspected.',
    'The board accepted the audit’s findings and asked partners to report progress on the action plan at the next meeting.',
    'The board agreed the training needs analysis should cover every partner agency, and asked for it by the end of the year.',
    'The board escalated the low attendance of housing to the council’s chief executive.',
    'The board agreed to reduce the business plan to five priorities with a small number of game changing actions.',
    'The board approved the annual report for publication.',
    'The board asked the police and children’s social care to report on strategy discussion timeliness.',
  ],
  adults: [
    'The board agreed a safeguarding adults review under s44(1) and approved its terms of reference.',
    'The board approved the self-neglect and hoarding procedure, to be launched with a learning event.',
    'The board asked for assurance from the NHS Foundation Trust on mental capacity assessments before discharge.',
    'The board agreed the joint children’s and adults’ self-assessment should replace the separate tools.',
    'The board approved the annual report and the strategic plan’s priorities for the coming year.',
    'The board asked the Performance and Quality sub-group to report on Making Safeguarding Personal outcomes.',
  ],
  community_safety: [
    'The partnership agreed to hold a domestic homicide review and notified the Home Office.',
    'The partnership approved the domestic abuse strategy and the safe accommodation needs assessment.',
    'The partnership agreed to fund a second IDVA for the MARAC’s rising volume.',
    'The partnership asked the Domestic Abuse Priority Group to audit repeat MARAC referrals.',
    'The partnership approved the serious violence strategic needs assessment.',
    'The partnership agreed the Operation Encompass expansion to early years settings.',
  ],
};

const RISKS: Record<BoardDef['kind'], [string, string, string, string][]> = {
  children: [
    ['Partner funding contributions not agreed', 'The three safeguarding partners have not agreed next year’s contributions; the business unit’s posts are at risk.', 'csc', 'Funding formula proposed to the partners’ executive group; interim agreement to roll over contributions.'],
    ['Health visiting capacity', 'Vacancies in health visiting mean new birth visits and 6–8 week reviews are being missed.', 'health', 'Recruitment drive; skill-mix with nursery nurses; missed visits prioritised by vulnerability.'],
    ['Social worker turnover in locality teams', 'High turnover and agency staff reduce the consistency of work with children in need.', 'csc', 'Recruitment and retention package; caseload cap monitored monthly.'],
    ['Timeliness of strategy discussions', 'Police attendance at strategy discussions within one working day has fallen below the target.', 'police', 'Daily strategy discussion slots agreed with the MASH police unit; weekly monitoring.'],
    ['Schools’ S175 returns incomplete', 'A number of schools have not completed the section 175 self-assessment.', 'education', 'Reminders through the DSL network; the Education sub-group follows up the schools below 50%.'],
    ['Child exploitation: county lines activity', 'Intelligence shows increased county lines activity affecting children in two localities.', 'police', 'Multi-agency child exploitation meetings weekly; disruption plans; return home interviews.'],
    ['LCSPR publication delayed', 'Publication of an LCSPR is held for criminal proceedings; the learning must not wait.', 'csc', 'Learning shared through 7-minute briefings without identifying the family.'],
    ['Attendance of housing at the board', 'Housing has not attended the board this year.', 'housing', 'Escalated to the council’s chief executive; a named deputy agreed.'],
    ['Training needs analysis', 'There is no current multi-agency training needs analysis (peer review recommendation).', 'csc', 'Needs analysis by agency and role collected through the Training sub-group.'],
    ['Neglect: recognition by universal services', 'Audits show neglect is recognised late by universal services.', 'health', 'Graded Care Profile training; neglect audit actions.'],
    ['Information sharing with GPs', 'GPs do not consistently contribute to child protection conferences.', 'health', 'Conference report template for GPs; named GP lead following up.'],
    ['Elective home education numbers rising', 'More children are electively home educated, some not seen by any professional.', 'education', 'EHE checks within 10 school days; annual visits offered.'],
  ],
  adults: [
    ['Care home quality in the independent sector', 'Two care homes have been rated inadequate; residents’ safety depends on contract monitoring.', 'asc', 'Provider enquiries; joint visits by contracts and health; embargo on new placements.'],
    ['DoLS backlog', 'Applications waiting for assessment exceed the regional average.', 'asc', 'Prioritisation tool; additional best interests assessors commissioned.'],
    ['Self-neglect: repeat concerns', 'Repeat self-neglect concerns are closed without a multi-agency response.', 'asc', 'Self-neglect and hoarding procedure; multi-agency risk management meetings.'],
    ['Mental capacity assessments before discharge', 'Audit found capacity assumed rather than assessed before hospital discharge.', 'health', 'MCA training for ward staff; discharge checklist updated.'],
    ['Safeguarding adults review capacity', 'The board has few independent reviewers available for SARs.', 'asc', 'Regional reviewer framework; thematic reviews considered.'],
    ['Making Safeguarding Personal recording', 'Desired outcomes are not recorded in a third of enquiries.', 'asc', 'Recording prompts in the enquiry form; monthly audit.'],
    ['Financial abuse of older people', 'Reports of doorstep and online fraud against older people have risen.', 'police', 'Banking protocol; joint awareness campaign with trading standards.'],
    ['Transitions at 18', 'Young people with care and support needs are not always known to adults’ services before they turn 18.', 'asc', 'Transitions panel from age 14; joint audit planned.'],
    ['Board funding', 'Partner contributions to the adults’ board have not risen with its work.', 'asc', 'Funding review with the ICB and the police.'],
    ['Voluntary sector engagement', 'Small voluntary organisations are not linked into the board’s work.', 'voluntary', 'Voluntary sector forum; joint self-assessment tool.'],
    ['Hospital discharge pressures', 'Winter pressures lead to rushed discharges into care homes.', 'health', 'Discharge to assess pathway monitored by the board.'],
    ['Domestic abuse of older people', 'Domestic abuse by adult family members is recorded as a carer issue.', 'police', 'DASH training for adult social care; MARAC referral pathway.'],
  ],
  community_safety: [
    ['MARAC volume', 'MARAC cases have risen beyond the capacity of the IDVA service.', 'da', 'Additional IDVA funded; MARAC frequency increased to fortnightly.'],
    ['Repeat domestic abuse victims', 'The repeat rate at MARAC is below the expected range, suggesting repeats are missed.', 'cs', 'Repeat identification through Threshold; audit of repeats.'],
    ['Serious violence duty', 'The strategic needs assessment is late.', 'police', 'Analyst seconded from the police; timetable agreed.'],
    ['Domestic homicide review timeliness', 'A domestic homicide review has exceeded the Home Office timescale.', 'cs', 'Independent chair appointed; monthly panel meetings.'],
    ['Safe accommodation', 'Refuge spaces are full for most of the year.', 'housing', 'Dispersed accommodation commissioned; sanctuary scheme.'],
    ['Prevent referrals', 'Prevent referrals from schools are low compared with similar areas.', 'education', 'Prevent training for DSLs; referral pathway reissued.'],
    ['Anti-social behaviour case reviews', 'Community trigger applications are not reviewed within the timescale.', 'cs', 'Panel dates set monthly.'],
    ['County lines', 'Exploitation of vulnerable adults (cuckooing) in two estates.', 'police', 'Joint housing and police visits; closure orders.'],
    ['Perpetrator programmes', 'There is no accredited domestic abuse perpetrator programme in the area.', 'probation', 'Bid to the Home Office fund; interim one-to-one work.'],
    ['Operation Encompass coverage', 'Not all schools have a trained key adult for Operation Encompass.', 'education', 'Key adult training each term; monitoring of notices.'],
    ['Data sharing with health', 'Health’s contribution to MARAC research is incomplete.', 'health', 'MARAC health IDVA in the emergency department.'],
    ['Partnership funding', 'Community safety funding from the police and crime commissioner reduces next year.', 'cs', 'Priorities reviewed; joint commissioning with the boards.'],
  ],
};

const FINDING_POOL: Record<'children' | 'adults' | 'da', { finding: string; recommendation: string; theme: string; agencies: string[] }[]> = {
  children: [
    { finding: 'Agencies held information about the risks posed by the mother’s new partner that was never brought together; no one asked for a strategy discussion.', recommendation: 'Partners to share information about new adults in a household and ask for a strategy discussion when risk increases.', theme: 'new adults in the household', agencies: ['police', 'csc', 'health'] },
    { finding: 'The baby’s father was not seen or assessed: professionals worked with the mother alone.', recommendation: 'Identify, see and include fathers and male carers in every assessment and plan.', theme: 'fathers and male carers', agencies: ['csc', 'health', 'probation'] },
    { finding: 'Missed health appointments were not followed up after the family moved address.', recommendation: 'Health to follow up children not brought to appointments and transfer records promptly when families move.', theme: 'children not brought to appointments', agencies: ['health'] },
    { finding: 'Professionals disagreed with a threshold decision but did not use the escalation policy.', recommendation: 'Promote and audit the use of the resolving professional differences (escalation) policy.', theme: 'escalation and professional challenge', agencies: ['csc', 'education', 'health', 'police'] },
    { finding: 'The child was often late, hungry and unkempt at school; this was not recognised as possible neglect.', recommendation: 'Use the Graded Care Profile where neglect is suspected, including in schools.', theme: 'recognising neglect with the Graded Care Profile', agencies: ['education', 'csc', 'health'] },
    { finding: 'The impact of the parents’ alcohol misuse on the children was not assessed.', recommendation: 'Assess the impact of parental substance misuse on the children in every relevant assessment.', theme: 'parental substance misuse', agencies: ['csc', 'health', 'voluntary'] },
    { finding: 'Domestic abuse incidents were graded standard risk without considering the children present.', recommendation: 'Make sure the DASH risk assessment considers the children present and repeat incidents.', theme: 'children present at domestic abuse incidents', agencies: ['police', 'da', 'csc'] },
    { finding: 'The young person’s going missing was treated as behaviour rather than a sign of exploitation.', recommendation: 'Treat repeat missing episodes as a possible sign of exploitation and offer return home interviews.', theme: 'missing episodes and exploitation', agencies: ['police', 'csc', 'education', 'voluntary'] },
    { finding: 'Safe sleeping advice was given at birth but not revisited when the family’s circumstances changed.', recommendation: 'Reinforce safe sleeping advice at every contact, especially when circumstances change.', theme: 'safe sleeping', agencies: ['health', 'csc', 'housing'] },
    { finding: 'Housing did not know the children were on a child in need plan when arranging temporary accommodation.', recommendation: 'Invite housing to child in need and child protection meetings where housing is a factor.', theme: 'housing’s part in children’s plans', agencies: ['housing', 'csc'] },
    { finding: 'Professionals relied on the parents’ account and did not seek the child’s own view.', recommendation: 'Record the child’s voice and lived experience in every assessment and plan.', theme: 'the voice of the child', agencies: ['csc', 'education', 'health'] },
    { finding: 'Probation knew of the father’s history of violence but was not asked for information.', recommendation: 'Ask probation for information at the front door when a parent is known to it.', theme: 'information from probation at the front door', agencies: ['probation', 'csc', 'police'] },
  ],
  adults: [
    { finding: 'Repeated self-neglect concerns were closed at the front door without a multi-agency meeting.', recommendation: 'Use the self-neglect and hoarding procedure and hold a multi-agency risk meeting after repeated concerns.', theme: 'self-neglect and hoarding', agencies: ['asc', 'health', 'housing'] },
    { finding: 'Mental capacity was assumed rather than assessed when the adult refused care.', recommendation: 'Assess and record mental capacity for the specific decision when an adult refuses care.', theme: 'mental capacity assessments', agencies: ['asc', 'health'] },
    { finding: 'The adult’s own wishes and desired outcomes were not recorded.', recommendation: 'Record the adult’s desired outcomes at the start and end of every enquiry (Making Safeguarding Personal).', theme: 'Making Safeguarding Personal', agencies: ['asc', 'voluntary'] },
    { finding: 'The carer told the GP they were not coping; no carer’s assessment was offered.', recommendation: 'Offer a carer’s assessment whenever a carer says they are struggling.', theme: 'carers’ assessments', agencies: ['asc', 'health', 'voluntary'] },
    { finding: 'Several agencies raised concerns about the care home but they were not linked.', recommendation: 'Link concerns about one provider and share them through contract monitoring.', theme: 'organisational safeguarding in care homes', agencies: ['asc', 'health'] },
    { finding: 'Financial abuse by a family member was not recognised by the GP or the bank.', recommendation: 'Raise awareness of financial abuse and the banking protocol among front-line staff.', theme: 'financial abuse', agencies: ['asc', 'police'] },
    { finding: 'The adult was discharged from hospital without the community team knowing of the safeguarding concern.', recommendation: 'Share safeguarding concerns in every discharge summary and with the community team.', theme: 'safeguarding at hospital discharge', agencies: ['health', 'asc'] },
  ],
  da: [
    { finding: 'The victim disclosed abuse to her GP twice; no DASH was completed and no referral made.', recommendation: 'Health to complete the DASH and refer to MARAC or an IDVA after a disclosure.', theme: 'routine enquiry and DASH in health settings', agencies: ['health', 'da'] },
    { finding: 'The perpetrator’s previous violence against other partners was not shared with the victim.', recommendation: 'Use the Domestic Violence Disclosure Scheme where a new partner may be at risk.', theme: 'the Domestic Violence Disclosure Scheme', agencies: ['police', 'probation', 'da'] },
    { finding: 'Abuse of an older woman by her adult son was treated as a caring difficulty.', recommendation: 'Recognise domestic abuse by adult family members against older people and refer to MARAC.', theme: 'domestic abuse of older people', agencies: ['asc', 'police', 'da'] },
    { finding: 'The MARAC action plan was not reviewed when the victim moved to another area.', recommendation: 'Transfer MARAC cases and review actions when a victim moves.', theme: 'MARAC actions when a victim moves', agencies: ['cs', 'da', 'housing'] },
    { finding: 'The victim’s housing application did not record the domestic abuse, so she waited months for a move.', recommendation: 'Housing to ask about domestic abuse at every housing options interview.', theme: 'domestic abuse in housing options', agencies: ['housing', 'da'] },
  ],
};

const AUDIT_FINDINGS: Record<string, { finding: string; recommendation: string; theme: string; agencies: string[] }[]> = {
  neglect: [
    { finding: 'In 4 of the 6 records neglect was recognised late: concerns were dealt with one by one rather than as a pattern.', recommendation: 'Use chronologies to see patterns of neglect and the Graded Care Profile to measure it.', theme: 'cumulative neglect and chronologies', agencies: ['csc', 'health', 'education'] },
    { finding: 'Schools’ information about attendance and presentation reached the front door but was not used in assessments.', recommendation: 'Assessments to ask schools for attendance and presentation and record it.', theme: 'schools’ information in assessments', agencies: ['csc', 'education'] },
    { finding: 'Health visitors recorded good work with families but rarely shared it at the front door.', recommendation: 'Health to share relevant information at the front door when neglect is suspected.', theme: 'health’s information at the front door', agencies: ['health'] },
    { finding: 'Plans were not specific about what must change for the children and by when.', recommendation: 'Child in need and protection plans to be specific, measurable and time-bound.', theme: 'specific plans', agencies: ['csc'] },
  ],
  cse: [
    { finding: 'Return home interviews were offered in only half of the missing episodes.', recommendation: 'Offer and record a return home interview after every missing episode.', theme: 'return home interviews', agencies: ['csc', 'voluntary'] },
    { finding: 'Police intelligence about the adults involved was not always shared with the child’s school.', recommendation: 'Share relevant intelligence with schools through the child exploitation meeting.', theme: 'sharing intelligence with schools', agencies: ['police', 'education'] },
    { finding: 'The exploitation screening tool was used well by the MASH but not by universal services.', recommendation: 'Universal services to use the exploitation screening tool before referring.', theme: 'the exploitation screening tool', agencies: ['health', 'education'] },
    { finding: 'Disruption activity against perpetrators was recorded in police systems only.', recommendation: 'Record disruption activity in the child’s multi-agency plan.', theme: 'disruption of perpetrators', agencies: ['police', 'csc'] },
  ],
  da: [
    { finding: 'The children present at incidents were named but their experience was rarely described.', recommendation: 'Record what the children saw and heard and their views at every incident.', theme: 'the experience of children present', agencies: ['police', 'csc'] },
    { finding: 'Operation Encompass notices reached schools before the next school day in every sampled case.', recommendation: 'Keep Operation Encompass notices to schools by the start of the next school day.', theme: 'Operation Encompass', agencies: ['police', 'education'] },
    { finding: 'Risk to the children was graded lower than the adult victim’s without a reason recorded.', recommendation: 'Record the reason whenever a child is graded lower than the adult victim.', theme: 'grading children’s risk', agencies: ['police', 'da'] },
    { finding: 'Perpetrators were seldom engaged by children’s services.', recommendation: 'Children’s services to see and assess the perpetrator as a parent.', theme: 'working with perpetrators as parents', agencies: ['csc', 'probation'] },
  ],
};

const ACTION_TEMPLATES: Record<string, string[]> = {
  police: ['Issue a practice briefing to MASH and public protection officers on {t}', 'Add {t} to the annual vulnerability training for response officers', 'Dip-sample 20 police referrals for {t} and report the results'],
  health: ['Add {t} to level 3 safeguarding training for health visitors, midwives and school nurses', 'Update the trust’s safeguarding policy on {t}', 'Audit 20 health records for {t} and report to the Health sub-group'],
  csc: ['Update the practice guidance on {t} and brief every team manager', 'Include {t} in the quality assurance framework’s monthly audits', 'Hold a practice week on {t} for social workers'],
  asc: ['Update the adult safeguarding practice standards on {t}', 'Include {t} in the adult safeguarding hub’s supervision checklist', 'Audit 15 enquiries for {t} and report to the board'],
  education: ['Brief every DSL on {t} through the termly DSL network', 'Add {t} to the model child protection policy for schools', 'Include {t} in the S175 self-assessment’s evidence'],
  housing: ['Train tenancy and housing options officers on {t} and how to raise a concern', 'Add {t} to Fernmoor Homes’ safeguarding procedure'],
  probation: ['Include {t} in the PDU’s public protection briefing', 'Check {t} in probation’s case management audits'],
  voluntary: ['Share a 7-minute briefing on {t} with the voluntary sector forum', 'Run a workshop on {t} for voluntary organisations'],
  da: ['Update the IDVA service’s risk procedures on {t}', 'Brief IDVAs and outreach workers on {t}'],
  cs: ['Report on {t} to the Safer Fernmoor Partnership', 'Add {t} to the MARAC operating protocol'],
  board: ['Publish a 7-minute briefing on {t}', 'Hold a multi-agency learning event on {t}'],
};

const OWNER_NAMES: Record<string, string[]> = {
  police: ['DI Sean Maguire', 'Priya Inspector', 'DS Farah Iqbal', 'Supt Lisa Barton'],
  health: ['Harper Nurse', 'Janet Cole', 'Dr Anil Desai', 'Beverley Hanson'],
  csc: ['Helen Varley', 'Paula Greenwood', 'Terry Oduya', 'Morgan Manager'],
  asc: ['Robin Lead', 'Nadia Rahman', 'Devon Hale'],
  education: ['Rachel Moss', 'Amanda Birch'],
  housing: ['Donna Firth', 'Carl Dempsey'],
  probation: ['Gareth Lowe', 'Hannah Poole'],
  voluntary: ['Yvonne Achebe', 'Kieran Walsh', 'Sunita Mistry'],
  da: ['Imogen Clarke', 'Indra Adviser'],
  cs: ['Angela Wray', 'Max Coordinator'],
  board: ['Bryn Partnership'],
};

/** The demo user who acts for an agency (its manager where there is one); the business unit otherwise. */
const AGENCY_USER: Record<string, string> = { police: 'police-manager', health: 'health', csc: 'csc-manager', asc: 'adults-manager', education: 'cme', da: 'idva', cs: 'marac', 'school:990101': 'dsl', 'school:990401': 'dsl2' };
const OWNER_USER_NAMES: Record<string, string> = { 'Priya Inspector': 'police-manager', 'Harper Nurse': 'health', 'Terry Oduya': 'csc-manager', 'Morgan Manager': 'manager', 'Robin Lead': 'adults-manager', 'Indra Adviser': 'idva', 'Max Coordinator': 'marac', 'Bryn Partnership': 'business-unit', 'Devon Hale': 'dols' };

const UPDATE_NOTES = [
  'Briefing drafted and shared with the sub-group for comment.',
  'Briefing issued to all teams; attendance at team meetings recorded.',
  'Policy updated and approved by the agency’s safeguarding committee.',
  'Dip sample of 20 records completed: findings shared with managers.',
  'Training session delivered to 34 staff; evaluation positive.',
  'Delayed by staff absence; new date agreed with the sub-group.',
  'Agreed at the agency’s leadership team; implementation from next month.',
  'Procedure amended and published on the partnership’s website.',
];
const EVIDENCE_NOTES = [
  'Evidence: the briefing as issued, with the distribution list.',
  'Evidence: the updated policy (version 3.1) and the approval minute.',
  'Evidence: audit summary showing 17 of 20 records compliant.',
  'Evidence: training register and evaluation summary.',
  'Evidence: minutes of the learning event and the slides.',
];
const IMPACT_NOTES = [
  'A re-audit three months on found the change in 16 of 20 records.',
  'Referrals now routinely include the information; the MASH reports fewer requests back to referrers.',
  'Practitioners report more confidence; escalations under the policy rose from 2 to 9 in the quarter.',
  'Staff survey: 82% aware of the guidance, up from 40%.',
  'No repeat of the issue in the quarter’s case sampling.',
];

// ——— learning reviews ———

const CDOP_WEIGHTS: readonly (readonly [number, number])[] = [[1, 3], [2, 4], [3, 7], [4, 8], [5, 7], [6, 6], [7, 24], [8, 30], [9, 6], [10, 8]];
/** The share of reviews finding modifiable factors, by category (higher for injury, suicide, trauma and SUDI). */
const MODIFIABLE_RATE: Record<number, number> = { 1: 0.9, 2: 0.7, 3: 0.6, 4: 0.05, 5: 0.2, 6: 0.15, 7: 0.05, 8: 0.2, 9: 0.2, 10: 0.55 };
const CDOP_SUMMARY: Record<number, string> = {
  1: 'An infant died of head injuries; the father has been charged.',
  2: 'A teenager died by suicide after a period of self-harm known to school.',
  3: 'A child died after being struck by a car near their home.',
  4: 'A child died of a brain tumour after two years of treatment.',
  5: 'A child died of sepsis after a short illness.',
  6: 'A child with a long-term lung condition died in hospital.',
  7: 'A baby born with a serious heart condition died after surgery.',
  8: 'A baby born very prematurely died in the neonatal unit.',
  9: 'A toddler died of meningitis.',
  10: 'An infant died suddenly and unexpectedly while co-sleeping with a parent.',
};
const CDOP_LEARNING: Record<number, string> = {
  1: 'Coercive control and the father’s history were known to separate agencies; information sharing at the front door strengthened.',
  2: 'Self-harm disclosures to school should lead to a referral to CAMHS with the family’s involvement.',
  3: 'Road safety measures near the estate referred to the highways authority.',
  4: 'Palliative care and bereavement support for siblings were good practice.',
  5: 'Parents were not told how to recognise worsening illness; safety-netting advice reinforced in primary care.',
  6: 'Transition between the children’s and adults’ respiratory services was well coordinated.',
  7: 'Antenatal screening and counselling were timely; no modifiable factors.',
  8: 'Smoking in pregnancy recorded; smoking cessation referral not taken up.',
  9: 'Vaccination status complete; rapid progression of illness.',
  10: 'Safe sleeping advice was given at birth but not revisited when the family moved to temporary accommodation.',
};

const SCHOOL_PLACES = [
  'Ashby Fern', 'Low Moor', 'Kelsey', 'Oakfield', 'Hollin Bank', 'Brackenhurst', 'Thornley', 'Wickham Moor', 'Greave', 'Ridgeway', 'Alder Bank', 'Coppice', 'Fernside',
  'Millbrook', 'Heathfield', 'Beckside', 'Larchwood', 'Moor Edge', 'Quarry Bank', 'Tanners Brook', 'Weavers', 'Linnet', 'Pennine', 'Chapel Fold', 'Sandpiper', 'Foxglove',
  'Kingfisher', 'Orchard', 'Highfield', 'Westfield', 'Eastwood', 'Northcote', 'Southmoor', 'Greenacre', 'Hawthorn', 'Rowan', 'Willowbank', 'Elmtree', 'Holly Grove', 'Cragside',
];
const SCHOOL_KINDS: readonly (readonly [string, string, number])[] = [
  ['Primary School', 'primary', 30], ['Primary Academy', 'primary', 14], ['Infant School', 'primary', 8], ['Junior School', 'primary', 7], ['CE Primary School', 'primary', 6],
  ['Academy', 'secondary', 9], ['High School', 'secondary', 5], ['Special School', 'special', 4], ['Nursery School', 'nursery', 3], ['Children’s Centre', 'nursery', 4],
  ['College', 'sixteen_plus', 3], ['Learning Centre', 'alternative_provision', 2],
];
const VOLUNTARY_NAMES = [
  'Fernmoor Young Carers', 'Kelsey Bridge Youth Club', 'Low Moor Food Bank', 'Ashby Fern Community Association', 'Fernmoor Women’s Centre', 'Moorside Boxing Club',
  'Fernmoor Scouts District', 'St Mark’s Church Youth Group', 'Fernmoor Islamic Centre Madrasah', 'Bracken Way Toddler Group', 'Fernmoor Parent Carer Forum',
  'Pennine Dance Academy', 'Fernmoor Advice Centre', 'Family Friends Fernmoor', 'Fernmoor Mind Matters', 'Heron Close Swimming Club', 'Kelsey Bridge Juniors FC',
  'Fernmoor Refugee Welcome', 'Low Moor Community Café', 'Fernmoor Dads’ Group', 'Quarry Hill Allotment Project', 'Fernmoor Deaf Children’s Society', 'Fernmoor Befriending Service',
  'Coppice Road Mentoring Project', 'Fernmoor Community Transport', 'Fernmoor Girls’ Brigade', 'Sandpiper Arts Collective', 'Fernmoor Bereavement Support', 'Moor Edge Play Scheme', 'Fernmoor Cricket Club Juniors',
];

// ——— training ———

interface CourseDef {
  title: string;
  theme: string;
  mode: 'face_to_face' | 'e_learning' | 'webinar';
  board: 'children' | 'adults' | 'domestic_abuse';
  minutes: number;
  audience: string;
  description: string;
  /** Mostly for schools (DSLs, safer recruitment, Operation Encompass) or health (child deaths). */
  focus?: 'school' | 'health';
  evening?: boolean;
}

const COURSES: CourseDef[] = [
  { title: 'Designated Safeguarding Lead Workshop', theme: 'dsl', mode: 'face_to_face', board: 'children', minutes: 360, audience: 'Designated safeguarding leads and deputies in schools and settings', description: 'The DSL’s role under Keeping Children Safe in Education: referrals, records, working with the MASH and the partnership’s procedures.', focus: 'school' },
  { title: 'Attachment Training', theme: 'core', mode: 'face_to_face', board: 'children', minutes: 360, audience: 'Practitioners working with children and families', description: 'Attachment theory in practice: how early relationships shape behaviour, and what helps.' },
  { title: 'Group 3 Safeguarding Core Workshop', theme: 'core', mode: 'face_to_face', board: 'children', minutes: 360, audience: 'Practitioners who work regularly with children (level 3)', description: 'Working Together in practice: recognising abuse and neglect, referring, strategy discussions, conferences and plans.' },
  { title: 'Graded Care Profile', theme: 'neglect', mode: 'face_to_face', board: 'children', minutes: 360, audience: 'Practitioners assessing neglect', description: 'Using the Graded Care Profile to measure the care a child receives and to plan with the family.' },
  { title: 'Safeguarding Young People at Risk of Child Sexual Exploitation: a Multi-Agency Approach', theme: 'exploitation', mode: 'face_to_face', board: 'children', minutes: 360, audience: 'Practitioners working with young people', description: 'Recognising and responding to child sexual exploitation together: screening, disruption and support.' },
  { title: 'Safer Recruitment for Schools', theme: 'safer_recruitment', mode: 'face_to_face', board: 'children', minutes: 360, audience: 'Headteachers, governors and school business managers', description: 'Safer recruitment as Keeping Children Safe in Education requires: the single central record, references and allegations.', focus: 'school' },
  { title: 'Child Death Review Process', theme: 'child_death', mode: 'webinar', board: 'children', minutes: 120, audience: 'Health, police and children’s services staff', description: 'The child death review process: the joint agency response, the child death review meeting and CDOP.', focus: 'health' },
  { title: 'Digital Safeguarding Training', theme: 'online', mode: 'webinar', board: 'children', minutes: 150, audience: 'All practitioners', description: 'Online risks to children: grooming, sharing images, gaming and social media, and how to respond.' },
  { title: 'Early Help Pathway Workshop', theme: 'early_help', mode: 'face_to_face', board: 'children', minutes: 180, audience: 'Practitioners in universal services', description: 'The early help assessment, the team around the family and the lead practitioner’s role.' },
  { title: 'Working with Resistant Families', theme: 'resistant_families', mode: 'face_to_face', board: 'children', minutes: 360, audience: 'Practitioners working with families', description: 'Disguised compliance, hostility and avoidance: keeping the child in focus and professional curiosity.' },
  { title: 'Prevent Training', theme: 'prevent', mode: 'webinar', board: 'children', minutes: 120, audience: 'All practitioners', description: 'The Prevent duty: recognising radicalisation and referring to Channel.' },
  { title: 'Safer Recruitment (evening)', theme: 'safer_recruitment', mode: 'face_to_face', board: 'children', minutes: 180, audience: 'Governors and voluntary organisations', description: 'Safer recruitment for those who recruit in the evenings: governors and volunteers’ managers.', focus: 'school', evening: true },
  { title: 'The Toxic Trio: Parental Domestic Abuse, Substance Misuse and Mental Health', theme: 'toxic_trio', mode: 'face_to_face', board: 'children', minutes: 360, audience: 'Practitioners working with parents and children', description: 'The combined impact on children of domestic abuse, substance misuse and parental mental ill health.' },
  { title: 'An Awareness of Domestic Violence including the Impact on Children and Young People', theme: 'domestic_abuse', mode: 'e_learning', board: 'children', minutes: 90, audience: 'All practitioners and volunteers', description: 'E-learning: what domestic abuse is and its impact on children and young people.' },
  { title: 'An Introduction to FGM, Forced Marriage, Spirit Possession and Honour-Based Violence', theme: 'other', mode: 'e_learning', board: 'children', minutes: 90, audience: 'All practitioners and volunteers', description: 'E-learning: harmful practices, the law and how to respond.' },
  { title: 'Awareness of Child Abuse and Neglect (Foundation and Core)', theme: 'core', mode: 'e_learning', board: 'children', minutes: 120, audience: 'All practitioners and volunteers (levels 1 and 2)', description: 'E-learning: the signs of abuse and neglect and what to do.' },
  { title: 'E-Safety Guidance for Practitioners Working with Children', theme: 'online', mode: 'e_learning', board: 'children', minutes: 60, audience: 'All practitioners', description: 'E-learning: keeping children safe online.' },
  { title: 'Keeping Them Safe: Protecting Children from Child Sexual Exploitation', theme: 'exploitation', mode: 'e_learning', board: 'children', minutes: 90, audience: 'All practitioners and volunteers', description: 'E-learning: recognising child sexual exploitation.' },
  { title: 'Safeguarding Children in Education', theme: 'core', mode: 'e_learning', board: 'children', minutes: 90, audience: 'School and college staff', description: 'E-learning: Keeping Children Safe in Education part one for all staff.', focus: 'school' },
  { title: 'Self-Harm and Suicidal Thoughts in Children and Young People', theme: 'self_harm', mode: 'e_learning', board: 'children', minutes: 90, audience: 'All practitioners', description: 'E-learning: understanding self-harm and responding to suicidal thoughts.' },
  { title: 'Mental Capacity Act in Practice', theme: 'mental_capacity', mode: 'face_to_face', board: 'adults', minutes: 360, audience: 'Practitioners working with adults', description: 'The five principles, assessing capacity for a specific decision, best interests and recording.' },
  { title: 'Self-Neglect and Hoarding', theme: 'self_neglect', mode: 'face_to_face', board: 'adults', minutes: 180, audience: 'Practitioners working with adults', description: 'The self-neglect and hoarding procedure: engagement, capacity, risk and the multi-agency meeting.' },
  { title: 'Making Safeguarding Personal', theme: 'adult_safeguarding', mode: 'face_to_face', board: 'adults', minutes: 180, audience: 'Adult safeguarding practitioners and managers', description: 'Working with the adult’s desired outcomes from the concern to the end of the enquiry.' },
  { title: 'Safeguarding Adults Awareness', theme: 'adult_safeguarding', mode: 'e_learning', board: 'adults', minutes: 60, audience: 'All staff and volunteers working with adults', description: 'E-learning: types of abuse, the Care Act duties and how to raise a concern.' },
  { title: 'Safeguarding Adults Enquiries (Section 42) for Practitioners', theme: 'adult_safeguarding', mode: 'face_to_face', board: 'adults', minutes: 360, audience: 'Practitioners carrying out enquiries', description: 'Section 42 enquiries: the three-point test, planning, proportionate enquiry and outcomes.' },
  { title: 'Deprivation of Liberty Safeguards: an Introduction', theme: 'mental_capacity', mode: 'webinar', board: 'adults', minutes: 120, audience: 'Care home and hospital staff', description: 'When care amounts to a deprivation of liberty, and how to apply for an authorisation.' },
  { title: 'DASH Risk Checklist Training', theme: 'domestic_abuse', mode: 'face_to_face', board: 'domestic_abuse', minutes: 180, audience: 'Practitioners who may identify domestic abuse', description: 'Completing the SafeLives DASH risk checklist with a victim, professional judgement and referral to MARAC.' },
  { title: 'MARAC: Referring and Attending', theme: 'domestic_abuse', mode: 'webinar', board: 'domestic_abuse', minutes: 120, audience: 'Agencies’ MARAC representatives', description: 'The MARAC’s criteria, researching your agency’s records, the meeting and the actions.' },
  { title: 'Operation Encompass for Key Adults in Schools', theme: 'domestic_abuse', mode: 'webinar', board: 'domestic_abuse', minutes: 90, audience: 'Key adults in schools and early years settings', description: 'Receiving a notice before the next school day and supporting the child in school.', focus: 'school' },
];

const JOB_ROLES: Record<string, string[]> = {
  school: ['Teacher', 'Teaching assistant', 'Designated safeguarding lead', 'Deputy designated safeguarding lead', 'Pastoral lead', 'Headteacher', 'School business manager', 'Learning mentor', 'SENCo'],
  children_social_care: ['Social worker', 'Senior practitioner', 'Team manager', 'Family support worker', 'Early help practitioner', 'Residential support worker', 'Foster carer', 'Early years worker'],
  adult_social_care: ['Social worker', 'Care coordinator', 'Occupational therapist', 'Team manager', 'Reablement support worker'],
  health: ['Health visitor', 'School nurse', 'Midwife', 'GP', 'Practice nurse', 'Emergency department nurse', 'Paediatrician', 'Mental health nurse'],
  police: ['Police constable', 'Detective constable', 'Police community support officer', 'Sergeant'],
  probation: ['Probation officer', 'Probation services officer'],
  education: ['Education welfare officer', 'Attendance officer', 'Inclusion officer', 'SEND caseworker'],
  idva_da_service: ['IDVA', 'Outreach worker', 'Refuge worker'],
  community_safety: ['Community safety officer', 'Anti-social behaviour caseworker'],
  housing: ['Tenancy officer', 'Housing options officer', 'Neighbourhood officer'],
  voluntary: ['Youth worker', 'Volunteer', 'Project worker', 'Sports coach', 'Family support worker'],
  care_provider: ['Care worker', 'Senior care worker', 'Registered manager', 'Nurse (care home)', 'Activities coordinator'],
};

const TRAINERS = ['Rachel Moss', 'Paula Greenwood', 'Janet Cole', 'Nadia Rahman', 'Imogen Clarke', 'DS Farah Iqbal', 'Helen Varley', 'Bryn Partnership'];
const VENUES = ['Fernmoor Town Hall, Committee Room 2', 'Kelsey Bridge Community Centre', 'Riverside House Training Suite, Fernmoor', 'Ashby Fern Library, Meeting Room'];
const EVAL_COMMENTS = [
  'The case studies made it real. I feel more confident in making referrals and knowing what actions to take.',
  'Remain child focussed, never give up: no matter how small, all my actions can make a difference.',
  'Really useful to hear from the police and health about their part.',
  'More time for questions would help.',
  'My understanding of parental mental health has improved.',
  'Good pace; the trainer knew the local procedures well.',
];
const IMPACT_EXAMPLES = [
  'I used the indicators to recognise a concern in my class and referred to our DSL the same day; the family now has early help.',
  'Improved confidence in knowing an injury can be investigated through safeguarding processes: I asked for a strategy discussion.',
  'We are using the 1–10 scale in after-school club to ask children about their day, including bullying.',
  'I completed a Graded Care Profile with a family, which showed the improvement they had made.',
  'I shared the learning at our team meeting and we changed how we record the child’s voice.',
  'I completed a DASH with a patient who disclosed, and referred her to the IDVA service.',
  'I assessed capacity for the specific decision rather than assuming, and recorded it.',
];

// ——— helpers ———

async function insertMany(db: Database, table: Parameters<Database['insert']>[0], values: readonly object[], size = 400): Promise<void> {
  for (let i = 0; i < values.length; i += size) {
    const part = values.slice(i, i + size);
    if (part.length) await db.insert(table).values(part as never);
  }
}

/**
 * Many rows in one statement per batch, passed as one JSON parameter (far faster on PGlite than a statement with a
 * parameter per value): `columns` are the table's column names with their SQL types; rows are keyed in camelCase.
 */
async function insertRecordset(db: Database, table: string, columns: readonly (readonly [string, string])[], values: readonly object[], size = 2000): Promise<void> {
  const camel = (c: string) => c.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
  const names = sql.raw(columns.map(([c]) => `"${c}"`).join(', '));
  const defs = sql.raw(columns.map(([c, t]) => `"${c}" ${t}`).join(', '));
  for (let i = 0; i < values.length; i += size) {
    const part = values.slice(i, i + size).map((v) => Object.fromEntries(columns.map(([c]) => [c, (v as Record<string, unknown>)[camel(c)] ?? null])));
    if (part.length) await db.execute(sql`insert into ${sql.identifier(table)} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as x(${defs})`);
  }
}

const slug = (s: string) => s.toLowerCase().replace(/[’']/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

interface Org {
  id: string;
  key: string;
  name: string;
  type: string;
}

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

// ——— the seed ———

export async function seedPartnershipDemo(db: Database, input: PartnershipSeedInput): Promise<PartnershipSeedSummary> {
  const { tenantId, agencyIds, userIds, now, calendar } = input;
  const scale = Math.max(input.scale, 0);
  const rng = new Random(SEED);
  const today = calendar.dateOf(now);
  const from = addDays(today, -365);
  const fy = parseLocalDate(today).month >= 4 ? parseLocalDate(today).year : parseLocalDate(today).year - 1;
  const businessUnit = userIds.get('business-unit') ?? [...userIds.values()][0];
  if (!businessUnit) {
    input.log('partnership: no users in the demo');
    return { boards: 0, groups: 0, meetings: 0, risks: 0, reviews: 0, plans: 0, actions: 0, audits: 0, courses: 0, sessions: 0, attendedChildren: 0, attendedAdults: 0, schools: 0, voluntary: 0, returns: 0 };
  }
  const bu: string = businessUnit;
  // Ids are random (the seed may run again in another area of the same database); everything else is from the generator.
  const uid = () => randomUUID();
  const personName = () => `${rng.chance(0.6) ? rng.pick(GIVEN_FEMALE) : rng.pick(GIVEN_MALE)} ${rng.pick(FAMILY)}`;
  const at = (date: LocalDate, minutes: number) => instantAt(date, minutes);
  const workingDay = (d: LocalDate) => calendar.workingDayOnOrAfter(d);
  const workingDayIn = (start: LocalDate, end: LocalDate): LocalDate => {
    const span = Math.max(toDayNumber(end) - toDayNumber(start), 0);
    return calendar.workingDayOnOrBefore(addDays(start, rng.int(0, span)));
  };
  const minDate = (a: LocalDate, b: LocalDate) => (a < b ? a : b);
  const beforeNow = (d: Date) => (d.getTime() >= now.getTime() ? new Date(now.getTime() - rng.int(10, 120) * 60_000) : d);

  // ——— organisations: the area's agencies, more schools and voluntary organisations ———
  const existing = await rows<{ id: string; name: string; type: string; external_code: string | null }>(db, sql`select id, name, type, external_code from agency where tenant_id = ${tenantId} order by name, id`);
  const keyOf = new Map([...agencyIds.entries()].map(([k, v]) => [v, k]));
  const orgs: Org[] = existing.map((a) => ({ id: a.id, key: keyOf.get(a.id) ?? `agency:${a.id}`, name: a.name, type: a.type }));
  const fallback = agencyIds.get('csc') ?? orgs[0]?.id;
  if (!fallback) {
    input.log('partnership: no agencies in the area');
    return { boards: 0, groups: 0, meetings: 0, risks: 0, reviews: 0, plans: 0, actions: 0, audits: 0, courses: 0, sessions: 0, attendedChildren: 0, attendedAdults: 0, schools: 0, voluntary: 0, returns: 0 };
  }
  const ag = (key: string): string => agencyIds.get(key) ?? (key.startsWith('school:') ? (orgs.find((o) => o.type === 'school')?.id ?? fallback) : fallback);
  const userFor = (agencyKey: string): string => userIds.get(AGENCY_USER[agencyKey] ?? '') ?? bu;
  const agencyIdOfUser = new Map<string, string>();
  for (const r of await rows<{ id: string; agency_id: string }>(db, sql`select id, agency_id from app_user where tenant_id = ${tenantId}`)) agencyIdOfUser.set(r.id, r.agency_id);

  const newAgencies: Row<typeof agency>[] = [];
  const newSchools: Row<typeof school>[] = [];
  const schoolsWanted = Math.max(scaled(PARTNERSHIP_VOLUMES.schools, scale), orgs.filter((o) => o.type === 'school').length);
  const schoolsToMake = schoolsWanted - orgs.filter((o) => o.type === 'school').length;
  if (schoolsToMake > 0) {
    const maxUrn = (await one<{ n: number }>(db, sql`select coalesce(max(urn::int), 996000)::int as n from school where urn ~ '^996[0-9]{3}$'`))!.n;
    const taken = new Set(orgs.map((o) => o.name));
    let i = 0;
    let made = 0;
    while (made < schoolsToMake) {
      const place = SCHOOL_PLACES[i % SCHOOL_PLACES.length]!;
      const [kind, phase] = rng.weighted(SCHOOL_KINDS.map(([k, p, w]) => [[k, p] as const, w] as const));
      i += 1;
      const name = `${place} ${kind}`;
      if (taken.has(name)) continue;
      taken.add(name);
      const id = uid();
      const urn = String(maxUrn + made + 1);
      made += 1;
      newAgencies.push({ id, tenantId, name, type: 'school', externalCode: urn });
      newSchools.push({ agencyId: id, tenantId, urn, phase, postcode: syntheticPostcode(rng.int(1, 9), rng.int(1, 9), rng.pick(POSTCODE_UNITS)) });
      orgs.push({ id, key: `school:${urn}`, name, type: 'school' });
    }
  }
  const voluntaryWanted = scaled(PARTNERSHIP_VOLUMES.voluntary, scale, PARTNERSHIP_MINIMUMS.voluntary);
  const voluntaryToMake = voluntaryWanted - orgs.filter((o) => o.type === 'voluntary').length;
  for (let i = 0; i < voluntaryToMake; i += 1) {
    const id = uid();
    const name = VOLUNTARY_NAMES[i % VOLUNTARY_NAMES.length]! + (i >= VOLUNTARY_NAMES.length ? ` (${Math.floor(i / VOLUNTARY_NAMES.length) + 1})` : '');
    newAgencies.push({ id, tenantId, name, type: 'voluntary' });
    orgs.push({ id, key: `voluntary:${i}`, name, type: 'voluntary' });
  }
  await insertMany(db, agency, newAgencies);
  await insertMany(db, school, newSchools);
  const byType = (type: string) => orgs.filter((o) => o.type === type);
  const orgById = new Map(orgs.map((o) => [o.id, o]));

  // ——— boards, groups, members, meetings, attendance, the risk log ———
  const boardRows: Row<typeof board>[] = [];
  const groupRows: Row<typeof boardGroup>[] = [];
  const memberRows: Row<typeof boardMember>[] = [];
  const meetingRows: Row<typeof boardMeeting>[] = [];
  const agendaRows: Row<typeof boardAgendaItem>[] = [];
  const decisionRows: Row<typeof boardDecision>[] = [];
  const attendanceRows: Row<typeof boardAttendance>[] = [];
  const riskRows: Row<typeof boardRisk>[] = [];
  const boardIds = new Map<string, string>();
  const mainMeetings = new Map<string, { id: string; on: LocalDate }[]>();

  /** Meeting dates in given months on or after a day of the month, a working day: the last `past` before now and the next one. */
  function meetingDates(months: readonly number[], day: number, start: number, past: number): { past: Date[]; next: Date } {
    const { year } = parseLocalDate(today);
    const all: Date[] = [];
    for (let y = year - 2; y <= year + 1; y += 1) for (const m of months) all.push(at(workingDay(formatLocalDate(y, m, day)), start));
    all.sort((a, b) => a.getTime() - b.getTime());
    const before = all.filter((d) => d.getTime() < now.getTime() - HOUR);
    return { past: before.slice(-past), next: all.find((d) => d.getTime() > now.getTime() + HOUR)! };
  }

  const STATUS: Record<string, string> = { A: 'attended', D: 'deputy', P: 'apologies', X: 'absent' };
  BOARDS.forEach((def, b) => {
    const boardId = uid();
    boardIds.set(def.kind, boardId);
    boardRows.push({ id: boardId, tenantId, kind: def.kind, name: def.name, createdAt: new Date(now.getTime() - 400 * DAY) });
    const groups: { def: GroupDef; main: boolean }[] = [{ def: def.main, main: true }, ...def.subs.map((s) => ({ def: s, main: false }))];
    groups.forEach(({ def: g, main }, gi) => {
      const groupId = uid();
      groupRows.push({ id: groupId, tenantId, boardId, name: g.name, isMain: main, remit: g.remit });
      const members = g.members.map((m) => {
        const id = uid();
        const userId = m.user ? (userIds.get(m.user) ?? null) : null;
        memberRows.push({ id, tenantId, groupId, agencyId: ag(m.agency), userId, name: m.name, jobTitle: m.title, role: m.role ?? 'member', fromOn: addDays(today, -rng.int(420, 1800)) });
        return { id, def: m, agencyId: ag(m.agency) };
      });
      const dates = main
        ? meetingDates(MAIN_MONTHS, def.day, def.start, 5)
        : meetingDates([1, 4, 7, 10].map((m) => ((m + gi + b - 1) % 12) + 1), 3 + ((gi * 5 + b * 3) % 20), 14 * 60, 4);
      const chair = g.members.find((m) => m.role === 'chair')?.name ?? g.members[0]!.name;
      const meetings = [...dates.past.map((d) => ({ d, held: true })), { d: dates.next, held: false }];
      meetings.forEach(({ d, held }, mi) => {
        const id = uid();
        const on = calendar.dateOf(d);
        if (main) mainMeetings.set(def.kind, [...(mainMeetings.get(def.kind) ?? []), { id, on }]);
        const createdAt = new Date(Math.min(d.getTime() - 42 * DAY, now.getTime() - 2 * HOUR));
        meetingRows.push({
          id,
          tenantId,
          groupId,
          heldAt: d,
          location: main ? def.venue : rng.pick(['Riverside House, Meeting Room 3', 'Online (Microsoft Teams)', 'Fernmoor Town Hall, Committee Room 2']),
          status: held ? 'held' : 'scheduled',
          minutes: held
            ? `${chair} chaired. ${main ? 'The board received the performance report and the learning reviews update, and reviewed the issues and risk log.' : 'The group reviewed its action plan and the actions due.'} Decisions and actions are recorded below.`
            : null,
          createdByUserId: bu,
          createdAt,
        });
        const items = main ? MAIN_AGENDA.map(([title, who]) => [title, who === 'chair' ? chair : who === 'bu' ? 'Bryn Partnership' : who === 'analyst' ? 'Billie Analyst' : rng.pick(g.members).name] as const) : SUB_AGENDA.map((t) => [t, rng.pick(g.members).name] as const);
        const itemIds = items.map(([title, presenter], position) => {
          const itemId = uid();
          agendaRows.push({ id: itemId, tenantId, meetingId: id, position: position + 1, title: title === 'Deep dive' ? `Deep dive: ${rng.pick(['neglect', 'exploitation', 'domestic abuse', 'self-neglect', 'transitions at 18', 'mental capacity'])}` : title, presenter });
          return itemId;
        });
        if (!held) return;
        const pool = DECISIONS[def.kind];
        const n = main ? rng.int(2, 3) : rng.int(1, 2);
        for (let k = 0; k < n; k += 1) {
          decisionRows.push({ id: uid(), tenantId, meetingId: id, agendaItemId: itemIds[Math.min(itemIds.length - 1, 2 + k)]!, text: main ? pool[(mi * 3 + k + b) % pool.length]! : `Agreed: ${rng.pick(['the action plan’s overdue actions escalated to the main board', 'a deep dive at the next meeting', 'the report to the main board', 'a task and finish group for the audit’s actions', 'the terms of reference reviewed'])}.`, recordedByUserId: bu, recordedAt: beforeNow(new Date(d.getTime() + 3 * HOUR)) });
        }
        for (const m of members) {
          const status = main && m.def.pattern ? STATUS[m.def.pattern[mi % m.def.pattern.length]!]! : rng.weighted([['attended', 80], ['deputy', 7], ['apologies', 11], ['absent', 2]] as const);
          attendanceRows.push({ id: uid(), tenantId, meetingId: id, memberId: m.id, agencyId: m.agencyId, status, deputyName: status === 'deputy' ? personName() : null });
        }
      });
    });
    // The issues / risk log.
    const riskCount = scaled(PARTNERSHIP_VOLUMES.risksPerBoard, scale, PARTNERSHIP_MINIMUMS.risksPerBoard);
    const pool = RISKS[def.kind];
    for (let r = 0; r < riskCount; r += 1) {
      const [title, description, owner, mitigations] = pool[r % pool.length]!;
      const createdOn = addDays(today, -rng.int(30, 360));
      const closed = r % 6 === 5;
      const overdue = !closed && r % 5 === 2;
      const reviewOn = closed ? addDays(createdOn, rng.int(30, 90)) : overdue ? addDays(today, -rng.int(3, 40)) : addDays(today, rng.int(7, 90));
      const ownerName = rng.pick(OWNER_NAMES[owner] ?? ['Bryn Partnership']);
      riskRows.push({
        id: uid(),
        tenantId,
        boardId,
        reference: '',
        title: r >= pool.length ? `${title} (${Math.floor(r / pool.length) + 1})` : title,
        description,
        kind: r % 4 === 3 ? 'issue' : 'risk',
        likelihood: rng.int(2, 5),
        impact: rng.int(2, 5),
        ownerAgencyId: ag(owner),
        ownerName,
        mitigations,
        reviewOn,
        status: closed ? 'closed' : 'open',
        closedOn: closed ? minDate(addDays(createdOn, rng.int(40, 120)), today) : null,
        createdByUserId: bu,
        createdAt: at(createdOn, 10 * 60),
        updatedAt: beforeNow(at(closed ? minDate(addDays(createdOn, 40), today) : addDays(today, -rng.int(1, 25)), 11 * 60)),
      });
    }
  });
  riskRows.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime());
  for (const r of riskRows) if ((r.updatedAt as Date) < (r.createdAt as Date)) r.updatedAt = r.createdAt;
  await insertMany(db, board, boardRows);
  await insertMany(db, boardGroup, groupRows);
  await insertMany(db, boardMember, memberRows);
  await insertMany(db, boardMeeting, meetingRows);
  await insertMany(db, boardAgendaItem, agendaRows);
  await insertMany(db, boardDecision, decisionRows);
  await insertRecordset(db, 'board_attendance', [['id', 'uuid'], ['tenant_id', 'uuid'], ['meeting_id', 'uuid'], ['member_id', 'uuid'], ['agency_id', 'uuid'], ['status', 'text'], ['deputy_name', 'text']], attendanceRows);
  await insertMany(db, boardRisk, riskRows.map((r) => ({ ...r, reference: sql`'RISK-' || lpad(nextval('board_risk_reference_seq')::text, 4, '0')` })));

  // ——— learning reviews ———
  const reviewRows: (Row<typeof learningReview> & { createdAt: Date })[] = [];
  const findingRows: Row<typeof learningReviewFinding>[] = [];
  const reviewAgencyRows: Row<typeof learningReviewAgency>[] = [];
  const planSources: PlanSourceDef[] = [];
  const pseudonymsUsed = new Set<string>();
  const letters = 'ABCDEFGHJKLMNPRSTVWXYZ';
  const pseudonym = (prefix: string): string => {
    for (let i = 0; i < 200; i += 1) {
      const p = `${prefix} ${letters[rng.int(0, letters.length - 1)]}${i > 40 ? rng.int(1, 9) : ''}`;
      if (!pseudonymsUsed.has(p)) {
        pseudonymsUsed.add(p);
        return p;
      }
    }
    return `${prefix} ${pseudonymsUsed.size}`;
  };
  function pickFindings(pool: keyof typeof FINDING_POOL, n: number) {
    const items = [...FINDING_POOL[pool]];
    const out: (typeof items)[number][] = [];
    while (out.length < n && items.length) out.push(items.splice(rng.int(0, items.length - 1), 1)[0]!);
    return out;
  }
  function addFindings(reviewId: string, list: { finding: string }[]) {
    list.forEach((f, i) => findingRows.push({ id: uid(), tenantId, reviewId, position: i + 1, text: f.finding }));
  }
  function addReviewAgencies(reviewId: string, keys: string[], startOn: LocalDate, askedFor: string) {
    for (const k of new Set(keys)) {
      const dueOn = calendar.addWorkingDays(startOn, 20);
      reviewAgencyRows.push({ id: uid(), tenantId, reviewId, agencyId: ag(k), askedFor, dueOn, receivedOn: dueOn <= today ? minDate(calendar.addWorkingDays(startOn, rng.int(12, 24)), today) : null });
    }
  }
  /** A serious incident's dates: learned, notified (within 5 working days, or late), the rapid review (within 15, or late). */
  function siDates(learnedOn: LocalDate, lateNotice: boolean, lateReview: boolean) {
    const notificationDueOn = calendar.addWorkingDays(learnedOn, 5);
    const notifiedOn = calendar.addWorkingDays(learnedOn, lateNotice ? 7 : rng.int(1, 4));
    const rapidReviewDueOn = calendar.addWorkingDays(notifiedOn, 15);
    const rapidReviewHeldOn = calendar.addWorkingDays(notifiedOn, lateReview ? 17 : rng.int(11, 14));
    return { incidentOn: addDays(learnedOn, -rng.int(0, 3)), learnedOn, notificationDueOn, notifiedOn, rapidReviewDueOn, rapidReviewHeldOn };
  }
  const RR_SUMMARY = [
    'A baby was admitted to hospital with a fractured skull and rib fractures of different ages; the explanation given did not fit the injuries.',
    'A 15-year-old was found seriously injured after being stabbed; he had been missing from home repeatedly and was thought to be criminally exploited.',
    'A 3-year-old was found in a home with serious neglect: no food, no heating and unsafe conditions, known to several agencies.',
    'A 9-month-old died suddenly; the family were in temporary accommodation and domestic abuse had been reported.',
    'A 13-year-old disclosed sexual abuse by an adult she met online; she had been missing overnight several times.',
    'A 6-year-old was seriously injured by a dog at a relative’s home while in the care of a parent under the influence of alcohol.',
  ];
  const rrCount = scaled(PARTNERSHIP_VOLUMES.rapidReviews, scale, PARTNERSHIP_MINIMUMS.rapidReviews);
  const decided = rrCount - 1;
  const decisions = decided <= 2 ? ['lcspr', 'national_review'].slice(0, Math.max(decided, 1)) : ['no_lcspr', 'lcspr', 'national_review', ...Array.from({ length: decided - 3 }, () => 'no_lcspr')];
  const rapid: { id: string; decidedOn: LocalDate; pseudonym: string; dates: ReturnType<typeof siDates>; summary: string; decision: string }[] = [];
  // An older rapid review (last year) that the LCSPR held for criminal proceedings grew out of.
  const olderLearned = workingDay(addDays(today, -480));
  const older = { id: uid(), dates: siDates(olderLearned, false, false), pseudonym: pseudonym('Child') };
  for (let i = 0; i < rrCount; i += 1) {
    const current = i === rrCount - 1;
    const learnedOn = current ? calendar.subtractWorkingDays(today, 9) : workingDay(addDays(today, -340 + Math.round((i * 290) / Math.max(decided, 1))));
    const dates = siDates(learnedOn, i === 1 && !current, i === 2 && !current);
    const id = uid();
    const p = i % 3 === 1 ? `${rng.pick(['Ava', 'Leo', 'Mia', 'Jayden', 'Ruby', 'Kai', 'Isla', 'Tyler'])}` : pseudonym('Child');
    pseudonymsUsed.add(p);
    const summary = RR_SUMMARY[i % RR_SUMMARY.length]!;
    if (current) {
      reviewRows.push({
        id, tenantId, reference: '', kind: 'rapid_review', title: `Rapid review: ${p}`, subjectPseudonym: p, summary, incidentOn: dates.incidentOn, learnedOn: dates.learnedOn,
        notifiedOn: dates.notifiedOn <= today ? dates.notifiedOn : null, notificationDueOn: dates.notificationDueOn, rapidReviewDueOn: dates.notifiedOn <= today ? dates.rapidReviewDueOn : null,
        stage: dates.notifiedOn <= today ? 'rapid_review' : 'notified', boardKind: 'children', restricted: true, createdByUserId: bu, createdAt: at(dates.learnedOn, 11 * 60), updatedAt: beforeNow(at(minDate(dates.notifiedOn, today), 15 * 60)),
      });
      continue;
    }
    const decision = decisions[i] ?? 'no_lcspr';
    const panelSentOn = calendar.addWorkingDays(dates.rapidReviewHeldOn, rng.int(0, 1));
    const findings = pickFindings('children', rng.int(3, 5));
    reviewRows.push({
      id, tenantId, reference: '', kind: 'rapid_review', title: `Rapid review: ${p}`, subjectPseudonym: p, summary, ...dates,
      decision, decisionReason: decision === 'lcspr' ? 'The case may highlight improvements needed in how agencies work together: the criteria for a local review are met.' : decision === 'national_review' ? 'The case raises issues of national importance (exploitation across areas): referred to the Panel, which agreed a national review.' : 'The learning is clear and is being acted on through the rapid review’s own action plan: no further review would add to it.',
      decidedOn: dates.rapidReviewHeldOn, panelSentOn, stage: 'closed', learning: findings.map((f) => f.recommendation).join(' '), boardKind: 'children', restricted: true, createdByUserId: bu, createdAt: at(dates.learnedOn, 11 * 60), updatedAt: at(panelSentOn, 16 * 60),
    });
    addFindings(id, findings);
    addReviewAgencies(id, ['police', 'csc', 'health', 'education'], dates.notifiedOn, 'Information for the rapid review');
    planSources.push({ sourceKind: 'learning_review', sourceId: id, sourceTitle: `Rapid review: ${p}`, title: `Action plan: rapid review (${p})`, boardKind: 'children', restricted: true, createdOn: dates.rapidReviewHeldOn, items: findings });
    rapid.push({ id, decidedOn: dates.rapidReviewHeldOn, pseudonym: p, dates, summary, decision });
  }
  // The older rapid review.
  {
    const d = older.dates;
    const findings = pickFindings('children', 3);
    reviewRows.push({
      id: older.id, tenantId, reference: '', kind: 'rapid_review', title: `Rapid review: ${older.pseudonym}`, subjectPseudonym: older.pseudonym, summary: 'An infant suffered a serious head injury at home; the father was arrested. Both parents had been known to services as children.', ...d,
      decision: 'lcspr', decisionReason: 'Several agencies knew of the risks but did not bring them together: the criteria for a local review are met.', decidedOn: d.rapidReviewHeldOn, panelSentOn: d.rapidReviewHeldOn, stage: 'closed', learning: findings.map((f) => f.recommendation).join(' '), boardKind: 'children', restricted: true, createdByUserId: bu, createdAt: at(d.learnedOn, 11 * 60), updatedAt: at(d.rapidReviewHeldOn, 16 * 60),
    });
    addFindings(older.id, findings);
    planSources.push({ sourceKind: 'learning_review', sourceId: older.id, sourceTitle: `Rapid review: ${older.pseudonym}`, title: `Action plan: rapid review (${older.pseudonym})`, boardKind: 'children', restricted: true, createdOn: d.rapidReviewHeldOn, items: findings });
  }
  // The two LCSPRs: one from this year's rapid review in review, one at report with publication held.
  const lcsprParents = [rapid.find((r) => r.decision === 'lcspr'), { id: older.id, decidedOn: older.dates.rapidReviewHeldOn, pseudonym: older.pseudonym, dates: older.dates, summary: 'An infant suffered a serious head injury at home.' }];
  lcsprParents.forEach((parent, i) => {
    if (!parent) return;
    const id = uid();
    const held = i === 1;
    const termsOn = calendar.addWorkingDays(parent.decidedOn, 20);
    const findings = pickFindings('children', held ? 6 : 4);
    const panelSentOn = held ? addDays(today, -rng.int(40, 70)) : null;
    reviewRows.push({
      id, tenantId, reference: '', kind: 'lcspr', parentReviewId: parent.id, title: `Local child safeguarding practice review: ${parent.pseudonym}`, subjectPseudonym: parent.pseudonym,
      summary: `${parent.summary} The rapid review decided on a local child safeguarding practice review.`, incidentOn: parent.dates.incidentOn, learnedOn: parent.dates.learnedOn, notifiedOn: parent.dates.notifiedOn,
      reviewer: held ? 'Independent reviewer: Dr Alison Fenwick' : 'Independent reviewer: Martin Threlfall', termsOfReferenceOn: termsOn, panelSentOn,
      publicationDueOn: addMonths(parent.decidedOn, 6), publicationHeld: held, publicationHeldReason: held ? 'Criminal proceedings: the father is charged; the trial is listed at the Crown Court. The police and CPS asked that the report is not published until the trial ends.' : null,
      stage: held ? 'report' : 'in_review', learning: held ? 'The final report is with the Panel; learning shared through a 7-minute briefing that does not identify the family.' : null, boardKind: 'children', restricted: true, createdByUserId: bu,
      createdAt: at(parent.decidedOn, 14 * 60), updatedAt: beforeNow(at(panelSentOn ?? termsOn, 12 * 60)),
    });
    addFindings(id, findings);
    addReviewAgencies(id, ['police', 'csc', 'health', 'education', 'probation', 'housing'], termsOn, 'Chronology and individual management review');
    planSources.push({ sourceKind: 'learning_review', sourceId: id, sourceTitle: `LCSPR: ${parent.pseudonym}`, title: `Action plan: LCSPR (${parent.pseudonym})`, boardKind: 'children', restricted: true, createdOn: held ? panelSentOn! : termsOn, items: findings });
  });
  // Safeguarding adults reviews (s44), a domestic homicide review and practice reviews.
  const sars = [
    { p: 'Adult T', died: true, summary: 'A 58-year-old man with diabetes and alcohol dependence died at home in squalor after months of refusing help; neighbours, his GP and housing had raised concerns.', stage: 'in_review' as const, ago: 250 },
    { p: 'Mrs D', died: false, summary: 'An 84-year-old woman living with dementia was found with pressure ulcers and weight loss in a care home rated requires improvement; concerns had been raised by two agencies.', stage: 'published' as const, ago: 420 },
  ];
  for (const s of sars) {
    const id = uid();
    const learnedOn = workingDay(addDays(today, -s.ago));
    const decidedOn = calendar.addWorkingDays(learnedOn, rng.int(25, 40));
    const findings = pickFindings('adults', s.stage === 'published' ? 5 : 4);
    const publishedOn = s.stage === 'published' ? addDays(today, -rng.int(20, 60)) : null;
    reviewRows.push({
      id, tenantId, reference: '', kind: 'sar', title: `Safeguarding adults review: ${s.p}`, subjectPseudonym: s.p, summary: s.summary, incidentOn: addDays(learnedOn, -rng.int(2, 20)), learnedOn, notifiedOn: calendar.addWorkingDays(learnedOn, 2),
      decision: 'sar', decisionReason: 'The criteria in s44(1) are met: the board must arrange a safeguarding adults review.', decidedOn,
      // As the learning reviews feature records them (domain/learning-reviews.ts S44Answers, with the basis of the decision).
      s44Criteria: { careAndSupportNeeds: true, concernAboutPartners: true, adultDied: s.died, abuseOrNeglect: true, basis: 's44(1)' },
      reviewer: 'Independent reviewer: Kath Moorcroft', termsOfReferenceOn: calendar.addWorkingDays(decidedOn, 15), panelSentOn: publishedOn ? addDays(publishedOn, -35) : null,
      publicationDueOn: addMonths(decidedOn, 9), publishedOn, stage: s.stage, learning: publishedOn ? findings.map((f) => f.recommendation).join(' ') : null, boardKind: 'adults', restricted: s.stage !== 'published',
      createdByUserId: bu, createdAt: at(learnedOn, 10 * 60), updatedAt: beforeNow(at(publishedOn ?? calendar.addWorkingDays(decidedOn, 15), 12 * 60)),
    });
    addFindings(id, findings);
    addReviewAgencies(id, ['asc', 'health', 'police', 'housing'], decidedOn, 'Chronology and individual management review');
    planSources.push({ sourceKind: 'learning_review', sourceId: id, sourceTitle: `SAR: ${s.p}`, title: `Action plan: safeguarding adults review (${s.p})`, boardKind: 'adults', restricted: s.stage !== 'published', createdOn: calendar.addWorkingDays(decidedOn, 40), items: findings });
  }
  {
    const id = uid();
    const learnedOn = workingDay(addDays(today, -300));
    const decidedOn = calendar.addWorkingDays(learnedOn, 15);
    const findings = pickFindings('da', 4);
    reviewRows.push({
      id, tenantId, reference: '', kind: 'dhr', title: 'Domestic homicide review: Joanne', subjectPseudonym: 'Joanne', summary: 'A 34-year-old woman was killed by her former partner a month after she left him; she had disclosed abuse to her GP and the police had attended twice. Her children were staying with relatives.',
      incidentOn: addDays(learnedOn, -1), learnedOn, notifiedOn: calendar.addWorkingDays(learnedOn, 3), decision: 'dhr', decisionReason: 'The death meets the criteria in section 9: a review will be held and the Home Office has been told.', decidedOn,
      reviewer: 'Independent chair: Peter Ashdown', termsOfReferenceOn: calendar.addWorkingDays(decidedOn, 20), publicationDueOn: addMonths(decidedOn, 12), stage: 'in_review', boardKind: 'community_safety', restricted: true,
      createdByUserId: bu, createdAt: at(learnedOn, 9 * 60), updatedAt: at(calendar.addWorkingDays(decidedOn, 20), 12 * 60),
    });
    addFindings(id, findings);
    addReviewAgencies(id, ['police', 'health', 'da', 'housing', 'probation', 'csc'], decidedOn, 'Chronology and individual management review');
    planSources.push({ sourceKind: 'learning_review', sourceId: id, sourceTitle: 'DHR: Joanne', title: 'Action plan: domestic homicide review (Joanne)', boardKind: 'community_safety', restricted: true, createdOn: calendar.addWorkingDays(decidedOn, 60), items: findings });
  }
  const practice = [
    { p: 'Family W', board: 'children', summary: 'Three children in a family with long-standing neglect: a lessons learned review of how agencies worked together over five years.', published: true, ago: 330 },
    { p: 'Mr H', board: 'adults', summary: 'A man with a learning disability was financially exploited and cuckooed in his flat; the criteria for a SAR were not met but partners wanted the learning.', published: false, ago: 150 },
  ] as const;
  for (const pr of practice) {
    const id = uid();
    const startOn = workingDay(addDays(today, -pr.ago));
    const findings = pickFindings(pr.board, 4);
    const publishedOn = pr.published ? addDays(today, -rng.int(30, 80)) : null;
    reviewRows.push({
      id, tenantId, reference: '', kind: 'practice_review', title: `Practice review: ${pr.p}`, subjectPseudonym: pr.p, summary: pr.summary, incidentOn: addDays(startOn, -rng.int(10, 40)), learnedOn: startOn,
      reviewer: 'Facilitated by the business unit', termsOfReferenceOn: calendar.addWorkingDays(startOn, 10), panelSentOn: publishedOn ? addDays(publishedOn, -20) : null, publishedOn,
      stage: pr.published ? 'published' : 'in_review', learning: pr.published ? findings.map((f) => f.recommendation).join(' ') : null, boardKind: pr.board, restricted: !pr.published,
      createdByUserId: bu, createdAt: at(startOn, 10 * 60), updatedAt: beforeNow(at(publishedOn ?? calendar.addWorkingDays(startOn, 10), 12 * 60)),
    });
    addFindings(id, findings);
    addReviewAgencies(id, pr.board === 'children' ? ['csc', 'health', 'education', 'police'] : ['asc', 'police', 'housing', 'health'], startOn, 'Practitioners for the learning event');
    planSources.push({ sourceKind: 'learning_review', sourceId: id, sourceTitle: `Practice review: ${pr.p}`, title: `Action plan: practice review (${pr.p})`, boardKind: pr.board, restricted: !pr.published, createdOn: calendar.addWorkingDays(startOn, 30), items: findings });
  }
  // Child death reviews (CDOP).
  const cdrCount = scaled(PARTNERSHIP_VOLUMES.childDeaths, scale, PARTNERSHIP_MINIMUMS.childDeaths);
  // Categories in the national proportions (largest remainder), in a shuffled order over the year.
  const cdopTotal = CDOP_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  const quota = CDOP_WEIGHTS.map(([c, w]) => ({ c, exact: (w * cdrCount) / cdopTotal, k: Math.floor((w * cdrCount) / cdopTotal) }));
  for (const q of [...quota].sort((a, b) => b.exact - b.k - (a.exact - a.k)).slice(0, cdrCount - quota.reduce((sum, q) => sum + q.k, 0))) q.k += 1;
  const categories = quota.flatMap((q) => Array.from({ length: q.k }, () => q.c));
  for (let i = categories.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [categories[i], categories[j]] = [categories[j]!, categories[i]!];
  }
  for (let i = 0; i < cdrCount; i += 1) {
    const id = uid();
    const diedOn = addDays(from, Math.round(((i + 0.5) * 355) / cdrCount));
    const learnedOn = minDate(addDays(diedOn, rng.int(0, 2)), today);
    const category = categories[i] ?? rng.weighted(CDOP_WEIGHTS);
    const reviewedOn = addDays(learnedOn, rng.int(90, 200));
    const closed = reviewedOn <= today;
    const modifiable = closed ? (rng.chance(MODIFIABLE_RATE[category] ?? 0.2) ? 'yes' : rng.chance(0.1) ? 'insufficient' : 'no') : null;
    reviewRows.push({
      id, tenantId, reference: '', kind: 'child_death_review', title: `Child death review: ${pseudonym('Child')}`, subjectPseudonym: '', summary: CDOP_SUMMARY[category]!, incidentOn: diedOn, learnedOn,
      cdopCategory: closed ? category : null, modifiableFactors: modifiable, learning: closed ? CDOP_LEARNING[category]! : null, stage: closed ? 'closed' : 'in_review', boardKind: 'children', restricted: true,
      createdByUserId: bu, createdAt: beforeNow(at(learnedOn, 12 * 60)), updatedAt: beforeNow(at(closed ? reviewedOn : learnedOn, 15 * 60)),
    });
    const row = reviewRows[reviewRows.length - 1]!;
    row.subjectPseudonym = row.title.replace('Child death review: ', '');
  }
  reviewRows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  await insertMany(
    db,
    learningReview,
    reviewRows.map((r) => ({ ...r, reference: sql`'LR-' || lpad(nextval('learning_review_reference_seq')::text, 5, '0')` })),
  );
  await insertMany(db, learningReviewFinding, findingRows);
  await insertMany(db, learningReviewAgency, reviewAgencyRows);

  // ——— multi-agency audits ———
  const auditRows: Row<typeof caseAudit>[] = [];
  const sampleRows: Row<typeof caseAuditSample>[] = [];
  const gradingRows: Row<typeof caseAuditGrading>[] = [];
  const auditFindingRows: Row<typeof caseAuditFinding>[] = [];
  const candidates = async (query: SQL, fallbackQuery: SQL): Promise<{ record_id: string; person_id: string }[]> => {
    const found = await rows<{ record_id: string; person_id: string }>(db, query);
    return found.length >= 6 ? found : [...found, ...(await rows<{ record_id: string; person_id: string }>(db, fallbackQuery))];
  };
  const childRefs = (concern: string) =>
    candidates(
      sql`select r.id as record_id, r.person_id from csc_referral r join contact c on c.id = r.contact_id where r.tenant_id = ${tenantId} and ${concern} = any(c.concerns) order by r.reference limit 60`,
      sql`select r.id as record_id, r.person_id from csc_referral r where r.tenant_id = ${tenantId} order by r.reference limit 60`,
    );
  const AUDITS = [
    { topic: 'Neglect', key: 'neglect', scope: 'Children referred to children’s social care with neglect among the concerns: recognition, assessment and the plan.', sampleKind: 'children', boardKind: 'children', recordKind: 'csc_referral', ago: 215, status: 'closed', agencies: ['csc', 'health', 'education', 'police'], fetch: () => childRefs('neglect') },
    { topic: 'Child sexual exploitation', key: 'cse', scope: 'Young people referred with sexual exploitation or repeat missing episodes: screening, disruption and support.', sampleKind: 'children', boardKind: 'children', recordKind: 'csc_referral', ago: 160, status: 'closed', agencies: ['csc', 'police', 'health', 'education'], fetch: () => childRefs('sexual_exploitation') },
    {
      topic: 'Domestic abuse with children present', key: 'da', scope: 'Police-reported domestic abuse incidents where children were present: grading, the children’s experience and Operation Encompass.', sampleKind: 'domestic_abuse', boardKind: 'community_safety', recordKind: 'da_case', ago: 105, status: 'closed', agencies: ['police', 'da', 'csc', 'health'],
      fetch: () => candidates(
        sql`select distinct on (c.id) c.id as record_id, p.person_id from da_case c join da_person p on p.da_case_id = c.id where c.tenant_id = ${tenantId} and p.role = 'child_present' and p.person_id is not null order by c.id, p.person_id limit 60`,
        sql`select distinct on (c.id) c.id as record_id, p.person_id from da_case c join da_person p on p.da_case_id = c.id where c.tenant_id = ${tenantId} and p.person_id is not null order by c.id, p.person_id limit 60`,
      ),
    },
    {
      topic: 'Self-neglect', key: 'self_neglect', scope: 'Adults with concerns of self-neglect or hoarding: engagement, mental capacity and the multi-agency response.', sampleKind: 'adults', boardKind: 'adults', recordKind: 'adult_concern', ago: 45, status: 'grading', agencies: ['asc', 'health', 'housing', 'police'],
      fetch: () => candidates(
        sql`select distinct c.id as record_id, c.person_id from adult_concern c join adult_enquiry e on e.concern_id = c.id join adult_risk k on k.enquiry_id = e.id where c.tenant_id = ${tenantId} and k.type = 'self_neglect' and c.person_id is not null order by c.id limit 60`,
        sql`select c.id as record_id, c.person_id from adult_concern c where c.tenant_id = ${tenantId} and c.person_id is not null order by c.reference limit 60`,
      ),
    },
    {
      topic: 'Transitions at 18', key: 'transitions', scope: 'Young adults aged 18 to 25 with care and support needs: whether adults’ services knew them before they turned 18.', sampleKind: 'adults', boardKind: 'joint', recordKind: 'adult_concern', ago: -20, status: 'sampling', agencies: ['asc', 'csc', 'health', 'education'],
      fetch: () => candidates(
        sql`select c.id as record_id, c.person_id from adult_concern c join person p on p.id = c.person_id where c.tenant_id = ${tenantId} and p.date_of_birth > (c.received_at - interval '26 years')::date order by c.reference limit 60`,
        sql`select c.id as record_id, c.person_id from adult_concern c where c.tenant_id = ${tenantId} and c.person_id is not null order by c.reference limit 60`,
      ),
    },
    { topic: 'Mental Capacity Act', key: 'mca', scope: 'Section 42 enquiries where the adult’s capacity was in question: assessment for the specific decision, best interests and recording.', sampleKind: 'adults', boardKind: 'adults', recordKind: 'adult_concern', ago: -80, status: 'planned', agencies: ['asc', 'health'], fetch: async () => [] },
  ] as const;
  const GRADES: readonly (readonly [string, number])[] = [['outstanding', 8], ['good', 45], ['requires_improvement', 35], ['inadequate', 12]];
  const STRENGTHS = ['Timely referral with a clear account of the concern.', 'Good information sharing at the strategy discussion.', 'The child’s voice was recorded in their own words.', 'Management oversight was clear and recorded.', 'The agency attended every meeting and completed its actions.'];
  const IMPROVEMENTS = ['The chronology was not used to see the pattern of concerns.', 'No evidence the escalation policy was considered when the agency disagreed.', 'The plan was not specific about what must change.', 'Information held by the agency was not shared at the front door.', 'Capacity was assumed rather than assessed.'];
  const auditRefs: { id: string; year: number }[] = [];
  for (const a of AUDITS) {
    const id = uid();
    const plannedOn = workingDay(addDays(today, -a.ago));
    const programmeYear = parseLocalDate(plannedOn).month >= 4 ? parseLocalDate(plannedOn).year : parseLocalDate(plannedOn).year - 1;
    const gradingDueOn = a.status === 'planned' ? null : calendar.addWorkingDays(plannedOn, 30);
    auditRefs.push({ id, year: programmeYear });
    auditRows.push({
      id, tenantId, reference: '', programmeYear, topic: a.topic, scope: a.scope, sampleKind: a.sampleKind, boardKind: a.boardKind, plannedOn, gradingDueOn, status: a.status,
      // The year before the audit was planned, six records: the period a sample can be redrawn from.
      ...(a.status === 'planned' ? {} : { sampleFrom: addDays(plannedOn, -365), sampleTo: plannedOn, sampleSize: 6 }),
      summary: a.status === 'closed' ? `Six records audited by ${a.agencies.length} agencies: most practice graded good or requires improvement; findings and actions agreed by the ${a.boardKind === 'community_safety' ? 'Domestic Abuse Priority Group' : 'Performance and Quality Assurance sub-group'}.` : null,
      createdByUserId: bu, createdAt: at(addDays(today, -Math.max(a.ago, 0) - 30), 10 * 60),
    });
    if (a.status === 'planned') continue;
    const pool = await a.fetch();
    const seen = new Set<string>();
    const picked = pool.filter((r) => (seen.has(r.record_id) ? false : (seen.add(r.record_id), true)));
    const sample: typeof picked = [];
    while (sample.length < 6 && picked.length) sample.push(picked.splice(rng.int(0, picked.length - 1), 1)[0]!);
    const agencyIdsOf = a.agencies.map((k) => ag(k));
    sample.forEach((s, si) => {
      const sampleId = uid();
      sampleRows.push({ id: sampleId, tenantId, auditId: id, personId: s.person_id, recordKind: a.recordKind, recordId: s.record_id, agencyIds: [...new Set(agencyIdsOf)] });
      if (a.status === 'sampling') return;
      [...new Set(a.agencies)].forEach((k, ki) => {
        // While grading: the first two agencies have finished, the third half-way, the fourth not started.
        if (a.status === 'grading' && (ki === 3 || (ki === 2 && si % 2 === 1))) return;
        const grade = rng.weighted(GRADES);
        const gradedOn = minDate(calendar.addWorkingDays(plannedOn, rng.int(5, 28)), today);
        gradingRows.push({
          id: uid(), tenantId, sampleId, auditId: id, agencyId: ag(k), grade, strengths: rng.pick(STRENGTHS), improvements: grade === 'outstanding' ? null : rng.pick(IMPROVEMENTS),
          gradedByUserId: userFor(k), gradedAt: beforeNow(at(gradedOn, rng.int(9 * 60, 17 * 60))),
        });
      });
    });
    if (a.status === 'closed') {
      const findings = AUDIT_FINDINGS[a.key]!;
      findings.forEach((f, i) => auditFindingRows.push({ id: uid(), tenantId, auditId: id, position: i + 1, text: f.finding }));
      planSources.push({ sourceKind: 'case_audit', sourceId: id, sourceTitle: `Multi-agency audit: ${a.topic}`, title: `Action plan: ${a.topic.toLowerCase()} audit`, boardKind: a.boardKind, restricted: false, createdOn: minDate(calendar.addWorkingDays(gradingDueOn!, 10), today), items: findings });
    }
  }
  await insertMany(db, caseAudit, auditRows.map((r, i) => ({ ...r, reference: sql`${`MAA-${auditRefs[i]!.year}-`} || lpad(nextval('case_audit_reference_seq')::text, 3, '0')` })));
  await insertMany(db, caseAuditSample, sampleRows);
  await insertMany(db, caseAuditGrading, gradingRows);
  await insertMany(db, caseAuditFinding, auditFindingRows);

  // ——— training ———
  const courseRows: Row<typeof trainingCourse>[] = [];
  const sessionRows: Row<typeof trainingSession>[] = [];
  const bookingRows: Row<typeof trainingBooking>[] = [];
  const courseIds = COURSES.map(() => uid());
  COURSES.forEach((c, i) => courseRows.push({ id: courseIds[i]!, tenantId, title: c.title, theme: c.theme, mode: c.mode, boardKind: c.board, description: c.description, audience: c.audience, durationMinutes: c.minutes, createdAt: new Date(now.getTime() - 420 * DAY) }));
  const domainOf = (o: Org): string => {
    switch (o.type) {
      case 'school': return `${slug(o.name)}.sch.example`;
      case 'voluntary': return `${slug(o.name)}.org.example`;
      case 'care_provider': return `${slug(o.name)}.example`;
      case 'health': return 'fernmoor-nhs.example';
      case 'police': return 'police.example';
      case 'probation': return 'probation.example';
      case 'housing': return 'fernmoorhomes.example';
      case 'idva_da_service': return 'fernmoor-da.example';
      default: return 'fernmoor-council.example';
    }
  };
  const pickOf = (type: string): Org => {
    const list = byType(type).length ? byType(type) : byType('children_social_care').length ? byType('children_social_care') : orgs;
    return rng.pick(list);
  };
  type Attendee = { org: Org; role: string };
  const childAttendee = (c: CourseDef): Attendee => {
    const type = c.focus === 'school' && rng.chance(0.85) ? 'school' : c.focus === 'health' && rng.chance(0.6) ? 'health'
      : rng.weighted([['school', 34], ['children_social_care', 20], ['health', 12], ['voluntary', 10], ['police', 6], ['education', 5], ['housing', 3], ['probation', 2], ['idva_da_service', 3], ['adult_social_care', 3], ['community_safety', 2]] as const);
    const org = pickOf(type);
    return { org, role: rng.pick(JOB_ROLES[org.type] ?? ['Practitioner']) };
  };
  const adultAttendee = (): Attendee => {
    // The adults' board's table: local authority 423, independent / voluntary 580, health 28, service users and carers 21, students 6.
    const group = rng.weighted([['la', 423], ['independent', 580], ['health', 28], ['carers', 21], ['students', 6]] as const);
    if (group === 'la') {
      const org = pickOf(rng.chance(0.8) ? 'adult_social_care' : 'children_social_care');
      return { org, role: rng.pick(JOB_ROLES[org.type]!) };
    }
    if (group === 'independent') {
      const org = pickOf(rng.chance(0.6) && byType('care_provider').length ? 'care_provider' : 'voluntary');
      return { org, role: rng.pick(JOB_ROLES[org.type] ?? ['Care worker']) };
    }
    if (group === 'health') return { org: pickOf('health'), role: rng.pick(['Ward nurse', 'District nurse', 'GP', 'Mental health nurse']) };
    if (group === 'carers') return { org: pickOf('voluntary'), role: rng.pick(['Unpaid carer', 'Expert by experience']) };
    return { org: pickOf('adult_social_care'), role: 'Student social worker' };
  };
  const daAttendee = (c: CourseDef): Attendee => {
    const type = c.focus === 'school' && rng.chance(0.8) ? 'school' : rng.weighted([['police', 20], ['idva_da_service', 12], ['health', 20], ['children_social_care', 15], ['school', 12], ['housing', 10], ['voluntary', 6], ['adult_social_care', 5]] as const);
    const org = pickOf(type);
    return { org, role: rng.pick(JOB_ROLES[org.type] ?? ['Practitioner']) };
  };
  const hash = (s: string) => createHash('sha256').update(s).digest('hex');
  const sessionsOf = new Map<number, number>();
  function addSession(ci: number, startsAt: Date, endsAt: Date, capacity: number, status: string, venue: string) {
    const id = uid();
    sessionRows.push({ id, tenantId, courseId: courseIds[ci]!, startsAt, endsAt, venue, trainer: COURSES[ci]!.mode === 'e_learning' ? null : rng.pick(TRAINERS), capacity, status, registerTakenAt: status === 'held' ? beforeNow(new Date(endsAt.getTime() + rng.int(5, 90) * 60_000)) : null });
    sessionsOf.set(ci, (sessionsOf.get(ci) ?? 0) + 1);
    return id;
  }
  function book(sessionId: string, c: CourseDef, who: Attendee, status: string, startsAt: Date, endsAt: Date, used: Set<string>, attendeeUserId: string | null = null, bookedByUserId: string | null = null) {
    let given = rng.chance(0.7) ? rng.pick(GIVEN_FEMALE) : rng.pick(GIVEN_MALE);
    let family = rng.pick(FAMILY);
    let email = `${slug(given)}.${slug(family)}@${domainOf(who.org)}`;
    for (let n = 2; used.has(email); n += 1) {
      given = rng.pick(GIVEN_FEMALE);
      family = rng.pick(FAMILY);
      email = `${slug(given)}.${slug(family)}${n > 3 ? n : ''}@${domainOf(who.org)}`;
    }
    used.add(email);
    const id = uid();
    const bookedAt = new Date(Math.min(startsAt.getTime() - rng.int(3, 45) * DAY - rng.int(0, 8) * HOUR, now.getTime() - 2 * HOUR));
    const attended = status === 'attended';
    const evaluated = attended && rng.chance(0.86);
    const before = rng.weighted([[1, 8], [2, 32], [3, 42], [4, 18]] as const);
    const sessionOn = calendar.dateOf(startsAt);
    const impactDueOn = attended ? addMonths(sessionOn, 3) : null;
    const sent = impactDueOn !== null && impactDueOn <= today;
    const sentAt = sent ? beforeNow(at(impactDueOn, 8 * 60)) : null;
    const answered = sentAt !== null && sentAt.getTime() < now.getTime() - DAY && rng.chance(0.35);
    const answeredAt = answered ? beforeNow(new Date(sentAt.getTime() + rng.int(1, Math.min(55, Math.max(1, Math.floor((now.getTime() - sentAt.getTime()) / DAY)))) * DAY - rng.int(0, 6) * HOUR)) : null;
    const used_ = rng.weighted([['yes', 72], ['not_yet', 20], ['no', 8]] as const);
    bookingRows.push({
      id, tenantId, sessionId, attendeeName: attendeeUserId ? given : `${given} ${family}`, attendeeEmail: email, attendeeUserId, agencyId: who.org.id, agencyType: who.org.type, jobRole: who.role,
      bookedByUserId: bookedByUserId ?? (who.org.key === 'school:990101' ? userIds.get('dsl') ?? bu : who.org.key === 'school:990401' ? userIds.get('dsl2') ?? bu : bu), bookedAt, status,
      evaluation: evaluated ? { confidenceBefore: before, confidenceAfter: Math.min(5, before + rng.weighted([[0, 8], [1, 60], [2, 32]] as const)), usefulness: rng.weighted([[3, 10], [4, 45], [5, 45]] as const), comments: rng.chance(0.4) ? rng.pick(EVAL_COMMENTS) : null } : null,
      evaluatedAt: evaluated ? beforeNow(new Date(endsAt.getTime() + rng.int(0, 48) * HOUR)) : null,
      impactTokenHash: sent ? hash(`threshold-demo-impact:${id}`) : null, impactDueOn, impactSentAt: sentAt,
      impact: answered ? { used: used_, example: used_ === 'yes' ? rng.pick(IMPACT_EXAMPLES) : null, confidenceNow: rng.weighted([[3, 25], [4, 50], [5, 25]] as const), moreHelp: rng.chance(0.3) ? 'A refresher in a year, and the local procedures in one place.' : null } : null,
      impactAnsweredAt: answeredAt,
    });
  }
  let attendedChildren = 0;
  let attendedAdults = 0;
  const monthsBack = (k: number) => {
    const { year, month } = parseLocalDate(today);
    return formatLocalDate(Math.floor((year * 12 + month - 1 - k) / 12), ((((month - 1 - k) % 12) + 12) % 12) + 1, 1);
  };
  for (const [boardKind, target] of [['children', scaled(PARTNERSHIP_VOLUMES.attendedChildren, scale)], ['adults', scaled(PARTNERSHIP_VOLUMES.attendedAdults, scale)], ['domestic_abuse', scaled(PARTNERSHIP_VOLUMES.attendedDomesticAbuse, scale)]] as const) {
    const courseIdx = COURSES.map((c, i) => ({ c, i })).filter((x) => x.c.board === boardKind);
    const online = courseIdx.filter((x) => x.c.mode === 'e_learning');
    const live = courseIdx.filter((x) => x.c.mode !== 'e_learning');
    const attendee = (c: CourseDef) => (boardKind === 'children' ? childAttendee(c) : boardKind === 'adults' ? adultAttendee() : daAttendee(c));
    const onlineTarget = online.length ? Math.round(target * (boardKind === 'children' ? 0.3 : 0.35)) : 0;
    let remaining = target - onlineTarget;
    // E-learning: monthly cohorts for the last 12 full months (held) and next month's (open to book).
    const cohorts = online.length * 12;
    let cohortIndex = 0;
    for (let k = 12; k >= 1; k -= 1) {
      const start = workingDay(monthsBack(k));
      const end = calendar.workingDayOnOrBefore(addDays(monthsBack(k - 1), -1));
      for (const { c, i } of online) {
        const startsAt = at(start, 9 * 60);
        const endsAt = at(end, 17 * 60);
        const held = endsAt.getTime() < now.getTime();
        const share = Math.floor(onlineTarget / cohorts) + (cohortIndex < onlineTarget % cohorts ? 1 : 0);
        cohortIndex += 1;
        const sessionId = addSession(i, startsAt, endsAt, 40, held ? 'held' : 'scheduled', 'E-learning (online, at your own pace)');
        const used = new Set<string>();
        const dna = Math.round(share * 0.087);
        for (let n = 0; n < share; n += 1) book(sessionId, c, attendee(c), held ? 'attended' : 'booked', startsAt, endsAt, used);
        for (let n = 0; n < dna && share + n < 40; n += 1) book(sessionId, c, attendee(c), held ? 'did_not_attend' : 'booked', startsAt, endsAt, used);
        if (held) {
          if (boardKind === 'children') attendedChildren += share;
          else if (boardKind === 'adults') attendedAdults += share;
        }
      }
    }
    for (const { i } of online) addSession(i, at(workingDay(monthsBack(-1)), 9 * 60), at(calendar.workingDayOnOrBefore(addDays(monthsBack(-2), -1)), 17 * 60), 40, 'scheduled', 'E-learning (online, at your own pace)');
    // Face to face and webinars across the year, until the year's attendance is reached.
    const liveSessions: { ci: number; attended: number; capacity: number }[] = [];
    let rr = 0;
    while (remaining > 0 && live.length) {
      const { i } = live[rr % live.length]!;
      rr += 1;
      const capacity = rng.int(20, 40);
      const n = Math.min(remaining, Math.round(capacity * (0.62 + rng.next() * 0.26)));
      liveSessions.push({ ci: i, attended: n, capacity });
      remaining -= n;
    }
    liveSessions.forEach((s, k) => {
      const c = COURSES[s.ci]!;
      const on = workingDay(addDays(from, 3 + Math.floor(((k + 0.5) * 355) / liveSessions.length)));
      const start = c.evening ? 18 * 60 : rng.chance(0.5) ? 9 * 60 + 30 : 13 * 60;
      const startsAt = at(on, start);
      const endsAt = new Date(startsAt.getTime() + c.minutes * 60_000);
      if (endsAt.getTime() >= now.getTime()) return;
      const sessionId = addSession(s.ci, startsAt, endsAt, s.capacity, 'held', c.mode === 'webinar' ? 'Online (Microsoft Teams)' : rng.pick(VENUES));
      const used = new Set<string>();
      const dna = Math.min(Math.round(s.attended * 0.087), s.capacity - s.attended);
      for (let n = 0; n < s.attended; n += 1) book(sessionId, c, attendee(c), 'attended', startsAt, endsAt, used);
      for (let n = 0; n < dna; n += 1) book(sessionId, c, attendee(c), 'did_not_attend', startsAt, endsAt, used);
      for (let n = rng.int(0, 2); n > 0; n -= 1) book(sessionId, c, attendee(c), 'cancelled', startsAt, endsAt, used);
      if (boardKind === 'children') attendedChildren += s.attended;
      else if (boardKind === 'adults') attendedAdults += s.attended;
    });
    // The next three months: sessions open to book, partly booked; one cancelled.
    const upcoming = Math.max(live.length, Math.round(live.length * 2 * Math.min(scale, 1)));
    for (let k = 0; k < upcoming; k += 1) {
      const { c, i } = live[k % live.length]!;
      const on = workingDay(addDays(today, 7 + Math.floor(((k + 0.5) * 85) / upcoming)));
      const startsAt = at(on, c.evening ? 18 * 60 : 9 * 60 + 30);
      const endsAt = new Date(startsAt.getTime() + c.minutes * 60_000);
      const capacity = rng.int(20, 40);
      const cancelled = k === 1;
      const sessionId = addSession(i, startsAt, endsAt, capacity, cancelled ? 'cancelled' : 'scheduled', c.mode === 'webinar' ? 'Online (Microsoft Teams)' : rng.pick(VENUES));
      const used = new Set<string>();
      for (let n = Math.round(capacity * rng.next() * 0.7); n > 0; n -= 1) book(sessionId, c, attendee(c), cancelled ? 'cancelled' : rng.chance(0.05) ? 'cancelled' : 'booked', startsAt, endsAt, used);
    }
  }
  // The demo's health lead attended the Graded Care Profile earlier in the year.
  const health = userIds.get('health');
  const gcp = COURSES.findIndex((c) => c.title === 'Graded Care Profile');
  const gcpSession = sessionRows.find((s) => s.courseId === courseIds[gcp] && s.status === 'held' && (s.startsAt as Date).getTime() < now.getTime() - 100 * DAY);
  const healthOrg = orgById.get(ag('health'));
  const place = gcpSession && bookingRows.find((b) => b.sessionId === gcpSession.id && b.status === 'attended');
  if (health && place && healthOrg) Object.assign(place, { attendeeName: 'Harper Nurse', attendeeEmail: 'health@demo.threshold.test', attendeeUserId: health, bookedByUserId: health, agencyId: healthOrg.id, agencyType: healthOrg.type, jobRole: 'Designated nurse' });
  // The training needs analysis for the current year.
  const needRows: Row<typeof trainingNeed>[] = [];
  const NEEDS: [string, string, string, number][] = [
    ['school', 'Designated safeguarding lead', 'dsl', 3], ['school', 'Teacher', 'core', 40], ['school', 'Teaching assistant', 'neglect', 25], ['school', 'Headteacher', 'safer_recruitment', 2], ['school', 'Pastoral lead', 'online', 4],
    ['children_social_care', 'Social worker', 'neglect', 60], ['children_social_care', 'Social worker', 'exploitation', 45], ['children_social_care', 'Family support worker', 'toxic_trio', 30], ['children_social_care', 'Team manager', 'learning_reviews', 12], ['children_social_care', 'Early help practitioner', 'early_help', 35],
    ['adult_social_care', 'Social worker', 'mental_capacity', 55], ['adult_social_care', 'Social worker', 'self_neglect', 40], ['adult_social_care', 'Care coordinator', 'adult_safeguarding', 30], ['adult_social_care', 'Team manager', 'domestic_abuse', 10],
    ['health', 'Health visitor', 'neglect', 28], ['health', 'Midwife', 'domestic_abuse', 35], ['health', 'Emergency department nurse', 'exploitation', 50], ['health', 'GP', 'core', 80], ['health', 'Mental health nurse', 'self_harm', 40], ['health', 'Ward nurse', 'mental_capacity', 120],
    ['police', 'Police constable', 'domestic_abuse', 150], ['police', 'Detective constable', 'exploitation', 30], ['police', 'Police community support officer', 'core', 40], ['police', 'Sergeant', 'child_death', 12],
    ['probation', 'Probation officer', 'domestic_abuse', 25], ['probation', 'Probation services officer', 'core', 20],
    ['housing', 'Tenancy officer', 'self_neglect', 30], ['housing', 'Housing options officer', 'domestic_abuse', 18], ['housing', 'Neighbourhood officer', 'exploitation', 15],
    ['voluntary', 'Youth worker', 'exploitation', 25], ['voluntary', 'Volunteer', 'core', 120], ['voluntary', 'Project worker', 'online', 20],
    ['care_provider', 'Care worker', 'adult_safeguarding', 200], ['care_provider', 'Registered manager', 'mental_capacity', 15], ['care_provider', 'Senior care worker', 'self_neglect', 40],
    ['education', 'Education welfare officer', 'neglect', 8], ['education', 'Attendance officer', 'exploitation', 6], ['idva_da_service', 'IDVA', 'toxic_trio', 8], ['community_safety', 'Community safety officer', 'prevent', 6], ['education', 'SEND caseworker', 'core', 10],
  ];
  const needCount = scaled(PARTNERSHIP_VOLUMES.trainingNeeds, scale, PARTNERSHIP_MINIMUMS.trainingNeeds);
  for (let i = 0; i < Math.min(needCount, NEEDS.length); i += 1) {
    const [type, role, theme, staff] = NEEDS[i]!;
    const org = type === 'school' || type === 'voluntary' || type === 'care_provider' ? pickOf(type) : (byType(type)[0] ?? pickOf('children_social_care'));
    needRows.push({ id: uid(), tenantId, year: fy, agencyId: org.id, jobRole: role, theme, staffCount: Math.max(1, Math.round(staff * Math.min(1, Math.max(scale, 0.3)))), priority: staff >= 40 ? 'high' : staff >= 15 ? 'medium' : rng.pick(['medium', 'low']), notes: rng.chance(0.4) ? 'From the agency’s annual training return and the learning reviews’ recommendations.' : null, recordedByUserId: bu, recordedAt: beforeNow(at(workingDay(formatLocalDate(fy, 4, 20)), 11 * 60)) });
  }
  await insertMany(db, trainingCourse, courseRows);
  await insertMany(db, trainingSession, sessionRows);
  await insertRecordset(db, 'training_booking', [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['session_id', 'uuid'], ['attendee_name', 'text'], ['attendee_email', 'text'], ['attendee_user_id', 'uuid'], ['agency_id', 'uuid'], ['agency_type', 'text'], ['job_role', 'text'],
    ['booked_by_user_id', 'uuid'], ['booked_at', 'timestamptz'], ['status', 'text'], ['evaluation', 'jsonb'], ['evaluated_at', 'timestamptz'], ['impact_token_hash', 'text'], ['impact_due_on', 'date'], ['impact_sent_at', 'timestamptz'],
    ['impact', 'jsonb'], ['impact_answered_at', 'timestamptz'],
  ], bookingRows);
  await insertMany(db, trainingNeed, needRows);

  // ——— self-assessment ———
  const frameworkRows: Row<typeof saFramework>[] = [];
  const standardRows: Row<typeof saStandard>[] = [];
  const roundRows: Row<typeof saRound>[] = [];
  const returnRows: Row<typeof saReturn>[] = [];
  const answerRows: Row<typeof saAnswer>[] = [];
  const frameworks = new Map<FrameworkKind, { id: string; standards: { id: string; code: string; title: string; guidance: string }[] }>();
  for (const f of STANDARD_FRAMEWORKS) {
    const id = uid();
    frameworkRows.push({ id, tenantId, kind: f.kind, version: f.version, title: f.title, agencyTypes: f.agencyTypes, publishedAt: new Date(now.getTime() - 400 * DAY), createdAt: new Date(now.getTime() - 400 * DAY) });
    const standards = f.standards.map((s, position) => {
      const sid = uid();
      standardRows.push({ id: sid, tenantId, frameworkId: id, position: position + 1, code: s.code, title: s.title, guidance: s.guidance, appliesTo: s.appliesTo });
      return { id: sid, code: s.code, title: s.title, guidance: s.guidance };
    });
    if (!frameworks.has(f.kind)) frameworks.set(f.kind, { id, standards });
  }
  const evidenceItems = (guidance: string): string[] => {
    const m = /Evidence:\s*([^]*?)\.?$/.exec(guidance);
    return (m?.[1] ?? 'the policy, training records and audit results').split(/,\s*|\s+and\s+/).map((s) => s.trim()).filter(Boolean);
  };
  const evidenceFor = (s: { title: string; guidance: string }, rag: string, org: Org, on: LocalDate): string => {
    const items = evidenceItems(s.guidance);
    const first = items[0] ?? 'the policy';
    const second = items[1] ?? 'the training records';
    if (rag === 'green') return `${s.title}: in place at ${org.name}. We hold ${items.join(', ')}; reviewed by our safeguarding lead in ${on.slice(0, 7)}.`;
    if (rag === 'amber') return `${s.title}: partly in place. We hold ${first}; ${second} still to be completed this term, owned by our safeguarding lead.`;
    return `${s.title}: not yet in place. ${first[0]!.toUpperCase()}${first.slice(1)} to be written and agreed; an action is in our plan.`;
  };
  type Band = 'top' | 'over_half' | 'up_to_half' | 'not_started';
  const answeredFor = (b: Band, n: number): number => {
    if (b === 'top') return rng.chance(0.7) ? n : Math.ceil(n * 0.9);
    if (b === 'over_half') return rng.int(Math.floor(n / 2) + 1, Math.ceil(n * 0.9) - 1);
    if (b === 'up_to_half') return rng.int(1, Math.floor(n / 2));
    return 0;
  };
  let returnCount = 0;
  function openRound(kind: FrameworkKind, title: string, openedOn: LocalDate, dueOn: LocalDate, status: string, entries: { org: Org; band: Band; submit?: boolean; challenge?: string }[]) {
    const fw = frameworks.get(kind);
    if (!fw) return null;
    const roundId = uid();
    roundRows.push({ id: roundId, tenantId, frameworkId: fw.id, title, openedOn, dueOn, status, openedByUserId: bu });
    for (const e of entries) {
      const returnId = uid();
      const n = fw.standards.length;
      const answered = e.submit === true ? n : Math.min(n, answeredFor(e.band, n));
      const submitted = answered === n && e.submit !== false && (e.submit === true || rng.chance(0.75));
      const lastOn = minDate(dueOn, today);
      const submittedOn = submitted ? workingDayIn(addDays(openedOn, 14), lastOn) : null;
      const challenged = submitted && e.challenge;
      const challengeOn = challenged ? minDate(calendar.addWorkingDays(submittedOn!, rng.int(10, 20)), today) : null;
      const userId = e.org.key && AGENCY_USER[e.org.key] ? userFor(e.org.key) : e.org.type === 'school' || e.org.type === 'voluntary' ? bu : userFor(e.org.key);
      returnRows.push({
        id: returnId, tenantId, roundId, agencyId: e.org.id, status: answered === 0 ? 'not_started' : challenged ? 'challenged' : submitted ? 'submitted' : 'in_progress',
        submittedAt: submittedOn ? at(submittedOn, rng.int(9 * 60, 17 * 60)) : null, submittedByUserId: submittedOn ? userId : null, challengeOn, challengeNotes: challenged ? e.challenge! : null,
        updatedAt: beforeNow(at(challengeOn ?? submittedOn ?? (answered ? workingDayIn(addDays(openedOn, 3), lastOn) : openedOn), 16 * 60)),
      });
      returnCount += 1;
      fw.standards.slice(0, answered).forEach((s) => {
        const rag = rng.weighted([['green', 68], ['amber', 24], ['red', 8]] as const);
        const on = submittedOn ? minDate(submittedOn, today) : workingDayIn(addDays(openedOn, 2), lastOn);
        answerRows.push({ id: uid(), tenantId, returnId, standardId: s.id, rag, evidence: evidenceFor(s, rag, e.org, on), answeredByUserId: userId, answeredAt: beforeNow(at(submittedOn ? addDays(on, -rng.int(0, 5)) < openedOn ? on : addDays(on, -rng.int(0, 5)) : on, rng.int(9 * 60, 17 * 60))) });
      });
    }
    return roundId;
  }
  const schools = byType('school');
  const schoolTotal = schools.length;
  const sTop = Math.round((schoolTotal * PARTNERSHIP_VOLUMES.schoolsTop) / PARTNERSHIP_VOLUMES.schools);
  const sOver = Math.round((schoolTotal * PARTNERSHIP_VOLUMES.schoolsOverHalf) / PARTNERSHIP_VOLUMES.schools);
  const dslSchools = new Set([agencyIds.get('school:990101'), agencyIds.get('school:990401')].filter(Boolean));
  // The DSL users' schools have a return in progress (over 50%, not submitted): their journeys complete it.
  const schoolOrder = [...schools.filter((s) => dslSchools.has(s.id)), ...schools.filter((s) => !dslSchools.has(s.id))];
  const schoolBands: Band[] = schoolOrder.map((_, i) => {
    if (i < dslSchools.size) return 'over_half';
    const j = i - dslSchools.size;
    if (j < sTop) return 'top';
    if (j < sTop + sOver - dslSchools.size) return 'over_half';
    return j % 3 === 0 ? 'not_started' : 'up_to_half';
  });
  const s175Opened = addDays(today, -95);
  const s175 = openRound('s175', `Section 175 safeguarding self-assessment ${fy}/${String(fy + 1).slice(2)}`, s175Opened, addDays(today, 35), 'open', schoolOrder.map((org, i) => ({
    org, band: schoolBands[i]!, submit: dslSchools.has(org.id) ? false : i === dslSchools.size + 1 ? true : undefined,
    challenge: i === dslSchools.size + 1 ? 'Challenge meeting with the headteacher and DSL: evidence of safer recruitment checks agreed; the single central record to be re-audited in the spring term.' : undefined,
  })));
  const S11_KEYS = ['csc', 'asc', 'police', 'health', 'probation', 'education', 'housing', 'da', 'cs'];
  const s11Orgs = S11_KEYS.map((k) => orgById.get(agencyIds.get(k) ?? '')).filter((o): o is Org => !!o);
  const s11Opened = addDays(today, -230);
  const s11 = openRound('s11', `Section 11 self-assessment ${fy}/${String(fy + 1).slice(2)}`, s11Opened, addDays(today, -70), 'closed', s11Orgs.map((org) => ({
    org, band: org.key === 'housing' ? 'over_half' : 'top', submit: org.key !== 'housing' && (org.key === 'police' || org.key === 'health' || undefined),
    challenge: org.key === 'police' ? 'Challenge meeting with the Head of Public Protection: evidence of supervision for MASH officers accepted; the voice of the child in police records to be audited.' : org.key === 'health' ? 'Challenge meeting with the Chief Nurse: training compliance at level 3 is 78%; a recovery plan agreed with quarterly reports to the Health sub-group.' : undefined,
  })));
  const vcs = byType('voluntary');
  const vTop = Math.round((vcs.length * PARTNERSHIP_VOLUMES.voluntaryTop) / PARTNERSHIP_VOLUMES.voluntary);
  const vNot = Math.round((vcs.length * PARTNERSHIP_VOLUMES.voluntaryNotStarted) / PARTNERSHIP_VOLUMES.voluntary);
  const vcsRound = openRound('vcs', `Voluntary and community sector safeguarding self-assessment ${fy}/${String(fy + 1).slice(2)}`, addDays(today, -120), addDays(today, 21), 'open', vcs.map((org, i) => ({
    org, band: i < vTop ? 'top' : i >= vcs.length - vNot ? 'not_started' : 'over_half', submit: i < vTop ? true : undefined,
  })));
  // The joint children's and adults' tool: just opened; the statutory partners and the independent and voluntary sector's lead organisations.
  const JOINT_KEYS = ['health', 'police', 'housing', 'probation', 'asc', 'csc', 'voluntary', 'provider:heathervale'];
  const jointOrgs = JOINT_KEYS.map((k) => orgById.get(agencyIds.get(k) ?? '')).filter((o): o is Org => !!o);
  openRound('joint', `Joint children’s and adults’ safeguarding self-assessment ${fy}/${String(fy + 1).slice(2)}`, addDays(today, -6), addDays(today, 84), 'open', jointOrgs.map((org) => ({
    org, band: org.key === 'police' || org.key === 'asc' ? 'up_to_half' : 'not_started', submit: false,
  })));
  for (const [roundId, kind, createdOn, items] of [
    [s175, 's175', addDays(s175Opened, 60), [
      { recommendation: 'Schools below 50% to complete their return by the due date, with support from the education safeguarding lead.', theme: 'completing the S175 return', agencies: ['education'] },
      { recommendation: 'Safer recruitment: schools amber on the single central record to re-audit it this term.', theme: 'the single central record', agencies: ['education', 'school:990202'] },
      { recommendation: 'Online safety: schools to show how filtering and monitoring are checked.', theme: 'filtering and monitoring in schools', agencies: ['education'] },
    ]],
    [s11, 's11', addDays(s11Opened, 180), [
      { recommendation: 'Level 3 training compliance in health to reach 90% by the end of the year.', theme: 'level 3 safeguarding training compliance', agencies: ['health'] },
      { recommendation: 'The voice of the child to be evidenced in police records.', theme: 'the voice of the child in police records', agencies: ['police'] },
      { recommendation: 'Housing to complete its section 11 return and name a safeguarding lead at senior level.', theme: 'housing’s section 11 return', agencies: ['housing'] },
    ]],
    [vcsRound, 'vcs', addDays(today, -40), [
      { recommendation: 'Organisations not yet started to be offered a one-to-one session with the business unit.', theme: 'the voluntary sector’s self-assessment', agencies: ['voluntary'] },
      { recommendation: 'Safer recruitment for volunteers: a model policy for small organisations.', theme: 'safer recruitment of volunteers', agencies: ['voluntary', 'board'] },
    ]],
  ] as const) {
    if (!roundId) continue;
    planSources.push({ sourceKind: 'self_assessment', sourceId: roundId, sourceTitle: `Self-assessment round: ${kind.toUpperCase()}`, title: `Action plan: ${kind === 's175' ? 'section 175' : kind === 's11' ? 'section 11' : 'voluntary sector'} self-assessment`, boardKind: 'children', restricted: false, createdOn, items: items.map((x) => ({ ...x, agencies: [...x.agencies] })) });
  }
  await insertMany(db, saFramework, frameworkRows);
  await insertMany(db, saStandard, standardRows);
  await insertMany(db, saRound, roundRows);
  await insertMany(db, saReturn, returnRows);
  await insertRecordset(db, 'sa_answer', [['id', 'uuid'], ['tenant_id', 'uuid'], ['return_id', 'uuid'], ['standard_id', 'uuid'], ['rag', 'text'], ['evidence', 'text'], ['answered_by_user_id', 'uuid'], ['answered_at', 'timestamptz']], answerRows);

  // ——— the action tracker ———
  planSources.push({
    sourceKind: 'inspection', sourceId: null, sourceTitle: `Ofsted inspection of local authority children’s services (ILACS), ${addMonths(today, -7).slice(0, 7)}`, title: 'Action plan: Ofsted inspection of children’s services', boardKind: 'children', restricted: false, createdOn: workingDay(addDays(today, -200)),
    items: [
      { recommendation: 'Strengthen management oversight and recording of strategy discussions.', theme: 'strategy discussions', agencies: ['csc', 'police'] },
      { recommendation: 'Improve the timeliness of initial health assessments for children in care.', theme: 'initial health assessments', agencies: ['health', 'csc'] },
      { recommendation: 'Make child in need plans specific about what must change and by when.', theme: 'child in need plans', agencies: ['csc'] },
      { recommendation: 'Offer and record return home interviews after every missing episode.', theme: 'return home interviews', agencies: ['csc', 'voluntary'] },
    ],
  });
  planSources.push({
    sourceKind: 'peer_review', sourceId: null, sourceTitle: 'Peer review of the safeguarding partnership', title: 'Peer review: game changing actions', boardKind: 'joint', restricted: false, createdOn: workingDay(addDays(today, -150)), short: true, maxOpen: 5,
    items: [
      { recommendation: 'Identify a much smaller number of game changing actions across the three boards (recommendation 1).', theme: 'game changing actions', agencies: ['board'] },
      { recommendation: 'Develop a multi-agency training offer for children, adults and domestic abuse (recommendation 8).', theme: 'the multi-agency training offer', agencies: ['asc'] },
      { recommendation: 'Produce a training needs analysis covering every partner agency (recommendation 10).', theme: 'the training needs analysis', agencies: ['csc'] },
      { recommendation: 'An on-going programme of multi-agency audits, with domestic abuse considered by a sub-group (recommendation 11).', theme: 'the multi-agency audit programme', agencies: ['police'] },
      { recommendation: 'Joint assurance owned by all three boards through one joint self-assessment (recommendation 11).', theme: 'joint assurance across the boards', agencies: ['health'] },
    ],
  });
  const planRows: Row<typeof actionPlan>[] = [];
  const recRows: Row<typeof actionRecommendation>[] = [];
  const actionRows: Row<typeof partnershipAction>[] = [];
  const updateRows: Row<typeof actionUpdate>[] = [];
  planSources.sort((a, b) => a.createdOn.localeCompare(b.createdOn));
  for (const p of planSources) {
    const planId = uid();
    const createdOn = minDate(p.createdOn, addDays(today, -1));
    const createdAt = at(createdOn, 11 * 60);
    planRows.push({ id: planId, tenantId, reference: '', title: p.title, sourceKind: p.sourceKind, sourceId: p.sourceId, sourceTitle: p.sourceTitle, boardKind: p.boardKind, short: p.short ?? false, maxOpen: p.maxOpen ?? null, restricted: p.restricted, createdByUserId: bu, createdAt });
    p.items.forEach((item, position) => {
      const recId = uid();
      recRows.push({ id: recId, tenantId, planId, position: position + 1, text: item.recommendation });
      const count = p.short ? 1 : rng.weighted([[1, 40], [2, 48], [3, 12]] as const);
      for (let k = 0; k < count; k += 1) {
        const key = item.agencies[k % item.agencies.length]!;
        const agencyKey = key.startsWith('school:') ? 'education' : key;
        const ownerAgencyId = ag(key);
        const ownerName = rng.pick(OWNER_NAMES[agencyKey] ?? ['Bryn Partnership']);
        const ownerUserId = userIds.get(OWNER_USER_NAMES[ownerName] ?? '') ?? null;
        const template = rng.pick(ACTION_TEMPLATES[agencyKey] ?? ACTION_TEMPLATES.board!);
        const dueOn = p.short ? addDays(today, [-12, 20, 45, 75, 110][position % 5]!) : addDays(createdOn, rng.int(30, 260));
        const overdueNow = dueOn < today;
        let status: string;
        if (p.short) status = position % 5 === 3 ? 'not_started' : 'in_progress';
        else if (overdueNow) status = rng.weighted([['completed', 66], ['in_progress', 26], ['cancelled', 3], ['not_started', 5]] as const);
        else status = rng.weighted([['completed', 22], ['in_progress', 58], ['not_started', 20]] as const);
        const open = status === 'in_progress' || status === 'not_started';
        const rag = status === 'completed' ? 'green' : status === 'cancelled' ? 'amber' : overdueNow ? 'red' : status === 'not_started' ? 'amber' : rng.chance(0.6) ? 'green' : 'amber';
        const completedOn = status === 'completed' ? minDate(addDays(createdOn, Math.max(5, Math.min(toDayNumber(dueOn) - toDayNumber(createdOn) + rng.int(-20, 15), toDayNumber(today) - toDayNumber(createdOn)))), today) : null;
        const impactChecked = completedOn !== null && toDayNumber(today) - toDayNumber(completedOn) > 45 && rng.chance(0.5);
        const impactOn = impactChecked ? minDate(addDays(completedOn, rng.int(30, 90)), today) : null;
        const id = uid();
        const updater = ownerUserId ?? userFor(agencyKey);
        const updaterAgency = agencyIdOfUser.get(updater) ?? ownerAgencyId;
        // Updates: progress notes (and evidence), the last one the status now.
        const endOn = completedOn ?? today;
        const n = status === 'not_started' ? 0 : status === 'completed' ? rng.int(1, 2) + 1 : rng.int(1, 3);
        const span = Math.max(1, toDayNumber(endOn) - toDayNumber(createdOn));
        let lastAt = createdAt;
        for (let u = 0; u < n; u += 1) {
          const last = u === n - 1;
          const on = addDays(createdOn, Math.max(1, Math.round(((u + 1) * span) / (n + 0.3))));
          const when = beforeNow(at(minDate(on, today), rng.int(9 * 60, 17 * 60)));
          if (when <= lastAt) continue;
          lastAt = when;
          const evidence = last && status === 'completed' ? true : rng.chance(0.3);
          updateRows.push({
            id: uid(), tenantId, actionId: id, note: last && status === 'completed' ? `Completed. ${rng.pick(EVIDENCE_NOTES)}` : `${rng.pick(UPDATE_NOTES)}${evidence ? ` ${rng.pick(EVIDENCE_NOTES)}` : ''}`, isEvidence: evidence,
            status: last ? status : u === 0 ? 'in_progress' : null, rag: last ? rag : null, byUserId: updater, byAgencyId: updaterAgency, at: when,
          });
        }
        // The reminder (5 working days before) and the escalation (the first working day after) already sent, as the job would have.
        const remindAt = calendar.subtractWorkingDays(dueOn, 5);
        const escalateAt = calendar.addWorkingDays(dueOn, 1);
        const remindedOn = open && remindAt <= today && remindAt >= createdOn ? remindAt : null;
        const escalatedOn = open && overdueNow && escalateAt <= today ? escalateAt : null;
        actionRows.push({
          id, tenantId, planId, recommendationId: recId, reference: '', description: template.replace('{t}', item.theme), ownerAgencyId, ownerUserId, ownerName, dueOn, status, rag, completedOn,
          impact: impactChecked ? rng.pick(IMPACT_NOTES) : null, impactCheckedOn: impactOn, impactCheckedByUserId: impactChecked ? bu : null, remindedOn, escalatedOn,
          createdByUserId: bu, createdAt, updatedAt: lastAt,
        });
      }
    });
  }
  await insertMany(db, actionPlan, planRows.map((r) => ({ ...r, reference: sql`'AP-' || lpad(nextval('action_plan_reference_seq')::text, 5, '0')` })));
  await insertMany(db, actionRecommendation, recRows);
  await insertMany(db, partnershipAction, actionRows.map((r) => ({ ...r, reference: sql`'PA-' || lpad(nextval('partnership_action_reference_seq')::text, 5, '0')` })));
  await insertMany(db, actionUpdate, updateRows);

  const summary: PartnershipSeedSummary = {
    boards: boardRows.length, groups: groupRows.length, meetings: meetingRows.length, risks: riskRows.length, reviews: reviewRows.length, plans: planRows.length, actions: actionRows.length, audits: auditRows.length,
    courses: courseRows.length, sessions: sessionRows.length, attendedChildren, attendedAdults, schools: schools.length, voluntary: vcs.length, returns: returnCount,
  };
  input.log(`partnership: ${summary.boards} boards, ${summary.meetings} meetings, ${summary.risks} risks, ${summary.reviews} reviews, ${summary.plans} plans with ${summary.actions} actions, ${summary.audits} audits, ${summary.sessions} sessions (${attendedChildren} attended children’s, ${attendedAdults} adults’ courses), ${summary.returns} self-assessment returns`);
  return summary;
}

interface PlanSourceDef {
  sourceKind: 'learning_review' | 'case_audit' | 'inspection' | 'self_assessment' | 'peer_review' | 'board_decision';
  sourceId: string | null;
  sourceTitle: string;
  title: string;
  boardKind: string;
  restricted: boolean;
  createdOn: LocalDate;
  short?: boolean;
  maxOpen?: number;
  items: { recommendation: string; theme: string; agencies: string[] }[];
}
