/**
 * A board's assurance scorecard (`/measures/partnership?board=children|adults|community_safety`): the partnership's
 * measures (`domain/measures/partnership.ts`) for one financial year, read from the engine's facts for the scopes the
 * board owns (`BOARD_SCOPES`), each with its definition, target and RAG, the year before, comparators and a
 * five-year trend, and under each section the tables behind the figures. Each figure links to the measure's own page
 * (trend, breakdown by agency, comparators) and to the list of records behind it in the partnership's pages.
 *
 * Small numbers: the figures about professionals and organisations (training, returns, actions, attendance) are
 * shown in full; the learning reviews' counts, which are about children and adults who died or were seriously
 * harmed, hide 1 to 5 unless the viewer may open the records behind figures (`measures:records`).
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, rows } from '../../db/client.js';
import { type Counts, type Figure, compare, figureOf, formatValue, isSmallNumber, ragOf } from '../../domain/measures/compute.js';
import { COMPARATOR_KINDS, type ComparatorKind, type MeasureDefinition, measureById } from '../../domain/measures/definitions.js';
import {
  BOARD_SCOPES,
  COMPLETION_BANDS,
  COURSE_KINDS,
  FRAMEWORK_LABELS,
  MEASURE_FAMILY,
  PARTNERSHIP_BOARDS,
  PARTNERSHIP_SECTIONS,
  type PartnershipBoard,
  REVIEW_KINDS,
  REVIEW_STAGES,
} from '../../domain/measures/partnership.js';
import { type Period, financialYearLabel, financialYearOf, periodContaining, periodsEnding } from '../../domain/measures/periods.js';
import { pathTo } from '../../platform/paths.js';
import { actionPath } from '../actions/paths.js';
import { publicSiteSection } from './partnership-public-site.js';
import { actionsNow } from './partnership-sources.js';
import { changeText, comparatorText, ragTag, targetText } from './presenters.js';
import { measuresPath } from './paths.js';
import { type MeasureService } from './service.js';
import * as settings from './settings-repository.js';

export const PARTNERSHIP_MEASURE_IDS: readonly string[] = PARTNERSHIP_SECTIONS.flatMap((s) => s.measures);

/** The measures whose small numbers are hidden from viewers who may not open records (about people harmed). */
const SENSITIVE = new Set(['pship_reviews', 'pship_rapid_reviews_in_time', 'pship_notifications_in_time']);
export const hidesSmall = (measureId: string, canSeeRecords: boolean) => !canSeeRecords && SENSITIVE.has(measureId);

/** A financial year as a period: 2026 → April 2026 to March 2027. */
export const yearPeriod = (year: number): Period => periodContaining('financial_year', `${year}-04-01`);

export const scopesOf = (board: PartnershipBoard, measureId: string) => BOARD_SCOPES[board][MEASURE_FAMILY[measureId]!];

// ——— the facts, for a board ———

const scopeSql = (scopes: readonly string[]) => sql`f.locality in (${sql.join(scopes.map((s) => sql`${s}`), sql`, `)})`;

/** Numerator and denominator of a measure for a board in each period. */
export async function boardCounts(db: Database, tenantId: string, board: PartnershipBoard, measureId: string, periods: readonly Period[]): Promise<Map<string, Counts>> {
  const windows = sql.join(periods.map((p) => sql`(${p.key}, ${p.start}::date, ${p.end}::date)`), sql`, `);
  const found = await rows<{ key: string; n: number; d: number }>(
    db,
    sql`select w.key, count(*) filter (where f.numerator)::int as n, count(*) filter (where f.denominator)::int as d
          from (values ${windows}) as w(key, s, e)
          join measure_fact f on f.period_date >= w.s and f.period_date < w.e
         where f.tenant_id = ${tenantId} and f.measure_id = ${measureId} and ${scopeSql(scopesOf(board, measureId))}
         group by w.key`,
  );
  const byKey = new Map(found.map((r) => [r.key, r]));
  return new Map(periods.map((p) => [p.key, { numerator: byKey.get(p.key)?.n ?? 0, denominator: byKey.get(p.key)?.d ?? 0 }]));
}

export type Slot = 'agency' | 'locality' | 'age_band' | 'risk_level';
const SLOT_SQL: Record<Slot, SQL> = {
  agency: sql`coalesce((select a.name from agency a where a.id = f.agency_id), 'Not recorded')`,
  locality: sql`coalesce(f.locality, 'Not recorded')`,
  age_band: sql`coalesce(f.age_band, 'Not recorded')`,
  risk_level: sql`coalesce(f.risk_level, 'Not recorded')`,
};

/** A measure's facts for a board and period split by one or two slots: numerator and denominator per row. */
export async function boardSplit(db: Database, tenantId: string, board: PartnershipBoard, measureId: string, period: Period, slots: readonly Slot[]) {
  const cols = slots.map((s, i) => sql`${SLOT_SQL[s]} as ${sql.raw(`k${i}`)}`);
  const found = await rows<{ k0: string; k1?: string; n: number; d: number }>(
    db,
    sql`select ${sql.join(cols, sql`, `)}, count(*) filter (where f.numerator)::int as n, count(*) filter (where f.denominator)::int as d
          from measure_fact f
         where f.tenant_id = ${tenantId} and f.measure_id = ${measureId} and ${scopeSql(scopesOf(board, measureId))}
           and f.period_date >= ${period.start}::date and f.period_date < ${period.end}::date
         group by ${sql.join(slots.map((_, i) => sql.raw(String(i + 1))), sql`, `)}
         order by ${sql.join(slots.map((_, i) => sql.raw(String(i + 1))), sql`, `)}`,
  );
  return found.map((r) => ({ keys: [r.k0, ...(r.k1 !== undefined ? [r.k1] : [])], numerator: r.n, denominator: r.d }));
}

// ——— figures ———

/** Where the records behind a measure are listed in the partnership's own pages. */
export function listHref(measureId: string, board: PartnershipBoard, year: number): { href: string; text: string } {
  switch (MEASURE_FAMILY[measureId]) {
    case 'training':
      return { href: pathTo('/partnership/training', {}, { board }), text: 'Courses and sessions' };
    case 'sa_return':
    case 'sa_answer':
      return { href: pathTo('/partnership/self-assessment', {}, { board }), text: 'Self-assessment rounds and returns' };
    case 'action':
      return { href: actionPath('plans', {}, { board }), text: 'Action plans' };
    case 'attendance':
      return { href: pathTo('/partnership/attendance', {}, { board, year }), text: 'Attendance by meeting' };
    default:
      return { href: pathTo('/partnership/reviews', {}, { board }), text: 'Learning reviews' };
  }
}

export interface PartnershipFigureRow {
  id: string;
  definition: MeasureDefinition;
  value: string;
  figure: Figure;
  counts: Counts;
  rag: { text: string; classes: string } | null;
  target: string;
  change: string;
  comparators: string[];
  trend: { period: string; value: string }[];
  measureHref: string;
  list: { href: string; text: string };
}

/** One measure for a board and year: figure, RAG against its target, the year before, comparators and a 5-year trend. */
export async function boardFigure(db: Database, tenantId: string, board: PartnershipBoard, id: string, year: number, options: { canSeeRecords: boolean }): Promise<PartnershipFigureRow> {
  const definition = measureById(id)!;
  const period = yearPeriod(year);
  const trendPeriods = periodsEnding(period, 5);
  const counts = await boardCounts(db, tenantId, board, id, trendPeriods);
  const published = hidesSmall(id, options.canSeeRecords);
  const fig = (p: Period) => figureOf(definition, counts.get(p.key)!, { published });
  const current = fig(period);
  const before = trendPeriods[trendPeriods.length - 2]!;
  const previous = fig(before);
  const entry = await settings.scorecardEntry(db, tenantId, id);
  const target = entry && entry.target_value !== null && entry.target_tolerance !== null ? { value: entry.target_value, tolerance: entry.target_tolerance } : definition.target;
  const value = current.state === 'value' ? current.value : null;
  const rag = value === null ? null : ragOf(definition.polarity, value, target);
  const comps = (await settings.comparators(db, tenantId, id)).filter((c) => c.year === year);
  return {
    id,
    definition,
    value: current.text,
    figure: current,
    counts: counts.get(period.key)!,
    rag: ragTag(rag),
    target: targetText(definition, target),
    change: value === null ? 'Not compared: no figure' : changeText(definition, previous.state === 'value' ? compare(definition, value, previous.value) : null, previous, `the year before (${before.label})`),
    comparators: comps.map((c) =>
      comparatorText(definition, {
        kind: c.kind as ComparatorKind,
        label: COMPARATOR_KINDS[c.kind as ComparatorKind] ?? c.kind,
        value: c.value,
        year: c.year,
        source: c.source,
        change: value === null ? null : compare(definition, value, c.value),
      }),
    ),
    trend: trendPeriods.map((p) => ({ period: financialYearLabel(financialYearOf(p.start)), value: fig(p).text })),
    measureHref: measuresPath('measure', { id }, { period: period.key }),
    list: listHref(id, board, year),
  };
}

// ——— tables ———

export interface PackTable {
  key: string;
  title: string;
  /** What the table counts, in a sentence (its definition). */
  note: string;
  head: string[];
  /** Cells: text or numbers; the first is the row's label. */
  rows: (string | number)[][];
  /** Right-align columns from this index. */
  numericFrom: number;
}

const pct = (n: number, d: number) => (d > 0 ? formatValue({ unit: 'percent', decimals: 1 }, (n / d) * 100) : 'No figure');
const shown = (n: number, hide: boolean): string | number => (hide && isSmallNumber(n) ? 'c' : n);

/** Training for a board's courses in a year: by the kind of course, by course, by agency, by agency type; and the 3-month impact. */
export async function trainingTables(db: Database, tenantId: string, board: PartnershipBoard, year: number): Promise<PackTable[]> {
  const period = yearPeriod(year);
  const split = async (slot: Slot) => {
    const attended = await boardSplit(db, tenantId, board, 'pship_training_attended', period, [slot]);
    const dna = await boardSplit(db, tenantId, board, 'pship_training_dna', period, [slot]);
    const el = await boardSplit(db, tenantId, board, 'pship_elearning_completed', period, [slot]);
    const labels = [...new Set([...attended, ...dna].map((r) => r.keys[0]!))];
    return labels.map((label) => {
      const a = attended.find((r) => r.keys[0] === label)?.numerator ?? 0;
      const d = dna.find((r) => r.keys[0] === label);
      const e = el.find((r) => r.keys[0] === label)?.numerator ?? 0;
      return { label, attended: a, dna: d?.numerator ?? 0, registered: d?.denominator ?? 0, elearning: e };
    });
  };
  const head = ['Attended', 'E-learning completed', 'Did not attend', 'Did not attend %'];
  const toRows = (xs: Awaited<ReturnType<typeof split>>, labelOf: (l: string) => string = (l) => l) =>
    xs.filter((x) => x.attended + x.registered > 0).map((x) => [labelOf(x.label), x.attended, x.elearning, x.dna, pct(x.dna, x.registered)]);
  const kinds = await split('locality');
  const kindLabel = (code: string) => COURSE_KINDS.find((k) => k.code === code)?.label ?? code;
  const answered = await boardSplit(db, tenantId, board, 'pship_impact_answered', period, ['risk_level']);
  const used = await boardSplit(db, tenantId, board, 'pship_impact_used', period, ['risk_level']);
  const courses = [...new Set([...answered, ...used].map((r) => r.keys[0]!))].sort();
  const sum = (xs: { numerator: number; denominator: number }[], k: 'numerator' | 'denominator') => xs.reduce((a, r) => a + r[k], 0);
  const impactRows = courses.map((c) => {
    const a = answered.find((r) => r.keys[0] === c);
    const u = used.find((r) => r.keys[0] === c);
    return [c, a?.denominator ?? 0, a?.numerator ?? 0, pct(a?.numerator ?? 0, a?.denominator ?? 0), u?.numerator ?? 0, pct(u?.numerator ?? 0, u?.denominator ?? 0)];
  });
  const impactHead = ['Course', 'Asked (sent)', 'Answered', 'Answered %', 'Used the learning', 'Used the learning %'];
  const totalImpact = ['All courses', sum(answered, 'denominator'), sum(answered, 'numerator'), pct(sum(answered, 'numerator'), sum(answered, 'denominator')), sum(used, 'numerator'), pct(sum(used, 'numerator'), sum(used, 'denominator'))];
  const note = 'Places on sessions (not cancelled) that started in the year; did not attend % is of the places whose register was taken (attended or did not attend).';
  return [
    { key: 'training_kind', title: 'Training by kind of course', note, head: ['Courses', ...head], rows: [...toRows(kinds, kindLabel), ...totalRow(toRows(kinds, kindLabel))], numericFrom: 1 },
    { key: 'training_course', title: 'Training by course', note, head: ['Course', ...head], rows: toRows(await split('risk_level')), numericFrom: 1 },
    { key: 'training_agency', title: 'Training by agency', note, head: ['Agency', ...head], rows: toRows((await split('agency')).sort((a, b) => b.attended - a.attended || a.label.localeCompare(b.label))), numericFrom: 1 },
    { key: 'training_agency_type', title: 'Training by agency type', note, head: ['Agency type', ...head], rows: toRows(await split('age_band')), numericFrom: 1 },
    {
      key: 'impact',
      title: 'Impact reported at 3 months',
      note: 'Answered %: questionnaires sent in the year that were answered. Used the learning %: of those answered in the year, the share saying the learning was used in practice.',
      head: impactHead,
      rows: [...impactRows, ...(impactRows.length ? [totalImpact] : [])],
      numericFrom: 1,
    },
  ];
}

/** A total row for training rows: sums, and the did-not-attend per cent recomputed. */
function totalRow(xs: (string | number)[][]): (string | number)[][] {
  if (xs.length < 2) return [];
  const col = (i: number) => xs.reduce((a, r) => a + Number(r[i]), 0);
  // Places whose register was taken: those attended and those not attended.
  const dna = col(3);
  return [['All courses', col(1), col(2), dna, pct(dna, col(1) + dna)]];
}

/** Self-assessment: returns by framework and completion band; per-standard compliance (% green). */
export async function selfAssessmentTables(db: Database, tenantId: string, board: PartnershipBoard, year: number): Promise<PackTable[]> {
  const period = yearPeriod(year);
  const bands = await boardSplit(db, tenantId, board, 'pship_sa_complete', period, ['risk_level', 'age_band']);
  const frameworks = [...new Set(bands.map((r) => r.keys[0]!))].sort();
  const bandRowsOut = frameworks.map((f) => [
    FRAMEWORK_LABELS[f] ?? f,
    bands.filter((r) => r.keys[0] === f).reduce((a, r) => a + r.denominator, 0),
    ...COMPLETION_BANDS.map((b) => bands.find((r) => r.keys[0] === f && r.keys[1] === b.label)?.denominator ?? 0),
  ]);
  const standards = await boardSplit(db, tenantId, board, 'pship_sa_green', period, ['risk_level', 'age_band']);
  return [
    {
      key: 'sa_bands',
      title: 'Self-assessment returns by completion band',
      note: 'Returns in rounds opened in the year, by the share of the framework’s standards answered: 90–100%, over 50%, up to 50%, not started.',
      head: ['Framework', 'Returns', ...COMPLETION_BANDS.map((b) => b.label)],
      rows: bandRowsOut,
      numericFrom: 1,
    },
    {
      key: 'sa_standards',
      title: 'Per-standard compliance',
      note: 'Answers rated green (met) over all answers to the standard, in returns of rounds opened in the year.',
      head: ['Framework', 'Standard', 'Answers', 'Green', 'Green %'],
      rows: standards.map((r) => [FRAMEWORK_LABELS[r.keys[0]!] ?? r.keys[0]!, r.keys[1]!, r.denominator, r.numerator, pct(r.numerator, r.denominator)]),
      numericFrom: 2,
    },
  ];
}

/** Learning reviews begun in the year by kind and the stage each has reached; in-time shares. */
export async function reviewTables(db: Database, tenantId: string, board: PartnershipBoard, year: number, options: { canSeeRecords: boolean }): Promise<PackTable[]> {
  const period = yearPeriod(year);
  const hide = hidesSmall('pship_reviews', options.canSeeRecords);
  const split = await boardSplit(db, tenantId, board, 'pship_reviews', period, ['age_band', 'risk_level']);
  const kinds = REVIEW_KINDS.map((k) => k.label).filter((k) => split.some((r) => r.keys[0] === k));
  return [
    {
      key: 'reviews',
      title: 'Learning reviews by kind and stage',
      note: 'Reviews begun in the year (notified, else learned of, else the incident), by the stage each has reached now.',
      head: ['Kind', ...REVIEW_STAGES.map((s) => s.label), 'Total'],
      rows: kinds.map((k) => {
        const counts = REVIEW_STAGES.map((s) => split.find((r) => r.keys[0] === k && r.keys[1] === s.label)?.numerator ?? 0);
        return [k, ...counts.map((n) => shown(n, hide)), shown(counts.reduce((a, b) => a + b, 0), hide)];
      }),
      numericFrom: 1,
    },
  ];
}

/** The actions of the board's plans now, by owner agency: on track, overdue, completed, and the open ones by RAG. */
export async function actionTables(db: Database, tenantId: string, board: PartnershipBoard, today: string): Promise<PackTable[]> {
  const found = await actionsNow(db, tenantId, BOARD_SCOPES[board].action, today);
  const byAgency = new Map<string, number[]>();
  for (const r of found) {
    const row = byAgency.get(r.agency) ?? [0, 0, 0, 0, 0, 0, 0];
    [r.on_track, r.overdue, r.completed, r.red, r.amber, r.green, r.total].forEach((n, i) => (row[i]! += n));
    byAgency.set(r.agency, row);
  }
  const byBoard = new Map<string, number[]>();
  for (const r of found) {
    const row = byBoard.get(r.board_kind) ?? [0, 0, 0, 0];
    [r.on_track, r.overdue, r.completed, r.total].forEach((n, i) => (row[i]! += n));
    byBoard.set(r.board_kind, row);
  }
  const boardLabel = (k: string) => (k === 'joint' ? 'Joint (all three boards)' : (PARTNERSHIP_BOARDS[k as PartnershipBoard] ?? k));
  return [
    {
      key: 'actions_agency',
      title: 'Actions by agency',
      note: `Actions (not cancelled) of the board’s plans and the joint plans, as they stand on ${today}: on track (open, not past due), overdue (open, past due), completed; the open ones by RAG.`,
      head: ['Agency', 'On track', 'Overdue', 'Completed', 'Red', 'Amber', 'Green', 'Total'],
      rows: [...byAgency.entries()].map(([agency, r]) => [agency, ...r]),
      numericFrom: 1,
    },
    {
      key: 'actions_board',
      title: 'Actions by board',
      note: `The same actions by the board that owns the plan, on ${today}.`,
      head: ['Board', 'On track', 'Overdue', 'Completed', 'Total'],
      rows: [...byBoard.entries()].map(([k, r]) => [boardLabel(k), ...r]),
      numericFrom: 1,
    },
  ];
}

/** Attendance at the board's own meetings in the year by agency: expected, attended or deputy, the share. */
export async function attendanceTables(db: Database, tenantId: string, board: PartnershipBoard, year: number): Promise<PackTable[]> {
  const split = await boardSplit(db, tenantId, board, 'pship_board_attendance', yearPeriod(year), ['agency']);
  return [
    {
      key: 'attendance_agency',
      title: 'Board attendance by agency',
      note: 'Members expected at the board’s own meetings held in the year, and those who attended or sent a deputy.',
      head: ['Agency', 'Expected', 'Attended or deputy', 'Attendance %'],
      rows: split.filter((r) => r.denominator > 0).map((r) => [r.keys[0]!, r.denominator, r.numerator, pct(r.numerator, r.denominator)]),
      numericFrom: 1,
    },
  ];
}

export function boardChoices(current: PartnershipBoard, year: number) {
  return (Object.keys(PARTNERSHIP_BOARDS) as PartnershipBoard[]).map((b) => ({ board: b, label: PARTNERSHIP_BOARDS[b], href: measuresPath('partnership', {}, { board: b, year }), current: b === current }));
}

/** The scorecard: sections of figures, each with its tables. */
export async function partnershipScorecard(measures: MeasureService, db: Database, tenantId: string, board: PartnershipBoard, year: number, options: { canSeeRecords: boolean }) {
  await measures.ensureFresh(tenantId);
  const today = measures.today();
  const tables: Record<string, PackTable[]> = {
    training: await trainingTables(db, tenantId, board, year),
    self_assessment: await selfAssessmentTables(db, tenantId, board, year),
    actions: await actionTables(db, tenantId, board, today),
    attendance: await attendanceTables(db, tenantId, board, year),
    reviews: await reviewTables(db, tenantId, board, year, options),
  };
  const sections: { key: string; heading: string; figures: PartnershipFigureRow[]; tables: PackTable[]; measure?: { title: string; description: string; follows: { text: string; source: string }; summary: string } }[] = [];
  for (const s of PARTNERSHIP_SECTIONS) {
    const figures = [];
    for (const id of s.measures) figures.push(await boardFigure(db, tenantId, board, id, year, options));
    sections.push({ key: s.key, heading: s.heading, figures, tables: (tables[s.key] ?? []).map((t) => onScreen(t)) });
  }
  // The public website: a table measure of its own, read through the public site's published read (every board's).
  const site = await publicSiteSection(db, tenantId, year);
  sections.push({ key: site.measure.section.key, heading: site.measure.section.heading, figures: [], tables: site.tables.map((t) => onScreen(t)), measure: { ...site.measure, summary: site.summary.text } });
  return sections;
}

/** The most rows a table shows on the scorecard; the annual report data pack (printable and XLSX) has them all. */
export const SCORECARD_TABLE_ROWS = 15;

/**
 * A table as the scorecard shows it: a long one (training by agency lists every school) keeps its largest rows,
 * in the order it has, and says how many more the annual report data pack holds.
 */
export function onScreen(table: PackTable, most = SCORECARD_TABLE_ROWS): PackTable {
  if (table.rows.length <= most) return table;
  const rest = table.rows.length - most;
  return { ...table, rows: table.rows.slice(0, most), note: `${table.note} The first ${most} of ${table.rows.length} rows: the annual report data pack has the other ${rest}.` };
}
