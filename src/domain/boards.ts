/**
 * The partnership boards' rules: the boards and their members' roles, attendance at meetings and the attendance
 * table by agency for the annual report, quoracy, and the issues / risk log's score, band and review date.
 *
 * Attendance (the seed board report's "Appendix 1 – Board Member attendance", children's board 2017-18, and the
 * adults' board's table: D = deputy, Aps = apologies, x = absent): an agency's percentage is
 * (meetings attended + meetings a deputy attended) ÷ meetings at which the agency had a member expected, counting
 * only meetings that were held (a cancelled meeting counts for nobody). An agency with several members at a meeting
 * counts once, by the best of its members' marks (attended, then deputy, then apologies, then absent).
 */
import { type Code, list } from './codes.js';
import { type LocalDate } from './time.js';

export const BOARD_KINDS = list({
  children: 'Children’s safeguarding partnership',
  adults: 'Safeguarding adults board',
  community_safety: 'Community safety partnership',
});
export type BoardKind = 'children' | 'adults' | 'community_safety';
export const BOARD_KIND_CODES: readonly BoardKind[] = ['children', 'adults', 'community_safety'];

export function isBoardKind(value: unknown): value is BoardKind {
  return typeof value === 'string' && (BOARD_KIND_CODES as readonly string[]).includes(value);
}

export const MEMBER_ROLES = list({ chair: 'Chair', vice_chair: 'Vice chair', member: 'Member', adviser: 'Adviser', observer: 'Observer' });

export const MEETING_STATUSES = list({ scheduled: 'Scheduled', held: 'Held', cancelled: 'Cancelled' });

// ——— attendance ———

export const ATTENDANCE = list({ attended: 'Attended', deputy: 'Sent a deputy', apologies: 'Apologies', absent: 'Absent' });
export type AttendanceStatus = 'attended' | 'deputy' | 'apologies' | 'absent';

/** The marks of the annual report's table. */
export const ATTENDANCE_MARKS: Record<AttendanceStatus, string> = { attended: 'A', deputy: 'D', apologies: 'Aps', absent: 'x' };

const RANK: Record<AttendanceStatus, number> = { attended: 0, deputy: 1, apologies: 2, absent: 3 };

/** Attended in person or through a deputy: what counts towards the percentage (and quoracy). */
export function present(status: AttendanceStatus): boolean {
  return status === 'attended' || status === 'deputy';
}

/** An agency's mark at one meeting: the best of its members' (attended, then deputy, then apologies, then absent). */
export function agencyMark(statuses: readonly AttendanceStatus[]): AttendanceStatus | null {
  if (statuses.length === 0) return null;
  return [...statuses].sort((a, b) => RANK[a] - RANK[b])[0]!;
}

/** One member's attendance as recorded: a deputy must be named; a name is kept only for a deputy. */
export function attendanceProblem(status: AttendanceStatus, deputyName: string | null): string | null {
  if (status === 'deputy' && !deputyName?.trim()) return 'Enter the name of the deputy who attended';
  return null;
}

/** A whole number percentage, or null when nothing was expected. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

export interface AttendanceInput {
  meetingId: string;
  agencyId: string;
  status: AttendanceStatus;
}

export interface AgencyAttendance {
  agencyId: string;
  /** Per meeting, in the order given: the agency's mark, or null when it had no member expected. */
  marks: (AttendanceStatus | null)[];
  present: number;
  expected: number;
  percent: number | null;
}

/**
 * The attendance table by agency: one row per agency that had a member expected at any of the meetings (held
 * meetings only, in their order), with its marks and percentage (see the definition above).
 */
export function attendanceByAgency(meetingIds: readonly string[], rows: readonly AttendanceInput[]): AgencyAttendance[] {
  const byAgency = new Map<string, Map<string, AttendanceStatus[]>>();
  const held = new Set(meetingIds);
  for (const r of rows) {
    if (!held.has(r.meetingId)) continue;
    const meetings = byAgency.get(r.agencyId) ?? new Map<string, AttendanceStatus[]>();
    meetings.set(r.meetingId, [...(meetings.get(r.meetingId) ?? []), r.status]);
    byAgency.set(r.agencyId, meetings);
  }
  return [...byAgency.entries()].map(([agencyId, meetings]) => {
    const marks = meetingIds.map((m) => agencyMark(meetings.get(m) ?? []));
    const expected = marks.filter((m) => m !== null).length;
    const presentCount = marks.filter((m) => m !== null && present(m)).length;
    return { agencyId, marks, present: presentCount, expected, percent: percent(presentCount, expected) };
  });
}

// ——— quoracy ———

export interface StatutoryPartner {
  code: string;
  label: string;
  /** Agency types that count as this partner (the area's agencies are typed, not named as statutory partners). */
  agencyTypes: readonly string[];
}

export interface QuorumRule {
  partners: readonly StatutoryPartner[];
  source: string;
}

/**
 * Who must be present (attended or sent a deputy) for a meeting of each board to be quorate: at least one member
 * from each statutory partner. Health is matched by agency type (the area's agencies do not tell the integrated care
 * board from a trust), so any health member counts for the ICB.
 */
export const QUORUM: Record<BoardKind, QuorumRule> = {
  children: {
    partners: [
      { code: 'local_authority', label: 'The local authority', agencyTypes: ['children_social_care', 'adult_social_care', 'education'] },
      { code: 'police', label: 'The police', agencyTypes: ['police'] },
      { code: 'health', label: 'Health (the integrated care board)', agencyTypes: ['health'] },
    ],
    source: 'Working Together to Safeguard Children 2023: the three safeguarding partners (the local authority, the chief officer of police, the integrated care board)',
  },
  adults: {
    partners: [
      { code: 'local_authority', label: 'The local authority', agencyTypes: ['adult_social_care', 'children_social_care'] },
      { code: 'police', label: 'The police', agencyTypes: ['police'] },
      { code: 'health', label: 'Health (the integrated care board)', agencyTypes: ['health'] },
    ],
    source: 'Care Act 2014, Schedule 2: the board’s members (the local authority, the integrated care board, the chief officer of police)',
  },
  community_safety: {
    partners: [
      { code: 'local_authority', label: 'The local authority', agencyTypes: ['community_safety', 'children_social_care', 'adult_social_care', 'housing'] },
      { code: 'police', label: 'The police', agencyTypes: ['police'] },
      { code: 'probation', label: 'Probation', agencyTypes: ['probation'] },
      { code: 'health', label: 'Health (the integrated care board)', agencyTypes: ['health'] },
    ],
    source:
      'Crime and Disorder Act 1998, s5: the responsible authorities (the local authority, police, probation, the integrated care board; the fire and rescue authority has no agency type here and is not checked)',
  },
};

export interface Quoracy {
  quorate: boolean;
  /** The statutory partners with no one present. */
  missing: string[];
  source: string;
}

/** Whether a meeting was quorate, from the agency types of those present (attended or deputy). */
export function quoracy(kind: BoardKind, presentAgencyTypes: readonly string[]): Quoracy {
  const rule = QUORUM[kind];
  const there = new Set(presentAgencyTypes);
  const missing = rule.partners.filter((p) => !p.agencyTypes.some((t) => there.has(t))).map((p) => p.label);
  return { quorate: missing.length === 0, missing, source: rule.source };
}

// ——— the issues / risk log ———

export const RISK_KINDS = list({ risk: 'Risk', issue: 'Issue' });
export const RISK_STATUSES = list({ open: 'Open', closed: 'Closed' });

/** Likelihood and impact, 1 to 5 each. */
export const LIKELIHOOD = list({ '1': '1 – Rare', '2': '2 – Unlikely', '3': '3 – Possible', '4': '4 – Likely', '5': '5 – Almost certain' });
export const IMPACT = list({ '1': '1 – Negligible', '2': '2 – Minor', '3': '3 – Moderate', '4': '4 – Major', '5': '5 – Severe' });

export type RiskBand = 'low' | 'medium' | 'high' | 'very_high';

/**
 * The bands of the score. Source: the board's own 5 × 5 risk matrix (likelihood × impact), as the business unit
 * keeps it; a partnership with a different matrix changes these bands.
 */
export const RISK_BANDS: readonly (Code & { code: RiskBand; from: number; to: number })[] = [
  { code: 'low', label: 'Low', from: 1, to: 4 },
  { code: 'medium', label: 'Medium', from: 5, to: 9 },
  { code: 'high', label: 'High', from: 10, to: 16 },
  { code: 'very_high', label: 'Very high', from: 20, to: 25 },
];
export const RISK_BANDS_SOURCE = 'The board’s own 5 × 5 risk matrix (likelihood × impact, 1 to 5 each)';

function inRange(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}

/** Likelihood × impact (1–25); throws on a value outside 1–5 (forms check them first). */
export function riskScore(likelihood: number, impact: number): number {
  if (!inRange(likelihood) || !inRange(impact)) throw new RangeError('likelihood and impact are whole numbers from 1 to 5');
  return likelihood * impact;
}

/** A score's band. Every product of two numbers from 1 to 5 falls in one (there is no 17, 18 or 19). */
export function riskBand(score: number): (typeof RISK_BANDS)[number] {
  const band = RISK_BANDS.find((b) => score >= b.from && score <= b.to);
  if (!band) throw new RangeError(`no band for a score of ${score}`);
  return band;
}

/** An open entry whose review date has passed (a closed one is never overdue). */
export function reviewOverdue(reviewOn: LocalDate, today: LocalDate, status = 'open'): boolean {
  return status === 'open' && reviewOn < today;
}

export interface RiskOrderFacts {
  reviewOn: LocalDate;
  status: string;
  score: number;
  reference: string;
}

/** The log's order: overdue reviews first, then by score (highest first), then by review date, then reference. */
export function compareRisks(today: LocalDate) {
  return (a: RiskOrderFacts, b: RiskOrderFacts): number => {
    const overdue = Number(reviewOverdue(b.reviewOn, today, b.status)) - Number(reviewOverdue(a.reviewOn, today, a.status));
    return overdue || b.score - a.score || a.reviewOn.localeCompare(b.reviewOn) || a.reference.localeCompare(b.reference);
  };
}

/** A risk log reference from the sequence: RISK-0012. */
export function riskReference(n: number): string {
  return `RISK-${String(n).padStart(4, '0')}`;
}

// ——— papers ———

/** A paper attached to an agenda item: at most 10 MB. */
export const PAPER_MAX_BYTES = 10 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** The papers a meeting takes, by extension: the type stored and sent, the magic bytes, and (Office) the part the package must hold. */
export const PAPER_TYPES: Record<string, { type: string; magic: readonly number[]; part?: string }> = {
  pdf: { type: 'application/pdf', magic: PDF },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: ZIP, part: 'word/' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP, part: 'xl/' },
  pptx: { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: ZIP, part: 'ppt/' },
};

/** Types a browser may send for any file it does not know. */
const GENERIC_TYPES = new Set(['application/octet-stream', 'binary/octet-stream', '']);

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function contains(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');
}

/**
 * A paper checked by its name's extension, the type the browser declared, and its content's magic bytes (an Office
 * file is a zip package that must hold its content types and its own part: word/, xl/ or ppt/). Answers the type to
 * store, or what is wrong in words for the error summary.
 */
export function checkPaper(file: { name: string; declaredType: string; bytes: Uint8Array; truncated?: boolean }): { ok: true; type: string } | { ok: false; problem: string } {
  if (file.truncated || file.bytes.length > PAPER_MAX_BYTES) return { ok: false, problem: 'The paper must be 10 MB or smaller' };
  if (file.bytes.length === 0) return { ok: false, problem: 'The selected paper is empty' };
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const kind = PAPER_TYPES[ext];
  if (!kind) return { ok: false, problem: 'The paper must be a PDF, Word (docx), Excel (xlsx) or PowerPoint (pptx) file' };
  const declared = file.declaredType.toLowerCase().split(';')[0]!.trim();
  if (declared !== kind.type && !GENERIC_TYPES.has(declared)) return { ok: false, problem: `The paper’s type does not match its name (.${ext})` };
  const genuine = startsWith(file.bytes, kind.magic) && (!kind.part || (contains(file.bytes, '[Content_Types].xml') && contains(file.bytes, kind.part)));
  if (!genuine) return { ok: false, problem: `The paper is not a real .${ext} file` };
  return { ok: true, type: kind.type };
}
