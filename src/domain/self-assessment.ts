/**
 * The self-assessment's rules: RAG answers (green met, amber partly met, red not met) with evidence, completion and
 * the progress bands the partnership reports ("90–100%", "over 50%", "up to 50%", "not started"), what stops a
 * return being submitted, per-standard compliance across submitted returns, the joint tool's parts for each board,
 * which frameworks an area still needs installed, and which board a round's action plan belongs to.
 */
import { type Code, list } from './codes.js';
import { type AppliesTo, type FrameworkKind } from './self-assessment-frameworks.js';
import { type LocalDate, addMonths, isLocalDate } from './time.js';

export type Rag = 'green' | 'amber' | 'red';
export const RAGS: readonly Rag[] = ['green', 'amber', 'red'];
export const RAG_CODES: readonly Code[] = list({ green: 'Green: met', amber: 'Amber: partly met', red: 'Red: not met' });

export type ReturnStatus = 'not_started' | 'in_progress' | 'submitted' | 'challenged';
export const RETURN_STATUSES: readonly Code[] = list({ not_started: 'Not started', in_progress: 'In progress', submitted: 'Submitted', challenged: 'Challenged' });

/** Evidence longer than this is refused (about four pages). */
export const MAX_EVIDENCE = 10_000;

// ——— completion and bands ———

/** Whole per cent of standards answered, rounded down (so 100% means every standard). 0 for a framework with none. */
export function completion(answered: number, standards: number): number {
  if (standards <= 0) return 0;
  const n = Math.min(Math.max(0, answered), standards);
  return Math.floor((n * 100) / standards);
}

export type Band = 'top' | 'over_half' | 'up_to_half' | 'not_started';
export const BANDS: readonly Band[] = ['top', 'over_half', 'up_to_half', 'not_started'];
export const BAND_LABELS: Record<Band, string> = { top: '90–100%', over_half: 'over 50%', up_to_half: 'up to 50%', not_started: 'not started' };

/** The progress band, from exact fractions (9 of 10 is 90–100%; exactly half is "up to 50%"; none is "not started"). */
export function band(answered: number, standards: number): Band {
  const n = Math.min(Math.max(0, answered), Math.max(0, standards));
  if (standards <= 0 || n === 0) return 'not_started';
  if (n * 10 >= standards * 9) return 'top';
  if (n * 2 > standards) return 'over_half';
  return 'up_to_half';
}

/** How many returns are in each band. */
export function bandCounts(returns: readonly { answered: number; standards: number }[]): Record<Band, number> {
  const counts: Record<Band, number> = { top: 0, over_half: 0, up_to_half: 0, not_started: 0 };
  for (const r of returns) counts[band(r.answered, r.standards)] += 1;
  return counts;
}

// ——— answering and submitting ———

export function isRag(value: string): value is Rag {
  return (RAGS as readonly string[]).includes(value);
}

/** Whether a return may still be answered: its round is open and it has not been submitted. */
export function answerProblem(roundStatus: string, status: ReturnStatus): string | null {
  if (roundStatus !== 'open') return 'This round has closed: the return can no longer be changed';
  if (status === 'submitted' || status === 'challenged') return 'This return has been submitted: it can no longer be changed';
  return null;
}

/** The status after saving answers: in progress once anything is answered, not started while nothing is. */
export function statusAfterSave(answered: number): ReturnStatus {
  return answered > 0 ? 'in_progress' : 'not_started';
}

/** The standards still to answer, in order: a return is submitted only when this is empty. */
export function unanswered<S extends { code: string }>(standards: readonly S[], answeredCodes: Iterable<string>): S[] {
  const done = new Set(answeredCodes);
  return standards.filter((s) => !done.has(s.code));
}

/** What is wrong with one standard's answer on the form: a RAG without evidence, or evidence without a RAG. */
export function answerPairProblem(code: string, rag: string | null, evidence: string | null): { field: 'rag' | 'evidence'; message: string } | null {
  const hasEvidence = evidence !== null && evidence.trim() !== '';
  if (rag === null && !hasEvidence) return null;
  if (rag === null || !isRag(rag)) return { field: 'rag', message: `Select whether standard ${code} is met, partly met or not met` };
  if (!hasEvidence) return { field: 'evidence', message: `Enter the evidence for standard ${code}` };
  if (evidence.trim().length > MAX_EVIDENCE) return { field: 'evidence', message: `Evidence for standard ${code} must be ${MAX_EVIDENCE.toLocaleString('en-GB')} characters or fewer` };
  return null;
}

/** Whether a challenge meeting may be recorded: only on a submitted (or already challenged) return, not in the future. */
export function challengeProblem(status: ReturnStatus, on: LocalDate, today: LocalDate): { field: 'challengeOn' | 'form'; message: string } | null {
  if (status !== 'submitted' && status !== 'challenged') return { field: 'form', message: 'A challenge meeting is recorded once the organisation has submitted its return' };
  if (on > today) return { field: 'challengeOn', message: 'The date of the challenge meeting must be today or in the past' };
  return null;
}

// ——— opening a round ———

/** A round's due date: a real date, after today, and within two years. */
export function dueDateProblem(dueOn: LocalDate, today: LocalDate): string | null {
  if (!isLocalDate(dueOn)) return 'Enter a real due date';
  if (dueOn <= today) return 'The due date must be in the future';
  if (dueOn > addMonths(today, 24)) return 'The due date must be within 2 years';
  return null;
}

/** The organisations a round is for: all agencies of the framework's types, or a chosen subset of them. */
export function roundOrganisations<A extends { id: string; type: string; active: boolean }>(
  agencies: readonly A[],
  agencyTypes: readonly string[],
  chosen: readonly string[] | 'all',
): { agencies: A[] } | { problem: string } {
  const eligible = agencies.filter((a) => a.active && agencyTypes.includes(a.type));
  if (chosen === 'all') {
    if (eligible.length === 0) return { problem: 'No organisations in the area are of the types this framework is for' };
    return { agencies: eligible };
  }
  if (chosen.length === 0) return { problem: 'Select the organisations the round is for' };
  const byId = new Map(eligible.map((a) => [a.id, a]));
  const picked: A[] = [];
  for (const id of new Set(chosen)) {
    const a = byId.get(id);
    if (!a) return { problem: 'Select organisations of the types this framework is for' };
    picked.push(a);
  }
  return { agencies: picked };
}

// ——— compliance ———

export interface Compliance {
  answered: number;
  green: number;
  amber: number;
  red: number;
  /** Whole per cents that add up to 100 (largest remainder); all 0 when nothing is answered. */
  pct: Record<Rag, number>;
}

/** Whole per cents of green, amber and red that add up to 100 (the largest remainders get the spare points). */
export function ragPercentages(counts: Record<Rag, number>): Record<Rag, number> {
  const total = counts.green + counts.amber + counts.red;
  if (total === 0) return { green: 0, amber: 0, red: 0 };
  // integer arithmetic, so equal remainders tie exactly (then green before amber before red)
  const pct = Object.fromEntries(RAGS.map((r) => [r, Math.floor((counts[r] * 100) / total)])) as Record<Rag, number>;
  const remainder = (r: Rag) => (counts[r] * 100) % total;
  let spare = 100 - RAGS.reduce((s, r) => s + pct[r], 0);
  for (const r of [...RAGS].sort((a, b) => remainder(b) - remainder(a) || RAGS.indexOf(a) - RAGS.indexOf(b))) {
    if (spare <= 0) break;
    pct[r] += 1;
    spare -= 1;
  }
  return pct;
}

/** Per standard, across the answers of submitted returns: how many green, amber and red, and their per cents. */
export function compliance(standardIds: readonly string[], answers: readonly { standardId: string; rag: string }[]): Map<string, Compliance> {
  const counts = new Map(standardIds.map((id) => [id, { green: 0, amber: 0, red: 0 } as Record<Rag, number>]));
  for (const a of answers) {
    const c = counts.get(a.standardId);
    if (c && isRag(a.rag)) c[a.rag] += 1;
  }
  return new Map([...counts].map(([id, c]) => [id, { answered: c.green + c.amber + c.red, ...c, pct: ragPercentages(c) }]));
}

export type BoardPart = 'children' | 'adults';
export const BOARD_PART_TITLES: Record<BoardPart, string> = { children: 'For the children’s board', adults: 'For the adults’ board' };

/** Whether a standard is read by a board: the children's board reads children's and shared standards, and so on. */
export function partReads(part: BoardPart, appliesTo: AppliesTo | string): boolean {
  return appliesTo === 'both' || appliesTo === part;
}

/** The joint tool's parts: each board's standards, in order, from the same answers. Other frameworks have one part. */
export function boardParts<S extends { appliesTo: string }>(kind: FrameworkKind | string, standards: readonly S[]): { part: BoardPart | null; standards: S[] }[] {
  if (kind !== 'joint') return [{ part: null, standards: [...standards] }];
  return (['children', 'adults'] as const).map((part) => ({ part, standards: standards.filter((s) => partReads(part, s.appliesTo)) }));
}

// ——— frameworks and plans ———

/** The frameworks not yet installed in an area (by kind and version): a new version is a new framework. */
export function frameworksToInstall<F extends { kind: string; version: number }>(installed: readonly { kind: string; version: number }[], frameworks: readonly F[]): F[] {
  const have = new Set(installed.map((i) => `${i.kind}:${i.version}`));
  return frameworks.filter((f) => !have.has(`${f.kind}:${f.version}`));
}

/** The newest version of each kind: what a new round is opened on. */
export function latestVersions<F extends { kind: string; version: number }>(frameworks: readonly F[]): F[] {
  const latest = new Map<string, F>();
  for (const f of frameworks) {
    const seen = latest.get(f.kind);
    if (!seen || f.version > seen.version) latest.set(f.kind, f);
  }
  return [...latest.values()];
}

/** Which board a round's action plan reports to. */
export function boardKindOf(kind: FrameworkKind | string): 'children' | 'adults' | 'community_safety' | 'joint' {
  if (kind === 'joint') return 'joint';
  if (kind === 'da') return 'community_safety';
  return 'children';
}
