/**
 * Demo organisational safeguarding for Fernmoor: about 60 care providers (care homes with and without nursing, home
 * care agencies, supported living, day services and the local hospital wards), a year of contract concerns at the
 * seed report's volume, and a few provider enquiries.
 *
 * The volume and mix follow the seed board report (`004_7aa2e81ce8b2f59d.txt`, Contract Compliance Team 2017/18):
 * 611 contract concerns a year — 47% (289) about community home care, 31% (191) residential and nursing homes, the
 * rest specialist homes, day services and other providers — with the top four categories late or missed calls (116,
 * all home care), quality (166: homes 89, home care 46, others 61), medication (63: 32, 13, 28) and staffing (50:
 * 25, 13, 12). The other categories share what is left. Most concerns close after some weeks with a note; those
 * raised lately are still open. One provider enquiry, at Heathervale Care Home, is open.
 *
 * Every name and narrative is invented; CQC-style location IDs are in a block (1-1000000001…) no real location has
 * been given; postcodes are in the invented FM area. Deterministic: a seeded generator of its own, so the rest of the
 * demo is unchanged by it.
 */
import { sql } from 'drizzle-orm';
import { type Database, rows } from '../client.js';
import { careProvider, contractConcern, providerEnquiry, providerEnquiryConcern } from '../schema/index.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { type ContractConcernCategory, type ServiceType, assessRisk } from '../../domain/providers.js';
import { addDays, instantAt } from '../../domain/time.js';
import { POSTCODE_UNITS, STREETS, syntheticPostcode } from './names.js';
import { Random } from './random.js';

export interface ProvidersSeedInput {
  tenantId: string;
  agencyIds: ReadonlyMap<string, string>;
  userIds: ReadonlyMap<string, string>;
  now: Date;
  calendar: WorkingCalendar;
  scale: number;
  log: (message: string) => void;
}

const SEED = 20_261_214;

/** The seed's sectors: home care, older people's homes, and the rest (specialist homes, day services, supported living). */
type Sector = 'home_care' | 'older_peoples_homes' | 'specialist_homes' | 'day_services' | 'supported_living' | 'hospital';

interface DemoProvider {
  key: string;
  name: string;
  type: ServiceType;
  sector: Sector;
  /** How often it draws concerns, against the others in its sector (a few struggling providers draw more). */
  weight: number;
  town: string;
  cqc: boolean;
}

const home = (name: string, type: ServiceType, weight = 2, town = 'Fernmoor'): DemoProvider => ({ key: name, name, type, sector: 'older_peoples_homes', weight, town, cqc: true });
const specialist = (name: string, type: ServiceType, weight = 2, town = 'Fernmoor'): DemoProvider => ({ key: name, name, type, sector: 'specialist_homes', weight, town, cqc: true });
const homeCare = (name: string, weight = 2, town = 'Fernmoor'): DemoProvider => ({ key: name, name, type: 'domiciliary', sector: 'home_care', weight, town, cqc: true });
const living = (name: string, weight = 2, town = 'Fernmoor'): DemoProvider => ({ key: name, name, type: 'supported_living', sector: 'supported_living', weight, town, cqc: true });
const day = (name: string, weight = 2, town = 'Fernmoor'): DemoProvider => ({ key: name, name, type: 'day_service', sector: 'day_services', weight, town, cqc: false });
const ward = (name: string, town: string): DemoProvider => ({ key: name, name, type: 'hospital', sector: 'hospital', weight: 0, town, cqc: false });

/** Heathervale first: it is the demo's provider with staff accounts, and its enquiry is the open one. */
const PROVIDERS: DemoProvider[] = [
  { ...home('Heathervale Care Home', 'care_home_nursing', 6), key: 'heathervale' },
  home('Foxglove Court Nursing Home', 'care_home_nursing', 3),
  home('Larch Grove Nursing Home', 'care_home_nursing', 2, 'Ashby Fern'),
  home('The Coppice Nursing Home', 'care_home_nursing', 5),
  home('Alder Bank Nursing Home', 'care_home_nursing', 2, 'Kelsey Bridge'),
  home('Mill Lane Nursing Home', 'care_home_nursing', 2),
  home('Heron Close Care Centre', 'care_home_nursing', 3, 'Low Moor End'),
  home('Orchard Rise Care Home', 'care_home_residential', 2),
  home('Bracken House', 'care_home_residential', 1),
  home('Moorside Lodge', 'care_home_residential', 2),
  home('Kingfisher View', 'care_home_residential', 1, 'Ashby Fern'),
  home('Pennine View Residential Home', 'care_home_residential', 3, 'Kelsey Bridge'),
  home('Ashby Fern Manor', 'care_home_residential', 2, 'Ashby Fern'),
  home('Low Moor End House', 'care_home_residential', 1, 'Low Moor End'),
  home('Kelsey Bridge Lodge', 'care_home_residential', 2, 'Kelsey Bridge'),
  home('Weavers Court', 'care_home_residential', 1),
  home('Sandpiper House', 'care_home_residential', 2),
  home('Chapel Fold Care Home', 'care_home_residential', 4),
  home('Beckside Residential Home', 'care_home_residential', 1, 'Low Moor End'),
  home('Quarry Hill House', 'care_home_residential', 2),
  home('Linnet Lodge', 'care_home_residential', 1, 'Ashby Fern'),
  specialist('Fernlea (nursing care for adults with learning disabilities)', 'care_home_nursing', 3),
  specialist('Rowan Bank (residential care for adults with learning disabilities)', 'care_home_residential', 2, 'Kelsey Bridge'),
  specialist('Tanner Mews (residential mental health recovery)', 'care_home_residential', 2),
  specialist('Station House (residential care for younger adults with physical disabilities)', 'care_home_residential', 1, 'Ashby Fern'),
  homeCare('Kestrel Home Care', 6),
  homeCare('Sandpiper Care at Home', 3),
  homeCare('Heron Home Support', 2, 'Low Moor End'),
  homeCare('Fernmoor Reablement Service (council)', 2),
  homeCare('Moorside Home Care', 4),
  homeCare('Ashby Fern Community Care', 2, 'Ashby Fern'),
  homeCare('Kelsey Bridge Home Support', 3, 'Kelsey Bridge'),
  homeCare('Low Moor End Care Services', 1, 'Low Moor End'),
  homeCare('Linnet Care at Home', 2),
  homeCare('Bracken Home Care', 2),
  homeCare('Orchard Home Support', 1),
  homeCare('Foxglove Domiciliary Care', 2),
  homeCare('Quarry Hill Home Care', 3),
  homeCare('Coppice Care at Home', 1, 'Ashby Fern'),
  homeCare('Chapel Fold Homecare', 2),
  homeCare('Weavers Home Support', 1, 'Kelsey Bridge'),
  homeCare('Tanner Row Care Services', 2),
  homeCare('Pennine View Home Care', 1, 'Low Moor End'),
  homeCare('Alder Home Care', 2),
  homeCare('Beck Side Care at Home', 1),
  living('Larch Crescent Supported Living', 2),
  living('Weavers Walk Supported Living (learning disabilities)', 3, 'Kelsey Bridge'),
  living('Station Road Flats (mental health supported living)', 2),
  living('Sandpiper Place Supported Living', 1, 'Ashby Fern'),
  living('Mill Lane Supported Living (autism)', 2),
  day('Fernmoor Day Centre', 2),
  day('Ashby Fern Resource Centre (learning disabilities)', 3, 'Ashby Fern'),
  day('Kelsey Bridge Dementia Day Service', 2, 'Kelsey Bridge'),
  day('Moorside Day Opportunities', 1),
  ward('Fernmoor General Hospital: Ward 12 (acute medicine)', 'Fernmoor'),
  ward('Fernmoor General Hospital: Ward 14 (older people’s acute care)', 'Fernmoor'),
  ward('Fernmoor General Hospital: Acute Medical Unit', 'Fernmoor'),
  ward('Moorside Unit: Heron Ward (adult acute mental health)', 'Fernmoor'),
  ward('Moorside Unit: Linnet Ward (older people’s mental health)', 'Fernmoor'),
  ward('Kelsey Bridge Community Hospital: Willow Ward (rehabilitation)', 'Kelsey Bridge'),
];

type Mix = Partial<Record<ContractConcernCategory, number>>;

/** A year of contract concerns by sector and category, adding up to the seed's 611. */
export const CONTRACT_CONCERN_MIX: readonly { sectors: readonly (readonly [Sector, number])[]; mix: Mix }[] = [
  // Community home care: 289. Late or missed calls were all home care.
  { sectors: [['home_care', 1]], mix: { late_or_missed_calls: 116, quality_of_care: 46, medication: 13, staffing: 13, record_keeping: 35, dignity_and_respect: 28, safeguarding_practice: 18, financial: 8, other: 12 } },
  // Adult residential and nursing homes: 191.
  { sectors: [['older_peoples_homes', 1]], mix: { quality_of_care: 89, medication: 32, staffing: 25, environment: 14, record_keeping: 12, dignity_and_respect: 10, safeguarding_practice: 6, financial: 2, other: 1 } },
  // Specialist homes (37), day services (38) and the remaining providers (supported living here): 131.
  {
    sectors: [['specialist_homes', 37], ['day_services', 38], ['supported_living', 56]],
    mix: { quality_of_care: 61, medication: 28, staffing: 12, environment: 9, record_keeping: 8, dignity_and_respect: 6, safeguarding_practice: 3, financial: 2, other: 2 },
  },
];

const w = (...pairs: [number, number][]) => pairs;
/** Likelihood and impact as a contract compliance officer would score each kind of concern, most often low or medium. */
const SCORING: Record<ContractConcernCategory, { likelihood: [number, number][]; impact: [number, number][] }> = {
  late_or_missed_calls: { likelihood: w([2, 2], [3, 4], [4, 3], [5, 1]), impact: w([2, 4], [3, 4], [4, 2], [5, 0.3]) },
  quality_of_care: { likelihood: w([1, 1], [2, 4], [3, 4], [4, 2], [5, 0.5]), impact: w([1, 1], [2, 4], [3, 4], [4, 2], [5, 0.4]) },
  medication: { likelihood: w([1, 1], [2, 4], [3, 3], [4, 1]), impact: w([2, 2], [3, 4], [4, 3], [5, 0.7]) },
  staffing: { likelihood: w([2, 2], [3, 4], [4, 2], [5, 0.6]), impact: w([2, 3], [3, 4], [4, 1.5]) },
  safeguarding_practice: { likelihood: w([1, 1], [2, 4], [3, 2], [4, 1]), impact: w([3, 3], [4, 2], [5, 0.6]) },
  environment: { likelihood: w([1, 2], [2, 4], [3, 2], [4, 1]), impact: w([1, 2], [2, 4], [3, 2], [4, 0.5]) },
  record_keeping: { likelihood: w([2, 2], [3, 4], [4, 2]), impact: w([1, 3], [2, 4], [3, 1]) },
  financial: { likelihood: w([1, 2], [2, 4], [3, 1]), impact: w([2, 2], [3, 3], [4, 1]) },
  dignity_and_respect: { likelihood: w([1, 1], [2, 4], [3, 2], [4, 1]), impact: w([2, 3], [3, 3], [4, 1]) },
  other: { likelihood: w([1, 2], [2, 3], [3, 2], [4, 1]), impact: w([1, 2], [2, 3], [3, 2]) },
};

/** Short, invented descriptions: initials only for the people who use the services. */
const DESCRIPTIONS: Record<ContractConcernCategory, readonly string[]> = {
  late_or_missed_calls: [
    'Daughter reports two missed teatime calls in a week; electronic call monitoring shows no log-in at either visit.',
    'Morning calls on the Kelsey Bridge round running over an hour late for a fortnight; Mr T left in wet bedding.',
    'Double-handed call attended by one carer three times this month; hoist transfer not done, Mrs R stayed in bed.',
    'Bedtime calls cut to ten minutes against a 30-minute care plan; evidence from call monitoring.',
    'Missed lunchtime call on a bank holiday; the person was found by a neighbour without food or drink.',
    'Late medication call for a person on time-critical Parkinson’s medicines, reported by the district nurse.',
  ],
  quality_of_care: [
    'Family raised poor personal care: hair and nails not attended to, clothes not changed for several days.',
    'Care plans not reviewed since admission for several residents; needs have changed after falls.',
    'Fluid and food charts incomplete on the nursing floor; two residents losing weight without a referral to the dietitian.',
    'Social worker’s review found the care plan’s moving and handling section out of date and not followed.',
    'Resident’s pressure care not repositioned as planned overnight; skin damage found by the district nurse.',
    'Call bells unanswered for long periods on the first floor, reported by two visiting relatives.',
  ],
  medication: [
    'MAR chart gaps for three residents over a weekend; stock counts do not reconcile.',
    'Controlled drug register not countersigned; a patch changed late.',
    'Covert medication given without a best interests decision or pharmacist advice on the record.',
    'Carer prompted medication from a blister pack not prescribed for the person (a relative’s pack).',
    'As-required medicines given without protocols; no record of why they were needed.',
  ],
  staffing: [
    'Night shift covered by two staff for 34 residents on several nights; dependency tool not in use.',
    'High use of agency staff without induction; staff unfamiliar with residents’ needs.',
    'Registered manager post vacant for four months; deputy covering two services.',
    'Training matrix shows safeguarding and moving and handling training out of date for most carers.',
    'Rota gaps on weekends leaving the round without a senior carer.',
  ],
  safeguarding_practice: [
    'Unexplained bruising on a resident not reported as a safeguarding concern for five days.',
    'Allegation against a carer handled as a complaint, not referred to the local authority.',
    'Staff unsure how to raise a safeguarding concern out of hours; policy out of date.',
    'Restrictive practice (a locked front door) without DoLS applications for the people it affects.',
  ],
  environment: [
    'Infection prevention audit: commodes and mattresses not clean; no cleaning schedule on the first floor.',
    'Fire door wedged open and a broken window restrictor on the second floor.',
    'Hot water temperatures not checked; one bath outlet above the safe limit.',
    'Lift out of order for three weeks; first-floor residents unable to use the lounge.',
  ],
  record_keeping: [
    'Daily notes missing for several visits; carers record “all fine” without detail.',
    'Care records kept on personal phones; no secure system.',
    'Body maps not completed after falls; accident book incomplete.',
    'Visit times recorded by hand and altered; they do not match call monitoring.',
  ],
  financial: [
    'Person’s cash held by the service without receipts or two signatures.',
    'Invoices to the council for visits that call monitoring shows did not take place.',
    'Top-up fees asked of a family without the council’s agreement.',
  ],
  dignity_and_respect: [
    'Relative overheard staff speaking about a resident in a disrespectful way in the lounge.',
    'Personal care given with the bedroom door open.',
    'Person’s preference for a female carer not respected on several visits.',
    'Residents’ clothes mixed up after laundry; people dressed in others’ clothes.',
  ],
  other: [
    'Provider late returning the quarterly contract monitoring information.',
    'Complaints procedure not on display and not given to people at the start of the service.',
    'Change of registered office not told to the council.',
  ],
};

const CLOSING_NOTES: Partial<Record<ContractConcernCategory, readonly string[]>> = {
  late_or_missed_calls: [
    'Electronic call monitoring checked weekly for four weeks: calls within the 30-minute window; the round’s rota gap filled.',
    'Provider re-planned the round and recruited two carers; no missed calls in the monitoring period.',
  ],
  medication: [
    'Medication audit with the CCG pharmacist found MAR charts complete; staff re-assessed as competent.',
    'Provider’s medication action plan completed and checked at a follow-up visit.',
  ],
  staffing: [
    'Dependency tool in use and rotas checked for four weeks: staffing at the assessed level.',
    'Registered manager appointed; training matrix now up to date.',
  ],
};
const GENERAL_CLOSING = [
  'Provider’s action plan received and checked at a follow-up visit: actions completed.',
  'Visited unannounced: records and practice now meet the contract standard.',
  'Provider investigated and shared its findings; staff retrained and supervision recorded. No further contract action.',
  'Discussed at the monthly quality assurance and safeguarding meeting: assurance received, closed.',
  'Resolved with the provider by phone and email; evidence seen. Closed.',
];

const ENQUIRIES: readonly { sector: Sector; reason: string; conclusion: string }[] = [
  {
    sector: 'older_peoples_homes',
    reason: 'CQC inspection shared serious concerns about night staffing and falls management; four individual safeguarding concerns about residents in a month.',
    conclusion:
      'Special measures improvement plan agreed with the contract compliance officers; placements suspended for six weeks and lifted after two monitoring visits found rotas and the dependency tool in use. Two individual concerns taken forward as section 42 enquiries; the rest closed.',
  },
  {
    sector: 'home_care',
    reason: 'Pattern of missed and late calls on one round, with two individual concerns about people left without food and medication.',
    conclusion: 'Contract default notice issued; call monitoring reviewed weekly for eight weeks; rounds re-planned and a second coordinator recruited. Default lifted.',
  },
  {
    sector: 'older_peoples_homes',
    reason: 'Medication errors affecting several residents reported by the GP practice; one individual concern about a missed anticoagulant dose.',
    conclusion: 'Medication audit with the CCG pharmacist; all staff re-assessed; electronic MAR system introduced. No further concerns in the monitoring period.',
  },
  {
    sector: 'specialist_homes',
    reason: 'Concerns about restrictive practice and the use of restraint from two families and an advocate.',
    conclusion: 'Positive behaviour support plans rewritten with the community learning disability team; restraint training for all staff; DoLS applications made. Closed with three-monthly monitoring.',
  },
  {
    sector: 'home_care',
    reason: 'Several concerns about carers handling people’s money without receipts.',
    conclusion: 'Provider’s finance policy rewritten and audited; one carer dismissed and referred to the DBS. Closed.',
  },
];
const HEATHERVALE_REASON =
  'Three individual safeguarding concerns in three weeks about pressure care and unwitnessed falls on the nursing floor, and an open high-risk contract concern about pressure care. CQC told; placements paused while the enquiry runs.';

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function seedProvidersDemo(db: Database, input: ProvidersSeedInput): Promise<void> {
  const { tenantId, now, calendar, scale } = input;
  const random = new Random(SEED);
  const today = calendar.dateOf(now);
  const contracts = input.userIds.get('contracts') ?? null;
  const manager = input.userIds.get('adults-manager') ?? contracts;

  // ——— providers ———
  const providerRows: (typeof careProvider.$inferInsert)[] = [];
  const ids = new Map<string, string>();
  let cqc = 1_000_000_000;
  PROVIDERS.forEach((p, i) => {
    const id = crypto.randomUUID();
    ids.set(p.key, id);
    if (p.cqc) cqc += 1;
    const agencyId = p.key === 'heathervale' ? (input.agencyIds.get('provider:heathervale') ?? null) : p.type === 'hospital' ? (input.agencyIds.get('health') ?? null) : null;
    providerRows.push({
      id,
      tenantId,
      name: p.name,
      cqcLocationId: p.cqc ? `1-${cqc}` : null,
      serviceType: p.type,
      address: p.type === 'hospital' ? `${p.name.split(':')[0]}, ${p.town}` : `${1 + ((i * 7) % 90)} ${STREETS[i % STREETS.length]}, ${p.town}`,
      postcode: syntheticPostcode(1 + (i % 9), 1 + ((i * 5) % 9), POSTCODE_UNITS[(i * 3) % POSTCODE_UNITS.length]!),
      agencyId,
      createdAt: instantAt(addDays(today, -400), 9 * 60),
    });
  });
  await db.insert(careProvider).values(providerRows);

  // ——— a year of contract concerns ———
  const bySector = new Map<Sector, DemoProvider[]>();
  for (const p of PROVIDERS) bySector.set(p.sector, [...(bySector.get(p.sector) ?? []), p]);
  const concernRows: (typeof contractConcern.$inferInsert)[] = [];
  const highBy = new Map<string, number>();
  for (const group of CONTRACT_CONCERN_MIX) {
    for (const [category, n] of Object.entries(group.mix) as [ContractConcernCategory, number][]) {
      // Heathervale's open pressure-care concern (below) is one of the homes' quality concerns.
      const count = Math.max(0, Math.round(n * scale) - (group.sectors[0]![0] === 'older_peoples_homes' && category === 'quality_of_care' ? 1 : 0));
      for (let k = 0; k < count; k += 1) {
        const sector = random.weighted(group.sectors);
        const provider = random.weighted(bySector.get(sector)!.map((p) => [p, p.weight] as const));
        const raisedOn = addDays(today, -random.int(0, 364));
        const likelihood = random.weighted(SCORING[category].likelihood);
        const impact = random.weighted(SCORING[category].impact);
        const { band } = assessRisk(likelihood, impact);
        if (band === 'high') highBy.set(provider.key, (highBy.get(provider.key) ?? 0) + 1);
        // Weeks to close: longer the higher the risk, and now and then a long-running one.
        const weeks = band === 'high' ? random.int(3, 12) : band === 'medium' ? random.int(2, 8) : random.int(1, 5);
        const days = weeks * 7 + random.int(-3, 3) + (random.chance(0.06) ? random.int(30, 120) : 0);
        const closedOn = addDays(raisedOn, Math.max(1, days));
        const closed = closedOn < today;
        const notes = [...(CLOSING_NOTES[category] ?? []), ...GENERAL_CLOSING];
        concernRows.push({
          tenantId,
          providerId: ids.get(provider.key)!,
          raisedOn,
          category,
          description: random.pick(DESCRIPTIONS[category]),
          likelihood,
          impact,
          status: closed ? 'closed' : 'open',
          closedOn: closed ? closedOn : null,
          closingNote: closed ? random.pick(notes) : null,
          raisedByUserId: random.chance(0.85) ? contracts : manager,
          // Raised today: not later than now.
          createdAt: new Date(Math.min(now.getTime() - 60_000, instantAt(raisedOn, random.int(9 * 60, 17 * 60)).getTime())),
        });
      }
    }
  }
  // Heathervale's open high-risk concern, behind its open enquiry.
  const heathervale = ids.get('heathervale')!;
  concernRows.push({
    tenantId,
    providerId: heathervale,
    raisedOn: addDays(today, -25),
    category: 'quality_of_care',
    description: 'Pressure care on the nursing floor: two residents found with pressure ulcers not reported to the tissue viability nurse; repositioning charts incomplete on nights.',
    likelihood: 4,
    impact: 4,
    status: 'open',
    raisedByUserId: contracts,
    createdAt: instantAt(addDays(today, -25), 11 * 60),
  });
  for (const part of chunks(concernRows, 500)) await db.insert(contractConcern).values(part);

  // ——— provider enquiries: a few closed over the year, and Heathervale's open one ———
  const enquiryCount = Math.max(2, Math.round(5 * scale));
  const closedCount = enquiryCount - 1;
  const used = new Set<string>(['heathervale']);
  const enquiryRows: (typeof providerEnquiry.$inferInsert)[] = [];
  for (let k = 0; k < closedCount; k += 1) {
    const plan = ENQUIRIES[k % ENQUIRIES.length]!;
    // The provider of the plan's sector with the most high-risk concerns, not already used.
    const candidates = (bySector.get(plan.sector) ?? []).filter((p) => !used.has(p.key)).sort((a, b) => (highBy.get(b.key) ?? 0) - (highBy.get(a.key) ?? 0) || b.weight - a.weight);
    const provider = candidates[0] ?? PROVIDERS.find((p) => !used.has(p.key) && p.sector !== 'hospital')!;
    used.add(provider.key);
    const openedOn = addDays(today, -Math.round(340 - (k * 280) / Math.max(1, closedCount)));
    const closedOn = addDays(openedOn, random.int(6, 12) * 7);
    enquiryRows.push({
      tenantId,
      providerId: ids.get(provider.key)!,
      openedOn,
      reason: plan.reason,
      status: closedOn < today ? 'closed' : 'open',
      closedOn: closedOn < today ? closedOn : null,
      conclusion: closedOn < today ? plan.conclusion : null,
      openedByUserId: manager,
    });
  }
  enquiryRows.push({ tenantId, providerId: heathervale, openedOn: addDays(today, -18), reason: HEATHERVALE_REASON, status: 'open', openedByUserId: manager });
  await db.insert(providerEnquiry).values(enquiryRows);

  const open = concernRows.filter((c) => c.status === 'open').length;
  input.log(`providers: ${providerRows.length}, contract concerns: ${concernRows.length} (${open} open), provider enquiries: ${enquiryRows.length}`);
}

/**
 * Links the demo's individual safeguarding concerns about a provider to its provider enquiries: those received from
 * eight weeks before an enquiry opened until it closed (or now). For after the adult safeguarding demo has recorded
 * its concerns (it runs later); reads adult_concern, writes only provider_enquiry_concern.
 */
export async function linkProviderEnquiryConcernsDemo(db: Database, input: { tenantId: string; now: Date }): Promise<number> {
  const found = await rows<{ enquiry_id: string; concern_id: string; linked_at: string }>(
    db,
    sql`select e.id as enquiry_id, c.id as concern_id, greatest(c.received_at, e.opened_on::timestamptz) as linked_at
          from provider_enquiry e join adult_concern c on c.provider_id = e.provider_id and c.tenant_id = e.tenant_id
         where e.tenant_id = ${input.tenantId}
           and c.received_at >= (e.opened_on - 56)::timestamptz and c.received_at <= coalesce((e.closed_on + 1)::timestamptz, ${input.now})
           and not exists (select 1 from provider_enquiry_concern l where l.provider_enquiry_id = e.id and l.concern_id = c.id)
         order by c.received_at, c.id`,
  );
  if (found.length === 0) return 0;
  for (const part of chunks(found, 500)) {
    await db.insert(providerEnquiryConcern).values(part.map((f) => ({ tenantId: input.tenantId, providerEnquiryId: f.enquiry_id, concernId: f.concern_id, linkedAt: new Date(f.linked_at) })));
  }
  return found.length;
}
