/**
 * Demo data: the fictional Borough of Fernmoor with its agencies, schools, a user for every role, and synthetic
 * families and contacts so every page has something true to show. Everything is marked synthetic. `scale`
 * multiplies the people and contacts (benchmarks use large scales).
 */
import { seedDomesticAbuse } from './demo-domestic-abuse.js';
import { seedIncidentsDemo } from './demo-incidents.js';
import { seedDolsDemo } from './demo-dols.js';
import { seedLeadsDemo } from './demo-leads.js';
import { seedProvidersDemo } from './demo-providers.js';
import { seedAdultsDemo } from './demo-adults.js';
import { seedEarlyHelpDemo } from './demo-early-help.js';
import { seedCmeDemo } from './demo-cme.js';
import { seedChildrenDemo } from './demo-children.js';
import { seedLadoDemo } from './demo-lado.js';
import { seedPublicCountsDemo } from './demo-public-counts.js';
import { seedPartnershipDemo } from './demo-partnership.js';
import { seedPublicContentDemo } from './demo-public-content.js';
import { seedPublicReportsDemo } from './demo-public-reports.js';
import { CHILD_COMPARATORS } from './demo-child-comparators.js';
import { CME_LADO_COMPARATORS } from './demo-cme-lado-comparators.js';
import { sql } from 'drizzle-orm';
import { type Database, one, transaction } from '../client.js';
import {
  agency,
  clock,
  comparator,
  population,
  appUser,
  contact,
  contactShare,
  contactSubject,
  infoRequest,
  person,
  personAddress,
  personIdentifier,
  personName,
  personRelationship,
  roleAssignment,
  school,
  screeningDecision,
  team,
  tenant,
} from '../schema/index.js';
import { WorkingCalendar } from '../../domain/calendar.js';
import { CONCERNS, ETHNICITIES } from '../../domain/codes.js';
import holidaysFile from '../../domain/data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { isValidNhsNumber, nhsNumberFromNine, normalisePostcode } from '../../domain/identifiers.js';
import { nameSearchText } from '../../domain/matching/strings.js';
import { variantOf } from './variants.js';
import { type Role } from '../../domain/roles.js';
import { outcomeOf } from '../../domain/screening.js';
import { ageOn, fromDayNumber, isLocalDate, toDayNumber } from '../../domain/time.js';
import { CLOCK_KINDS, clocksStartedBy, timescaleDeadline } from '../../domain/timescales.js';
import { financialYearOf } from '../../domain/measures/periods.js';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE, LANGUAGES, POSTCODE_UNITS, STREETS, TOWNS, syntheticPostcode } from './names.js';
import { Random } from './random.js';
import { type ConcernCode, type StoryChild, contactNarrative, pickConcern } from './demo-stories.js';

export const DEMO_TENANT_CODE = 'fernmoor';
export const DEMO_EMAIL_DOMAIN = 'demo.threshold.test';

export interface SeedOptions {
  scale: number;
  now: Date;
  /** The argon2id hash of the demo password, shared by every demo account. */
  passwordHash: string;
  seed?: number;
  /** Days of history to spread contacts over. */
  days?: number;
  log?: (message: string) => void;
}

export interface SeedSummary {
  tenantId: string;
  agencies: number;
  users: number;
  people: number;
  contacts: number;
}

const AGENCIES: { key: string; name: string; type: string; teams: string[]; code?: string }[] = [
  { key: 'csc', name: 'Fernmoor Children’s Services', type: 'children_social_care', teams: ['MASH', 'Early Help', 'Early Help Locality Team (North)', 'Assessment Team', 'Locality Social Work (North)', 'Safeguarding and Quality Assurance', 'Performance and Intelligence', 'Safeguarding Partnerships Business Unit'], code: '999' },
  { key: 'asc', name: 'Fernmoor Adult Social Care', type: 'adult_social_care', teams: ['Adult Safeguarding Hub', 'DoLS Team', 'Contract Compliance'] },
  { key: 'police', name: 'Fernmoor Constabulary', type: 'police', teams: ['MASH Police Unit', 'Domestic Abuse Unit'], code: 'FM99' },
  { key: 'health', name: 'Fernmoor NHS Foundation Trust', type: 'health', teams: ['Safeguarding Team'], code: 'FMZ01' },
  { key: 'probation', name: 'Fernmoor Probation Delivery Unit', type: 'probation', teams: ['Public Protection'] },
  { key: 'education', name: 'Fernmoor Education Service', type: 'education', teams: ['Children Missing Education', 'LADO'] },
  { key: 'da', name: 'Fernmoor Domestic Abuse Service', type: 'idva_da_service', teams: ['IDVA Team'] },
  { key: 'cs', name: 'Fernmoor Community Safety Partnership', type: 'community_safety', teams: ['MARAC'] },
  { key: 'housing', name: 'Fernmoor Homes', type: 'housing', teams: ['Tenancy Support'] },
  { key: 'voluntary', name: 'Fernmoor Family Support Network', type: 'voluntary', teams: ['Family Workers'] },
  { key: 'board', name: 'Fernmoor Safeguarding Partnership', type: 'community_safety', teams: ['Business Unit'] },
  { key: 'provider:heathervale', name: 'Heathervale Care Home', type: 'care_provider', teams: [] },
];

const SCHOOLS: { name: string; urn: string; phase: string; postcode: string }[] = [
  { name: 'Bracken Way Primary School', urn: '990101', phase: 'primary', postcode: 'FM1 2AB' },
  { name: 'St Aidan’s CE Primary School', urn: '990102', phase: 'primary', postcode: 'FM2 3DF' },
  { name: 'Kelsey Bridge Infant School', urn: '990103', phase: 'primary', postcode: 'FM3 1HP' },
  { name: 'Moorside Academy', urn: '990201', phase: 'secondary', postcode: 'FM2 5RW' },
  { name: 'Fernmoor High School', urn: '990202', phase: 'secondary', postcode: 'FM1 7SX' },
  { name: 'Heron Close Special School', urn: '990301', phase: 'special', postcode: 'FM4 2GN' },
  { name: 'Fernmoor Sixth Form College', urn: '990401', phase: 'sixteen_plus', postcode: 'FM1 4JQ' },
  { name: 'Little Acorns Nursery School', urn: '990501', phase: 'nursery', postcode: 'FM3 6LR' },
];

const USERS: { email: string; name: string; agency: string; team?: string; roles: Role[] }[] = [
  { email: 'screener', name: 'Sam Screener', agency: 'csc', team: 'MASH', roles: ['mash_screener'] },
  { email: 'screener2', name: 'Alex Okoro', agency: 'csc', team: 'MASH', roles: ['mash_screener'] },
  { email: 'manager', name: 'Morgan Manager', agency: 'csc', team: 'MASH', roles: ['mash_manager'] },
  { email: 'police', name: 'Pat Constable', agency: 'police', team: 'MASH Police Unit', roles: ['police_officer'] },
  { email: 'police-manager', name: 'Priya Inspector', agency: 'police', team: 'MASH Police Unit', roles: ['partner_manager'] },
  { email: 'health', name: 'Harper Nurse', agency: 'health', team: 'Safeguarding Team', roles: ['health_lead'] },
  { email: 'dsl', name: 'Dana Lead', agency: 'school:990101', roles: ['school_dsl'] },
  { email: 'dsl2', name: 'Jordan Pastoral', agency: 'school:990401', roles: ['school_dsl'] },
  { email: 'school-admin', name: 'Sasha Office', agency: 'school:990101', roles: ['school_administrator'] },
  { email: 'idva', name: 'Indra Adviser', agency: 'da', team: 'IDVA Team', roles: ['idva'] },
  { email: 'marac', name: 'Max Coordinator', agency: 'cs', team: 'MARAC', roles: ['marac_coordinator'] },
  { email: 'social-worker', name: 'Sky Walker-Reid', agency: 'csc', team: 'Locality Social Work (North)', roles: ['social_worker'] },
  { email: 'csc-manager', name: 'Terry Oduya', agency: 'csc', team: 'Locality Social Work (North)', roles: ['csc_team_manager'] },
  { email: 'chair', name: 'Chris Independent', agency: 'csc', team: 'Safeguarding and Quality Assurance', roles: ['conference_chair'] },
  { email: 'early-help', name: 'Eden Locality', agency: 'csc', team: 'Early Help Locality Team (North)', roles: ['early_help_practitioner'] },
  { email: 'adults', name: 'Ash Worker', agency: 'asc', team: 'Adult Safeguarding Hub', roles: ['adult_safeguarding_worker'] },
  { email: 'adults-manager', name: 'Robin Lead', agency: 'asc', team: 'Adult Safeguarding Hub', roles: ['adult_safeguarding_manager'] },
  { email: 'cme', name: 'Casey Officer', agency: 'education', team: 'Children Missing Education', roles: ['cme_officer'] },
  { email: 'cme-locality', name: 'Wren Attendance', agency: 'education', team: 'Children Missing Education', roles: ['cme_locality_worker'] },
  { email: 'lado', name: 'Lee Designated', agency: 'education', team: 'LADO', roles: ['lado'] },
  { email: 'analyst', name: 'Billie Analyst', agency: 'csc', team: 'Performance and Intelligence', roles: ['board_analyst'] },
  { email: 'business-unit', name: 'Bryn Partnership', agency: 'csc', team: 'Safeguarding Partnerships Business Unit', roles: ['business_unit_officer'] },
  { email: 'admin', name: 'Ari Admin', agency: 'csc', roles: ['system_admin'] },
  { email: 'dols', name: 'Devon Hale', agency: 'asc', team: 'DoLS Team', roles: ['dols_lead'] },
  { email: 'bia', name: 'Bea Assessor', agency: 'asc', team: 'DoLS Team', roles: ['best_interests_assessor'] },
  { email: 'contracts', name: 'Cal Compliance', agency: 'asc', team: 'Contract Compliance', roles: ['contract_compliance_officer'] },
  { email: 'provider', name: 'Pip Registered-Manager', agency: 'provider:heathervale', roles: ['provider_user'] },
];

const ADULT_SEED = 'Seed board report: Rotherham Safeguarding Adults Board annual report 2017-18, used as demo comparator data';
const ADULT_COMPARATORS: readonly { measureId: string; kind: 'comparable_area' | 'national'; value: number; source: string }[] = [
  { measureId: 'adult_concerns', kind: 'comparable_area', value: 2113, source: `${ADULT_SEED} (2,113 concerns)` },
  { measureId: 'adult_s42_started', kind: 'comparable_area', value: 724, source: `${ADULT_SEED} (724 section 42 enquiries began; its data appendix says 719)` },
  { measureId: 'adult_s42_conversion', kind: 'comparable_area', value: 34, source: `${ADULT_SEED} (conversion rate 34%)` },
  { measureId: 'adult_s42_conversion', kind: 'national', value: 41, source: 'National average 2016-17 (41%), as quoted in the seed board report, used as demo comparator data' },
  { measureId: 'adult_s42_concluded', kind: 'comparable_area', value: 645, source: `${ADULT_SEED} (645 section 42 enquiries completed)` },
  { measureId: 'adult_decision_meetings', kind: 'comparable_area', value: 53, source: `${ADULT_SEED} (53 decision making meetings)` },
  { measureId: 'adult_outcome_meetings', kind: 'comparable_area', value: 10, source: `${ADULT_SEED} (10 outcome meetings)` },
  { measureId: 'dols_received', kind: 'comparable_area', value: 1190, source: `${ADULT_SEED} (1,190 DoLS applications)` },
  { measureId: 'dols_granted', kind: 'comparable_area', value: 227, source: `${ADULT_SEED} (227 authorised)` },
  { measureId: 'dols_not_granted', kind: 'comparable_area', value: 4, source: `${ADULT_SEED} (4 not authorised)` },
  { measureId: 'dols_unallocated', kind: 'comparable_area', value: 738, source: `${ADULT_SEED} (738 screened unallocated cases at the year end: a backlog, not only that year's applications)` },
];

/**
 * Populations and comparators for the demo: the figures the seed board report quotes (a real authority's 2017-18
 * report), used as the demo area's comparators for recent years, each labelled with where it comes from.
 */
async function seedReferenceData(db: Database, tenantId: string, today: string): Promise<void> {
  const fy = financialYearOf(today);
  const source = 'Quoted in the seed board report (2017-18), used as demo comparator data';
  for (const year of [fy - 2, fy - 1, fy]) {
    await db.insert(population).values([
      { tenantId, groupCode: 'children_0_17', year, value: 56_900, source: 'Demo figure (the seed report’s ONS mid-year estimate)' },
      { tenantId, groupCode: 'women_16_plus', year, value: 108_000, source: 'Demo figure (invented)' },
      { tenantId, groupCode: 'adults_18_plus', year, value: 206_500, source: 'Demo figure (the seed report’s ONS mid-year estimate less children)' },
    ]);
    await db.insert(comparator).values([
      { tenantId, measureId: 're_referrals', kind: 'national', year, value: 21.9, source },
      { tenantId, measureId: 're_referrals', kind: 'top_quartile', year, value: 16, source },
      { tenantId, measureId: 're_referrals', kind: 'statistical_neighbours', year, value: 23.1, source },
      { tenantId, measureId: 'contacts_to_referral', kind: 'statistical_neighbours', year, value: 28.6, source },
      { tenantId, measureId: 'assessments_in_time', kind: 'statistical_neighbours', year, value: 78, source },
      { tenantId, measureId: 'early_help_in_time', kind: 'statistical_neighbours', year, value: 85.3, source },
      // The adults' board: the seed report's own 2017-18 figures (Rotherham SAB annual report) and the national average it quotes.
      ...ADULT_COMPARATORS.map((c) => ({ tenantId, measureId: c.measureId, kind: c.kind, year, value: c.value, source: c.source })),
      // The children's board: the seed report's own 2017-18 figures (Rotherham LSCB annual report) and the averages it quotes.
      ...CHILD_COMPARATORS.map((c) => ({ tenantId, measureId: c.measureId, kind: c.kind, year, value: c.value, source: c.source })),
      // Children missing education (the seed's quarterly scorecard) and the LADO (the seed LSCB report's 2017-18 figures).
      ...CME_LADO_COMPARATORS.map((c) => ({ tenantId, measureId: c.measureId, kind: c.kind, year, value: c.value, source: c.source })),
    ]);
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function insertMany<T extends Record<string, unknown>>(db: Database, table: Parameters<Database['insert']>[0], values: T[]): Promise<void> {
  for (const part of chunks(values, 500)) if (part.length) await db.insert(table).values(part as never);
}

/** What a partner agency answered when asked what it holds about a family (by what it knows and the risk it sees). */
export function partnerAnswer(agency: 'police' | 'health' | 'school', known: 'known_open' | 'known_past' | 'not_known', risk: 'domestic_abuse' | 'substance_misuse' | 'mental_health' | 'none'): string {
  if (known === 'not_known') {
    return { police: 'No police records found for the address or the adults named.', health: 'No health records found beyond routine care: the children are registered with a GP and immunisations are up to date.', school: 'Not known to the school’s safeguarding team; attendance is good and staff have raised no concerns.' }[agency];
  }
  const first = {
    police: known === 'known_open' ? 'Known: an open investigation involving an adult at the address.' : 'Known in the past: police attended the address more than a year ago.',
    health: known === 'known_open' ? 'Known: the health visitor or school nurse is working with the family now.' : 'Known in the past: the family were supported by the health visiting team after a birth.',
    school: known === 'known_open' ? 'Known: the children are on the school’s safeguarding register and staff meet the parents regularly.' : 'Known in the past: staff raised concerns last year that were resolved with the family.',
  }[agency];
  const second = {
    domestic_abuse: 'Records include domestic abuse incidents between the adults.',
    substance_misuse: 'Records note an adult’s misuse of alcohol or drugs.',
    mental_health: 'An adult in the household is known to mental health services.',
    none: 'Nothing held suggests a current risk to the children.',
  }[risk];
  return `${first} ${second}`;
}

/**
 * The school that refers a child of this age (the eldest child the contact is about): a nursery for 3 and 4-year-olds,
 * a primary school to 10, the secondary school drawn (or Moorside Academy) to 15, the sixth form college at 16 and
 * 17; none for a child under 3 (null: the health visitor refers instead).
 */
export function schoolFor(age: number, drawn: string): string | null {
  if (age < 3) return null;
  if (age < 5) return 'school:990501';
  if (age < 11) return drawn === 'school:990101' ? drawn : 'school:990102';
  if (age < 16) return drawn === 'school:990202' ? drawn : 'school:990201';
  return 'school:990401';
}

export async function demoTenantExists(db: Database): Promise<boolean> {
  return !!(await one(db, sql`select 1 from tenant where code = ${DEMO_TENANT_CODE}`));
}

export async function seedDemo(db: Database, options: SeedOptions): Promise<SeedSummary> {
  const random = new Random(options.seed ?? 20_261_123);
  const log = options.log ?? (() => {});
  const calendar = new WorkingCalendar(holidaysFile.events.map((e) => e.date));
  const passwordHash = options.passwordHash;
  const now = options.now;
  const today = calendar.dateOf(now);

  // ——— organisations and users ———
  const org = await transaction(db, async (tx) => {
    const [t] = await tx.insert(tenant).values({ code: DEMO_TENANT_CODE, name: 'Borough of Fernmoor (demo)', synthetic: true }).returning({ id: tenant.id });
    const tenantId = t!.id;
    const agencyIds = new Map<string, string>();
    const teamIds = new Map<string, string>();
    for (const a of AGENCIES) {
      const [row] = await tx.insert(agency).values({ tenantId, name: a.name, type: a.type, externalCode: a.code ?? null }).returning({ id: agency.id });
      agencyIds.set(a.key, row!.id);
      for (const name of a.teams) {
        const [tm] = await tx.insert(team).values({ tenantId, agencyId: row!.id, name }).returning({ id: team.id });
        teamIds.set(`${a.key}:${name}`, tm!.id);
      }
    }
    for (const s of SCHOOLS) {
      const [row] = await tx.insert(agency).values({ tenantId, name: s.name, type: 'school', externalCode: s.urn }).returning({ id: agency.id });
      agencyIds.set(`school:${s.urn}`, row!.id);
      await tx.insert(school).values({ agencyId: row!.id, tenantId, urn: s.urn, phase: s.phase, postcode: s.postcode });
    }
    const userIds = new Map<string, string>();
    for (const u of USERS) {
      const agencyId = agencyIds.get(u.agency)!;
      const [row] = await tx
        .insert(appUser)
        .values({
          tenantId,
          agencyId,
          teamId: u.team ? (teamIds.get(`${u.agency}:${u.team}`) ?? null) : null,
          email: `${u.email}@${DEMO_EMAIL_DOMAIN}`,
          displayName: u.name,
          passwordHash,
        })
        .returning({ id: appUser.id });
      userIds.set(u.email, row!.id);
      for (const role of u.roles) await tx.insert(roleAssignment).values({ tenantId, userId: row!.id, role });
    }
    return { tenantId, agencyIds, userIds };
  });
  const { tenantId, agencyIds, userIds } = org;
  log(`organisations: ${agencyIds.size} agencies, ${userIds.size} users`);

  // ——— families ———
  const familyCount = Math.max(10, Math.round(120 * options.scale));
  const people: { id: string; name: string; dob: string; child: boolean; familyIndex: number }[] = [];
  const families: { adults: string[]; children: string[] }[] = [];
  let nhsCounter = 100_000_000 + random.int(0, 1000);
  const nextNhs = () => {
    for (;;) {
      nhsCounter += 1;
      const n = nhsNumberFromNine(String(nhsCounter).padStart(9, '0').slice(-9));
      if (n) return n;
    }
  };
  const todayN = toDayNumber(today);
  const csc = agencyIds.get('csc')!;
  const adminId = userIds.get('screener')!;
  const ethnicityCodes = ETHNICITIES.map((e) => e.code).filter((c) => c !== 'REFU');
  const originals: { given: string; family: string; dob: string; gender: string; address: { line1: string; town: string; postcode: string; fromDate: string }; nhs: string | null }[] = [];
  /** Each child's name, gender and date of birth, for the contacts written about them. */
  const storyChildren = new Map<string, StoryChild>();

  for (const part of chunks([...Array(familyCount).keys()], 200)) {
    const personRows: (typeof person.$inferInsert)[] = [];
    const nameRows: (typeof personName.$inferInsert)[] = [];
    const idRows: (typeof personIdentifier.$inferInsert)[] = [];
    const addrRows: (typeof personAddress.$inferInsert)[] = [];
    const relRows: (typeof personRelationship.$inferInsert)[] = [];
    for (const f of part) {
      const surname = random.pick(FAMILY);
      const ethnicity = random.weighted([[random.pick(ethnicityCodes), 3], ['WBRI', 7]] as const);
      const language = ethnicity === 'WBRI' ? 'English' : random.pick(LANGUAGES);
      const address = {
        line1: `${random.int(1, 180)} ${random.pick(STREETS)}`,
        town: random.pick(TOWNS),
        postcode: syntheticPostcode(random.int(1, 9), random.int(1, 9), random.pick(POSTCODE_UNITS)),
        fromDate: fromDayNumber(todayN - random.int(100, 3000)),
      };
      const make = (given: string, family: string, gender: string, dob: string, child: boolean) => {
        const id = crypto.randomUUID();
        personRows.push({
          id,
          tenantId,
          dateOfBirth: dob,
          dobPrecision: random.chance(0.03) ? 'estimated' : 'exact',
          gender,
          ethnicity: random.chance(0.9) ? ethnicity : 'NOBT',
          firstLanguage: language,
          interpreterNeeded: language !== 'English' && random.chance(0.3),
          restricted: random.chance(0.01),
          createdByAgencyId: csc,
          createdByUserId: adminId,
          synthetic: true,
        });
        nameRows.push({ tenantId, personId: id, type: 'legal', givenNames: given, familyName: family, isPrimary: true, searchText: nameSearchText(given, family) });
        if (random.chance(0.08)) {
          const knownAs = given.slice(0, Math.max(3, given.length - 2));
          nameRows.push({ tenantId, personId: id, type: 'known_as', givenNames: knownAs, familyName: family, isPrimary: false, searchText: nameSearchText(knownAs, family) });
        }
        const nhs = random.chance(0.75) ? nextNhs() : null;
        if (nhs) idRows.push({ tenantId, personId: id, type: 'nhs_number', value: nhs });
        // A child born after the family moved in has lived there since birth.
        addrRows.push({ tenantId, personId: id, ...address, fromDate: address.fromDate < dob ? dob : address.fromDate });
        if (child) storyChildren.set(id, { givenName: given, gender, dateOfBirth: dob });
        people.push({ id, name: `${given} ${family}`, dob, child, familyIndex: f });
        originals.push({ given, family, dob, gender, address, nhs });
        return id;
      };
      const motherAge = random.int(22, 45);
      const mother = make(random.pick(GIVEN_FEMALE), surname, 'female', fromDayNumber(todayN - motherAge * 365 - random.int(0, 364)), false);
      const adults = [mother];
      if (random.chance(0.6)) {
        const partner = make(random.pick(GIVEN_MALE), random.chance(0.7) ? surname : random.pick(FAMILY), 'male', fromDayNumber(todayN - (motherAge + random.int(-3, 8)) * 365 - random.int(0, 364)), false);
        adults.push(partner);
        relRows.push({ tenantId, personId: mother, relatedPersonId: partner, type: random.chance(0.8) ? 'partner' : 'ex_partner', createdByUserId: adminId });
      }
      const children: string[] = [];
      const childCount = random.weighted([[0, 1], [1, 4], [2, 4], [3, 2], [4, 1]] as const);
      for (let c = 0; c < childCount; c += 1) {
        const age = random.int(0, Math.min(17, motherAge - 17));
        const female = random.chance(0.5);
        const child = make(random.pick(female ? GIVEN_FEMALE : GIVEN_MALE), surname, female ? 'female' : 'male', fromDayNumber(todayN - age * 365 - random.int(0, 364)), true);
        for (const parent of adults) relRows.push({ tenantId, personId: parent, relatedPersonId: child, type: 'parent', createdByUserId: adminId });
        for (const sibling of children) relRows.push({ tenantId, personId: sibling, relatedPersonId: child, type: 'sibling', createdByUserId: adminId });
        children.push(child);
      }
      families.push({ adults, children });
    }
    await insertMany(db, person, personRows);
    await insertMany(db, personName, nameRows);
    await insertMany(db, personIdentifier, idRows);
    await insertMany(db, personAddress, addrRows);
    await insertMany(db, personRelationship, relRows);
  }
  log(`people: ${people.length} in ${families.length} families`);

  // The same people recorded again by other agencies, with the usual differences: the possible-duplicates queue
  // has something to show, and search before create has something to find.
  const health = agencyIds.get('health')!;
  const duplicateCount = Math.max(3, Math.round(12 * options.scale));
  for (let k = 0; k < duplicateCount; k += 1) {
    const o = random.pick(originals);
    const v = variantOf(
      {
        givenNames: [o.given],
        familyNames: [o.family],
        dateOfBirth: o.dob,
        gender: o.gender,
        postcode: o.address.postcode,
        streetNumber: o.address.line1.split(' ')[0]!,
        street: o.address.line1.split(' ').slice(1).join(' '),
        locality: o.address.town,
        identifiers: o.nhs ? { nhs_number: o.nhs } : {},
      },
      random,
    );
    const given = v.givenNames?.[0] || o.given;
    const family = v.familyNames?.[0] || o.family;
    const [row] = await db
      .insert(person)
      .values({
        tenantId,
        dateOfBirth: v.dateOfBirth && !v.dobEstimated && isLocalDate(v.dateOfBirth) ? v.dateOfBirth : null,
        dobPrecision: 'exact',
        gender: v.gender ?? 'unknown',
        createdByAgencyId: health,
        synthetic: true,
      })
      .returning({ id: person.id });
    await db.insert(personName).values({ tenantId, personId: row!.id, type: 'legal', givenNames: given, familyName: family, isPrimary: true, searchText: nameSearchText(given, family) });
    if (v.postcode && v.street) {
      await db.insert(personAddress).values({ tenantId, personId: row!.id, line1: `${v.streetNumber ?? ''} ${v.street}`.trim(), town: v.locality ?? null, postcode: normalisePostcode(v.postcode) });
    }
    const nhs = v.identifiers?.nhs_number;
    if (nhs && isValidNhsNumber(nhs)) await db.insert(personIdentifier).values({ tenantId, personId: row!.id, type: 'nhs_number', value: nhs });
  }
  log(`duplicate records from other agencies: ${duplicateCount}`);

  // ——— contacts ———
  // Fifteen months, so a year's trend, rolling twelve months and re-referrals all have something true to show.
  const days = options.days ?? 460;
  const contactCount = Math.max(20, Math.round(300 * options.scale * (days / 120)));
  const withChildren = families.map((f, i) => ({ ...f, i })).filter((f) => f.children.length > 0);
  const sources: [string, string | null, number][] = [
    ['6', 'police', 30],
    ['2A', 'school:990101', 6],
    ['2A', 'school:990201', 6],
    ['2A', 'school:990202', 4],
    ['3B', 'health', 8],
    ['3F', 'health', 6],
    ['4', 'housing', 3],
    ['5A', 'csc', 5],
    ['1A', null, 8],
    ['9', null, 3],
    ['8', 'voluntary', 3],
  ];
  const screeners = [userIds.get('screener')!, userIds.get('screener2')!];
  const manager = userIds.get('manager')!;
  const concernCodes = CONCERNS.map((c) => c.code);
  // What a child said and how they seemed, for their age (a baby says nothing; a teenager does not play with toys).
  const voicesAt = (age: number) =>
    age < 3
      ? ['Too young to speak; observed by the officer.', 'Too young to say what happened; seen with their mother.']
      : age < 8
        ? ['Said “I don’t like it when they shout.”', 'Said “Mum was crying.”', 'Did not want to talk; nodded when asked if they felt safe.']
        : ['Said “I don’t like it when they shout.”', 'Said they were fine and wanted to go back to school.', 'Did not want to talk; nodded when asked if they felt safe.', 'Said “Mum was crying.”'];
  const demeanoursAt = (age: number) =>
    age < 5
      ? ['Playing normally, relaxed with the officer.', 'Clinging to their mother, tearful.', 'Appeared tired and hungry.', 'Quiet and withdrawn.']
      : age < 11
        ? ['Quiet and withdrawn.', 'Alert and chatty.', 'Appeared tired and hungry.', 'Clinging to their mother, tearful.']
        : ['Quiet and withdrawn.', 'Alert and chatty.', 'Appeared tired and hungry.', 'Calm, and answered questions in their own words.'];
  const rationales = ['Information from partners shows needs can be met by early help with consent.', 'Risk of significant harm: strategy discussion needed today.', 'Needs assessment by children’s social care.', 'Universal services are meeting needs; advice given to referrer.', 'Family has moved to another area; passed to that authority.'];
  // Front-door details (how each contact arrived, its urgency, questions to partners) come from a generator of their
  // own, so adding them did not change the rest of the demo.
  const frontDoor = new Random(20_261_123);
  // What each contact is about and what the referrer wrote (concerns that fit the children's ages, a narrative for the
  // concern and the child), and when it was shared, come from a generator of their own too: the draws above are kept,
  // so the rest of the demo is as it was.
  const story = new Random(20_261_219);
  const bornBy = (childId: string, on: string) => storyChildren.get(childId)!.dateOfBirth <= on;
  const askable = ['police', 'health', 'school:990101'].map((k) => agencyIds.get(k)).filter((id): id is string => !!id);
  const requestTimescales = { red: { amount: 4, unit: 'working_hours' }, amber: { amount: 1, unit: 'working_days' }, green: { amount: 3, unit: 'working_days' } } as const;
  const ref0 = (await one<{ n: number }>(db, sql`select nextval('contact_reference_seq') as n`))!.n;
  let refN = ref0;

  for (const part of chunks([...Array(contactCount).keys()], 250)) {
    const contactRows: (typeof contact.$inferInsert)[] = [];
    const subjectRows: (typeof contactSubject.$inferInsert)[] = [];
    const decisionRows: (typeof screeningDecision.$inferInsert)[] = [];
    const shareRows: (typeof contactShare.$inferInsert)[] = [];
    const clockRows: (typeof clock.$inferInsert)[] = [];
    const requestRows: (typeof infoRequest.$inferInsert)[] = [];
    for (const _k of part) {
      const drawnFamily = random.pick(withChildren);
      const ageDays = Math.floor(Math.pow(random.next(), 1.4) * days);
      const receivedAt = new Date(now.getTime() - ageDays * 86_400_000 - random.int(0, 86_399) * 1000);
      if (receivedAt > now) continue;
      const receivedOn = calendar.dateOf(receivedAt);
      // A contact is about children already born then: a family whose children were all born since is swapped for one
      // with a child then.
      const family = drawnFamily.children.some((c) => bornBy(c, receivedOn))
        ? drawnFamily
        : story.pick(withChildren.filter((f) => f.children.some((c) => bornBy(c, receivedOn))));
      const [sourceCode, sourceKey] = random.weighted(sources.map(([c, a, w]) => [[c, a], w] as const));
      const sourceAgencyId = sourceKey ? agencyIds.get(sourceKey)! : null;
      const decisionDueAt = timescaleDeadline(calendar, receivedAt, { amount: 1, unit: 'working_days' });
      const open = ageDays < 3 || (ageDays < 10 && random.chance(0.15));
      const awaiting = !open && ageDays < 6 && random.chance(0.4);
      const status = open ? 'open' : awaiting ? 'awaiting_authorisation' : 'decided';
      const id = crypto.randomUUID();
      refN += 1;
      const year = calendar.dateOf(receivedAt).slice(0, 4);
      // The concerns as first drawn (kept for the draws; a police contact's domestic abuse stays): the contact's own
      // are chosen below, once its children are known.
      const firstDrawn = random.pick(concernCodes);
      const secondDrawn = random.chance(0.4) ? random.pick(concernCodes) : null;
      const concerns = [...new Set([firstDrawn, ...(secondDrawn ? [secondDrawn] : [])])];
      if (sourceCode === '6' && !concerns.includes('domestic_abuse') && random.chance(0.6)) concerns.push('domestic_abuse');
      contactRows.push({
        id,
        tenantId,
        reference: `C-${year}-${String(refN).padStart(6, '0')}`,
        status,
        contactType: 'child',
        owningAgencyId: csc,
        sourceAgencyId,
        sourceCode,
        referrerName: sourceCode === '9' ? null : `${random.pick([...GIVEN_FEMALE, ...GIVEN_MALE])} ${random.pick(FAMILY)}`,
        referrerRole: sourceKey === 'police' ? 'Police constable' : sourceKey?.startsWith('school') ? 'Designated safeguarding lead' : null,
        receivedAt,
        incidentAt: random.chance(0.6) ? new Date(receivedAt.getTime() - random.int(1, 72) * 3_600_000 * (random.chance(0.1) ? 8 : 1)) : null,
        concerns,
        narrative: '',
        consent: random.weighted([['given', 6], ['not_sought', 2], ['overridden', 2]] as const),
        consentLawfulBasis: null,
        consentReason: null,
        decisionDueAt,
        allocatedUserId: random.chance(0.6) ? random.pick(screeners) : null,
        restricted: random.chance(0.02),
        createdByUserId: screeners[0]!,
        synthetic: true,
        createdAt: receivedAt,
        submittedAt: receivedAt,
        updatedAt: receivedAt,
        channel: sourceKey === 'police' ? frontDoor.pick(['bulk', 'api', 'phone']) : sourceKey?.startsWith('school') ? 'form' : frontDoor.pick(['phone', 'phone', 'email', 'in_person']),
        riskLevel: sourceKey === 'police' && concerns.includes('domestic_abuse') ? frontDoor.weighted([['standard', 5], ['medium', 3], ['high', 2]] as const) : null,
        rag: frontDoor.weighted([['red', 2], ['amber', 4], ['green', 4]] as const),
      });
      // Questions to partner agencies: on most open contacts, and on some decided ones (answered, mostly in time).
      if (ageDays < 120 && frontDoor.chance(status === 'open' ? 0.6 : 0.25)) {
        for (const agencyId of [...new Set([frontDoor.pick(askable), ...(frontDoor.chance(0.4) ? [frontDoor.pick(askable)] : [])])]) {
          const rag = frontDoor.weighted([['red', 2], ['amber', 5], ['green', 3]] as const);
          const requestedAt = new Date(Math.min(now.getTime() - 120_000, receivedAt.getTime() + frontDoor.int(10, 120) * 60_000));
          const dueAt = timescaleDeadline(calendar, requestedAt, requestTimescales[rag]);
          const answerAt = new Date(frontDoor.chance(0.8) ? requestedAt.getTime() + (dueAt.getTime() - requestedAt.getTime()) * frontDoor.next() : dueAt.getTime() + frontDoor.int(1, 48) * 3_600_000);
          const answered = answerAt.getTime() < now.getTime() - 60_000 && frontDoor.chance(status === 'open' ? 0.5 : 0.95);
          const questions = frontDoor.pick(['Is the family known to you? Any incidents at the address in the last 12 months?', 'Is the child registered with a GP and up to date with health checks?', 'What is the child’s attendance this term, and any concerns raised by staff?', 'Any current involvement, bail conditions or risk information about the adults?']);
          const known = answered ? frontDoor.pick(['known_open', 'known_past', 'not_known'] as const) : null;
          const risk = answered ? frontDoor.pick(['domestic_abuse', 'substance_misuse', 'mental_health', 'none'] as const) : null;
          requestRows.push({
            tenantId,
            contactId: id,
            agencyId,
            rag,
            questions,
            requestedByUserId: screeners[0]!,
            requestedAt,
            dueAt,
            status: answered ? 'answered' : 'open',
            knownToAgency: known,
            // An agency that does not know the family holds no risk information about it.
            riskIndicators: risk ? [known === 'not_known' ? 'none' : risk] : [],
            answer: known && risk ? partnerAnswer(agencyId === agencyIds.get('police') ? 'police' : agencyId === agencyIds.get('health') ? 'health' : 'school', known, risk) : null,
            answeredByUserId: answered ? userIds.get(agencyId === agencyIds.get('police') ? 'police' : agencyId === agencyIds.get('health') ? 'health' : 'dsl') ?? null : null,
            answeredAt: answered ? answerAt : null,
          });
        }
      }
      const last = contactRows[contactRows.length - 1]!;
      if (last.consent === 'overridden') {
        last.consentLawfulBasis = 'safeguarding';
        last.consentReason = 'Seeking consent could place the children at increased risk.';
      }
      const born = family.children.filter((c) => bornBy(c, receivedOn));
      const childCount = Math.min(born.length, random.int(1, 3));
      const kids = born.slice(0, childCount);
      for (const child of kids) {
        const age = ageOn(storyChildren.get(child)!.dateOfBirth, receivedOn);
        subjectRows.push({ tenantId, contactId: id, personId: child, role: 'subject_child', childVoice: random.pick(voicesAt(age)), childDemeanour: random.pick(demeanoursAt(age)), createdAt: receivedAt });
      }
      subjectRows.push({ tenantId, contactId: id, personId: family.adults[0]!, role: 'parent_carer', createdAt: receivedAt });
      if (family.adults[1] && random.chance(0.5)) subjectRows.push({ tenantId, contactId: id, personId: family.adults[1], role: 'parent_carer', createdAt: receivedAt });
      // A school refers the children it teaches: the eldest child's school for their age (a nursery for a 3 or
      // 4-year-old); for a baby or toddler, the health visitor instead.
      const stories = kids.map((c) => storyChildren.get(c)!);
      const eldest = Math.max(...stories.map((c) => ageOn(c.dateOfBirth, receivedOn)));
      const referrerKey = sourceKey?.startsWith('school:') ? (schoolFor(eldest, sourceKey) ?? 'health') : sourceKey;
      if (referrerKey !== sourceKey) {
        last.sourceAgencyId = referrerKey ? agencyIds.get(referrerKey)! : null;
        if (referrerKey === 'health') Object.assign(last, { sourceCode: '3B', referrerRole: 'Health visitor' });
      }
      const own: ConcernCode[] = [pickConcern(story, stories, receivedOn)];
      if (secondDrawn) own.push(pickConcern(story, stories, receivedOn, own));
      if (concerns.includes('domestic_abuse') && !own.includes('domestic_abuse')) {
        if (sourceCode === '6') own.unshift('domestic_abuse');
        else own.push('domestic_abuse');
      }
      last.concerns = own;
      last.narrative = contactNarrative(story, own, stories, receivedOn);
      const shares: (typeof contactShare.$inferInsert)[] = [];
      if (referrerKey && referrerKey !== 'csc') shares.push({ tenantId, contactId: id, agencyId: agencyIds.get(referrerKey)!, purpose: 'Referrer kept informed', sharedByUserId: screeners[0]! });
      if (sourceKey !== 'health' && random.chance(0.15) && referrerKey !== 'health') shares.push({ tenantId, contactId: id, agencyId: agencyIds.get('health')!, purpose: 'Health information needed for screening', sharedByUserId: screeners[0]! });
      let decidedAtOrNull: Date | null = null;
      let answeredAt: Date | null = null;
      if (status !== 'open') {
        const outcome = random.weighted([[outcomeOf('nfa_advice')!, 35], [outcomeOf('early_help')!, 30], [outcomeOf('referral_csc')!, 25], [outcomeOf('strategy_discussion')!, 7], [outcomeOf('passed_on')!, 3]] as const);
        const level = random.pick(outcome.levels);
        const decidedAt = new Date(Math.min(now.getTime() - 60_000, receivedAt.getTime() + random.int(1, random.chance(0.85) ? 20 : 60) * 3_600_000));
        const authorisedAt = status === 'decided' ? new Date(Math.min(now.getTime() - 30_000, decidedAt.getTime() + random.int(1, 18) * 3_600_000)) : null;
        decidedAtOrNull = decidedAt;
        answeredAt = authorisedAt ?? decidedAt;
        decisionRows.push({
          tenantId,
          contactId: id,
          thresholdLevel: level,
          outcome: outcome.code,
          rationale: rationales[['nfa_advice', 'early_help', 'referral_csc', 'strategy_discussion', 'passed_on'].indexOf(outcome.code)] ?? rationales[0]!,
          passedTo: outcome.needsDestination ? 'Another local authority (synthetic)' : null,
          decidedByUserId: random.pick(screeners),
          decidedAt,
          authorisation: status === 'decided' ? 'authorised' : 'pending',
          authorisedByUserId: status === 'decided' ? manager : null,
          authorisedAt,
        });
        // The work an authorised decision starts, finished (mostly in time) once its clock has had time to run.
        if (status === 'decided') {
          for (const kind of clocksStartedBy(outcome.code)) {
            const spec = CLOCK_KINDS[kind];
            const amount = kind === 'assessment' ? 45 : 5;
            const dueAt = timescaleDeadline(calendar, decidedAt, { amount, unit: 'working_days' });
            const children = spec.perChild ? subjectRows.filter((r) => r.contactId === id && r.role === 'subject_child').map((r) => r.personId) : [null];
            for (const personId of children) {
              const lateness = random.chance(kind === 'assessment' ? 0.2 : 0.12) ? random.int(1, 15) : -random.int(0, amount - 1);
              const completedAt = new Date(dueAt.getTime() + lateness * 86_400_000 - random.int(0, 8) * 3_600_000);
              const done = completedAt.getTime() < now.getTime() - 3_600_000;
              clockRows.push({
                tenantId,
                kind,
                contactId: id,
                personId,
                startedAt: decidedAt,
                dueAt,
                completedAt: done ? completedAt : null,
                completedByUserId: done ? random.pick(screeners) : null,
                createdAt: decidedAt,
                updatedAt: done ? completedAt : decidedAt,
              });
            }
          }
        }
      }
      // Shared when it happened: health asked within hours of the contact (before the decision), the referrer told
      // of the outcome once it was decided (or, while still open, that it was received).
      const latest = now.getTime() - 60_000;
      const at = (from: Date, minutes: number, by = latest) => new Date(Math.max(receivedAt.getTime(), Math.min(by, from.getTime() + minutes * 60_000)));
      for (const share of shares) {
        share.sharedAt = share.purpose === 'Referrer kept informed'
          ? at(answeredAt ?? receivedAt, story.int(5, answeredAt ? 120 : 60))
          : at(receivedAt, story.int(10, 180), Math.min(latest, decidedAtOrNull?.getTime() ?? latest));
        shareRows.push(share);
      }
    }
    await insertMany(db, contact, contactRows);
    await insertMany(db, contactSubject, subjectRows);
    await insertMany(db, screeningDecision, decisionRows);
    await insertMany(db, contactShare, shareRows);
    await insertMany(db, clock, clockRows);
    await insertMany(db, infoRequest, requestRows);
  }
  await db.execute(sql`select setval('contact_reference_seq', ${refN})`);
  log(`contacts: ${contactCount}`);
  await seedReferenceData(db, tenantId, calendar.dateOf(now));
  await seedDomesticAbuse(db, { tenantId, agencyIds, userIds, people, families, now, calendar, scale: options.scale, log });
  // Second police forms about call-outs already reported (possible same incidents), and late notifications.
  await seedIncidentsDemo(db, { tenantId, agencyIds, userIds, now, calendar, scale: options.scale, log });
  await seedProvidersDemo(db, { tenantId, agencyIds, userIds, now, calendar, scale: options.scale, log });
  await seedAdultsDemo(db, { tenantId, agencyIds, userIds, now, calendar, scale: options.scale, log }); // after the providers: concerns about their care
  await seedChildrenDemo(db, { tenantId, agencyIds, userIds, now, calendar, scale: options.scale, log }); // a year of children's social care after the front door
  await seedDolsDemo(db, { tenantId, agencyIds, userIds, now, calendar, scale: options.scale, log }); // after the providers: their care homes and wards apply
  await seedEarlyHelpDemo(db, { tenantId, agencyIds, userIds, now, calendar, scale: options.scale, log }); // after the contacts (and children's social care, for its steps down)
  await seedLeadsDemo(db, { tenantId, agencyIds, userIds, people, now, log }); // last: leads for what the seeds above opened
  await seedLadoDemo(db, { tenantId, agencyIds, userIds, now, calendar, scale: options.scale, log }); // a year of allegations against people who work with children (no contacts behind them)
  await seedCmeDemo(db, { tenantId, agencyIds, userIds, now, calendar, scale: options.scale, log }); // a year of children missing education in Fernmoor's localities (after Encompass's school calendar)
  await seedPartnershipDemo(db, { tenantId, agencyIds, userIds, now, calendar, scale: options.scale, log }); // last: the partnership's boards, reviews, audits, training and self-assessment (audit samples read the records above)
  await seedPublicCountsDemo(db, { tenantId, now, log }); // a year of the public site's page views by page and language (counts only)
  await seedPublicContentDemo(db, { tenantId, userIds, now, log }); // the public site's Find help directory and campaigns
  await seedPublicReportsDemo(db, { tenantId, now, log }); // some family members' and anonymous reports came through the website, some not in English
  return { tenantId, agencies: agencyIds.size, users: userIds.size, people: people.length, contacts: contactCount };
}
