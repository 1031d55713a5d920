/**
 * Organisational safeguarding: the care providers of an area, the contract concerns the council's contract
 * compliance officers raise about them, and provider (organisational) enquiries that bring several individual
 * safeguarding concerns about one provider together.
 *
 * The rules a commissioner would check line by line:
 * - a provider is a CQC location: its location ID is "1-" and a number from 101 to 99999999999 (CQC's published
 *   location IDs, e.g. 1-101669261 or 1-10000302982), and is optional (a hospital ward is not a location of its own,
 *   the hospital is; a provider waiting for registration has none yet);
 * - a contract concern is scored on the usual 5×5 risk matrix: likelihood (1–5) × impact (1–5), in bands low 1–6,
 *   medium 8–12, high 15–25 (the NPSA's "A risk matrix for risk managers", 2008, with its "low" and "moderate" bands
 *   taken together as low; 7, 13 and 14 cannot be scored);
 * - a provider's RAG comes from what is open about it: red for an open provider enquiry, an open high-scoring
 *   contract concern, or several open individual safeguarding concerns at once; amber for an open medium concern,
 *   any open individual safeguarding concern, or several open low concerns; green otherwise. The "several" are local
 *   choices, kept as data (RAG_THRESHOLDS);
 * - an open contract concern is closed once, with a note, on or after the day it was raised; a provider enquiry
 *   links only individual concerns about the same provider, each once, while it is open, and closes with a
 *   conclusion.
 */
import { isCode, list } from './codes.js';

// ——— providers ———

/** The kinds of service a provider location runs (and where a SAC risk would be, for care homes and hospitals). */
export const SERVICE_TYPES = list({
  care_home_nursing: 'Care home with nursing',
  care_home_residential: 'Care home (residential)',
  domiciliary: 'Home care (domiciliary) agency',
  supported_living: 'Supported living',
  day_service: 'Day service',
  hospital: 'Hospital ward',
});
export type ServiceType = 'care_home_nursing' | 'care_home_residential' | 'domiciliary' | 'supported_living' | 'day_service' | 'hospital';
export const isServiceType = (v: string): v is ServiceType => isCode(SERVICE_TYPES, v);

/** CQC location IDs: "1-" then a whole number from 101 to 99999999999, without leading zeros. */
export const CQC_LOCATION_ID_RANGE = { min: 101, max: 99_999_999_999 } as const;

export function isCqcLocationId(value: string): boolean {
  const m = /^1-([1-9]\d{2,10})$/.exec(value);
  if (!m) return false;
  const n = Number(m[1]);
  return n >= CQC_LOCATION_ID_RANGE.min && n <= CQC_LOCATION_ID_RANGE.max;
}

/** What is wrong with a CQC location ID as typed (spaces around it are ignored), or null when it is one. */
export function cqcLocationIdProblem(value: string): string | null {
  const v = value.trim();
  if (isCqcLocationId(v)) return null;
  if (/^\d+$/.test(v)) return 'Enter the CQC location ID with its “1-” at the start, like 1-101669261';
  return 'Enter a CQC location ID in the correct format, like 1-101669261 (“1-” and then 3 to 11 numbers)';
}

// ——— contract concerns ———

/** What a contract concern is about (the seed's top four first: late or missed calls, quality, medication, staffing). */
export const CONTRACT_CONCERN_CATEGORIES = list({
  late_or_missed_calls: 'Late or missed calls',
  quality_of_care: 'Quality of care',
  medication: 'Medication',
  staffing: 'Staffing',
  safeguarding_practice: 'Safeguarding practice',
  environment: 'Environment, premises or infection control',
  record_keeping: 'Record keeping',
  financial: 'Financial (charging, people’s money)',
  dignity_and_respect: 'Dignity and respect',
  other: 'Other',
});
export type ContractConcernCategory =
  | 'late_or_missed_calls'
  | 'quality_of_care'
  | 'medication'
  | 'staffing'
  | 'safeguarding_practice'
  | 'environment'
  | 'record_keeping'
  | 'financial'
  | 'dignity_and_respect'
  | 'other';
export const isContractConcernCategory = (v: string): v is ContractConcernCategory => isCode(CONTRACT_CONCERN_CATEGORIES, v);

/** The source of the scoring, shown beside it. */
export const RISK_MATRIX_SOURCE =
  'The usual 5×5 risk matrix (likelihood × impact), as in the National Patient Safety Agency’s “A risk matrix for risk managers” (2008), with its low and moderate bands taken together as low';

/** Likelihood, 1–5, with the matrix's words. */
export const LIKELIHOOD = list({
  '1': '1 – Rare: not expected to happen again',
  '2': '2 – Unlikely: could happen again, but not expected to',
  '3': '3 – Possible: might happen again now and then',
  '4': '4 – Likely: will probably happen again',
  '5': '5 – Almost certain: will happen again, perhaps often',
});
/** Impact on the people who use the service, 1–5, with the matrix's words. */
export const IMPACT = list({
  '1': '1 – Negligible: no harm, little effect on care',
  '2': '2 – Minor: short-term effect, no lasting harm',
  '3': '3 – Moderate: some harm, or care that needs putting right',
  '4': '4 – Major: serious harm, or care that fails people',
  '5': '5 – Catastrophic: death, or permanent or severe harm',
});

export type RiskBand = 'low' | 'medium' | 'high';
export const RISK_BANDS: readonly { band: RiskBand; from: number; to: number; label: string }[] = [
  { band: 'low', from: 1, to: 6, label: 'Low' },
  { band: 'medium', from: 8, to: 12, label: 'Medium' },
  { band: 'high', from: 15, to: 25, label: 'High' },
];

function isScale(n: unknown): n is 1 | 2 | 3 | 4 | 5 {
  return Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 5;
}

/** Likelihood × impact. Each must be a whole number from 1 to 5. */
export function riskScore(likelihood: number, impact: number): number {
  if (!isScale(likelihood)) throw new RangeError(`Likelihood must be a whole number from 1 to 5, not ${likelihood}`);
  if (!isScale(impact)) throw new RangeError(`Impact must be a whole number from 1 to 5, not ${impact}`);
  return likelihood * impact;
}

/** The band of a score the matrix can give (1–25 but not 7, 13, 14, 17…: products of two numbers from 1 to 5). */
export function riskBand(score: number): RiskBand {
  const found = RISK_BANDS.find((b) => score >= b.from && score <= b.to);
  if (!found || !POSSIBLE_SCORES.has(score)) throw new RangeError(`${score} is not a score of the 5×5 matrix`);
  return found.band;
}

/** Every score the matrix can give. */
export const POSSIBLE_SCORES: ReadonlySet<number> = new Set(Array.from({ length: 25 }, (_, i) => (Math.floor(i / 5) + 1) * ((i % 5) + 1)));

/** Score and band together, for a concern's likelihood and impact. */
export function assessRisk(likelihood: number, impact: number): { score: number; band: RiskBand } {
  const score = riskScore(likelihood, impact);
  return { score, band: riskBand(score) };
}

export const RISK_BAND_LABELS: Record<RiskBand, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export type ContractConcernStatus = 'open' | 'closed';

/** Open first; then the higher score; then the more recently raised; then by id, so the order is total. */
export function compareContractConcerns(
  a: { status: string; likelihood: number; impact: number; raisedOn: string; id: string },
  b: { status: string; likelihood: number; impact: number; raisedOn: string; id: string },
): number {
  const open = Number(b.status === 'open') - Number(a.status === 'open');
  if (open !== 0) return open;
  const score = b.likelihood * b.impact - a.likelihood * a.impact;
  if (score !== 0) return score;
  if (a.raisedOn !== b.raisedOn) return a.raisedOn < b.raisedOn ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** What stops a contract concern closing: it must be open, have a note, and not close before it was raised. */
export function closeConcernProblems(c: { status: string; raisedOn: string }, input: { closingNote: string; closedOn: string }): Record<string, string> {
  const problems: Record<string, string> = {};
  if (c.status !== 'open') problems.concernId = 'This contract concern is already closed';
  if (input.closingNote.trim() === '') problems.closingNote = 'Enter what was done and why the concern can close';
  if (c.status === 'open' && input.closedOn < c.raisedOn) problems.concernId = 'A contract concern cannot close before the day it was raised';
  return problems;
}

// ——— provider enquiries ———

export type ProviderEnquiryStatus = 'open' | 'closed';

/**
 * What stops linking individual concerns to a provider enquiry: the enquiry must be open, and each concern must be
 * about the enquiry's provider and not linked already.
 */
export function linkProblems(input: { enquiryStatus: string; concernIds: readonly string[]; aboutProvider: ReadonlySet<string>; alreadyLinked: ReadonlySet<string> }): Record<string, string> {
  if (input.enquiryStatus !== 'open') return { concernIds: 'This provider enquiry is closed: concerns can no longer be linked to it' };
  if (input.concernIds.length === 0) return { concernIds: 'Select the safeguarding concerns to link to the enquiry' };
  if (input.concernIds.some((id) => !input.aboutProvider.has(id))) return { concernIds: 'Select concerns about this provider from the list' };
  if (input.concernIds.some((id) => input.alreadyLinked.has(id))) return { concernIds: 'A concern you selected is already linked to this enquiry' };
  return {};
}

/** What stops a provider enquiry closing: it must be open and have a conclusion. */
export function closeEnquiryProblems(e: { status: string }, conclusion: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (e.status !== 'open') problems.conclusion = 'This provider enquiry is already closed';
  else if (conclusion.trim() === '') problems.conclusion = 'Enter the conclusion of the enquiry';
  return problems;
}

// ——— the provider's RAG ———

/**
 * Whether an individual safeguarding concern is still open: waiting for its test, decision or authorisation, or
 * decided with an enquiry still open. A concern decided without an enquiry, or whose enquiry has concluded or
 * been exited, is not.
 */
export function safeguardingConcernIsOpen(c: { status: string; enquiryStatus: string | null }): boolean {
  if (c.status !== 'decided') return true;
  return c.enquiryStatus === 'open';
}

/** How many is "several" for the RAG: local choices, not national rules. */
export const RAG_THRESHOLDS = {
  /** Open individual safeguarding concerns at once that make a provider red (the seed's case study: several concerns, then an organisational one). */
  severalSafeguardingConcerns: 3,
  /** Open low-scoring contract concerns at once that make a provider amber (a low-level trend). */
  severalLowContractConcerns: 3,
} as const;

export type ProviderRag = 'red' | 'amber' | 'green';

export interface ProviderRagInput {
  /** Open contract concerns by band. */
  openContractConcerns: Readonly<Record<RiskBand, number>>;
  openSafeguardingConcerns: number;
  openProviderEnquiries: number;
}

/** The bands of some open contract concerns, counted. */
export function bandCounts(concerns: readonly { likelihood: number; impact: number }[]): Record<RiskBand, number> {
  const out: Record<RiskBand, number> = { low: 0, medium: 0, high: 0 };
  for (const c of concerns) out[assessRisk(c.likelihood, c.impact).band] += 1;
  return out;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A provider's RAG from what is open about it, with every reason that applies (the worst first). */
export function providerRag(input: ProviderRagInput, thresholds: { severalSafeguardingConcerns: number; severalLowContractConcerns: number } = RAG_THRESHOLDS): { rag: ProviderRag; reasons: string[] } {
  const { high, medium, low } = input.openContractConcerns;
  const sg = input.openSafeguardingConcerns;
  const red: string[] = [];
  const amber: string[] = [];
  if (input.openProviderEnquiries > 0) red.push(`${plural(input.openProviderEnquiries, 'open provider enquiry', 'open provider enquiries')}`);
  if (high > 0) red.push(`${plural(high, 'open high-risk contract concern', 'open high-risk contract concerns')}`);
  if (sg >= thresholds.severalSafeguardingConcerns) red.push(`${plural(sg, 'open safeguarding concern', 'open safeguarding concerns')} about the provider`);
  else if (sg > 0) amber.push(`${plural(sg, 'open safeguarding concern', 'open safeguarding concerns')} about the provider`);
  if (medium > 0) amber.push(`${plural(medium, 'open medium-risk contract concern', 'open medium-risk contract concerns')}`);
  if (low >= thresholds.severalLowContractConcerns) amber.push(`${plural(low, 'open low-risk contract concern', 'open low-risk contract concerns')}`);
  if (red.length) return { rag: 'red', reasons: [...red, ...amber] };
  if (amber.length) return { rag: 'amber', reasons: amber };
  return { rag: 'green', reasons: [] };
}

