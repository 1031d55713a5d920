/**
 * The annual report data pack of a board for a financial year (`/measures/partnership/annual-pack?board=…&year=…`
 * and its `.xlsx`): the tables a board's annual report is written from, built from the same facts and records as the
 * scorecard (`partnership-board.ts`) — the scorecard's figures with their definitions; attendance at the board's own
 * meetings by agency with a column per meeting (the seed report's appendix 1); training by kind of course, course,
 * agency and agency type, and the 3-month impact; self-assessment returns by completion band and per-standard
 * compliance; learning reviews by kind and stage; the actions by agency and RAG; the risk log's top risks.
 *
 * The workbook has one sheet per table, its header row frozen; every text cell is written as text (one that starts
 * with = + - @ or a tab is prefixed with an apostrophe, so no user's text becomes a formula).
 */
import ExcelJS from 'exceljs';
import { type Database } from '../../db/client.js';
import { ATTENDED_STATUSES, PARTNERSHIP_BOARDS, PARTNERSHIP_SECTIONS, type PartnershipBoard, attendanceMark, attendancePercent } from '../../domain/measures/partnership.js';
import { financialYearLabel } from '../../domain/measures/periods.js';
import { type PackTable, actionTables, boardFigure, reviewTables, selfAssessmentTables, trainingTables, yearPeriod } from './partnership-board.js';
import { publicSiteSection } from './partnership-public-site.js';
import { attendanceTable, topRisks } from './partnership-sources.js';
import { type MeasureService } from './service.js';

export interface AnnualPack {
  board: PartnershipBoard;
  boardName: string;
  year: number;
  yearLabel: string;
  generatedOn: string;
  tables: PackTable[];
}

const STATUS_ORDER = ['attended', 'deputy', 'apologies', 'absent'];

/** Attendance at the board's own meetings by agency: a column per meeting (A, D, Aps, x; "Cancelled"), then attended or deputy ÷ expected. */
export async function attendancePackTable(db: Database, tenantId: string, board: PartnershipBoard, year: number): Promise<PackTable & { percents: Map<string, number | null> }> {
  const period = yearPeriod(year);
  const { meetings, marks } = await attendanceTable(db, tenantId, board, period.start, period.end);
  const agencies = [...new Map(marks.map((m) => [m.agency_id, m.agency])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const percents = new Map<string, number | null>();
  const rowsOut = agencies.map(([agencyId, name]) => {
    let expected = 0;
    let came = 0;
    const cells = meetings.map((m) => {
      if (m.status === 'cancelled') return 'Cancelled';
      const mine = marks.filter((x) => x.agency_id === agencyId && x.meeting_id === m.id);
      for (const x of mine) {
        expected += 1;
        if (ATTENDED_STATUSES.includes(x.status)) came += 1;
      }
      const statuses = [...new Set(mine.map((x) => x.status))].sort((a, b) => STATUS_ORDER.indexOf(a) - STATUS_ORDER.indexOf(b));
      return statuses.map(attendanceMark).join(', ');
    });
    const percent = attendancePercent(came, expected);
    percents.set(name, percent);
    return [name, ...cells, expected, came, percent === null ? 'No figure' : `${percent}%`];
  });
  return {
    key: 'attendance',
    title: 'Board attendance by agency',
    note: 'The board’s own meetings in the year. A attended, D deputy, Aps apologies, x absent. Attendance % is attended or deputy over the members expected (each member once per meeting held).',
    head: ['Agency', ...meetings.map((m) => `${m.held_on}${m.status === 'cancelled' ? ' (cancelled)' : ''}`), 'Expected', 'Attended or deputy', 'Attendance %'],
    rows: rowsOut,
    numericFrom: 1,
    percents,
  };
}

export async function loadAnnualPack(measures: MeasureService, db: Database, tenantId: string, board: PartnershipBoard, year: number, options: { canSeeRecords: boolean }): Promise<AnnualPack> {
  await measures.ensureFresh(tenantId);
  const today = measures.today();
  const summary: PackTable = {
    key: 'summary',
    title: 'Scorecard',
    note: 'Each figure worked out from the records for the financial year; the definition says what is counted on top and underneath.',
    head: ['Section', 'Measure', 'Value', 'Numerator', 'Denominator', 'Against target', 'Definition', 'Source'],
    rows: [],
    numericFrom: 2,
  };
  for (const s of PARTNERSHIP_SECTIONS) {
    for (const id of s.measures) {
      const f = await boardFigure(db, tenantId, board, id, year, options);
      const percent = f.definition.unit === 'percent';
      summary.rows.push([s.heading, f.definition.title, f.value, f.figure.state === 'suppressed' ? 'c' : f.counts.numerator, percent ? (f.figure.state === 'suppressed' ? 'c' : (f.counts.denominator ?? 0)) : '', f.rag?.text ?? f.target, f.definition.follows.text, f.definition.follows.source]);
    }
  }
  const site = await publicSiteSection(db, tenantId, year);
  summary.rows.push([site.measure.section.heading, site.measure.title, site.summary.views, site.summary.views, '', site.summary.text, site.measure.follows.text, site.measure.follows.source]);
  const { percents: _percents, ...attendance } = await attendancePackTable(db, tenantId, board, year);
  const risks = await topRisks(db, tenantId, board, 10);
  const tables: PackTable[] = [
    summary,
    attendance,
    ...(await trainingTables(db, tenantId, board, year)),
    ...(await selfAssessmentTables(db, tenantId, board, year)),
    ...(await reviewTables(db, tenantId, board, year, options)),
    ...(await actionTables(db, tenantId, board, today)),
    ...site.tables,
    {
      key: 'risks',
      title: 'Top risks and issues',
      note: `The board’s open risks and issues on ${today}, highest score (likelihood × impact, each 1 to 5) first.`,
      head: ['Reference', 'Risk or issue', 'Kind', 'Likelihood', 'Impact', 'Score', 'Owner', 'Review by'],
      rows: risks.map((r) => [r.reference, r.title, r.kind === 'issue' ? 'Issue' : 'Risk', r.likelihood, r.impact, r.score, r.owner_name, r.review_on]),
      numericFrom: 3,
    },
  ];
  return { board, boardName: PARTNERSHIP_BOARDS[board], year, yearLabel: financialYearLabel(year), generatedOn: today, tables };
}

/** Text that a spreadsheet would read as a formula, made plain text. */
export function safeCell(v: string | number): string | number {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** Each table's sheet (Excel allows 31 characters). */
export const SHEETS: Record<string, string> = {
  summary: 'Scorecard',
  attendance: 'Attendance',
  training_kind: 'Training by kind of course',
  training_course: 'Training by course',
  training_agency: 'Training by agency',
  training_agency_type: 'Training by agency type',
  impact: 'Impact at 3 months',
  sa_bands: 'Self-assessment bands',
  sa_standards: 'Per-standard compliance',
  reviews: 'Learning reviews',
  actions_agency: 'Actions by agency',
  actions_board: 'Actions by board',
  risks: 'Top risks',
  public_page_views: 'Public website page views',
  public_reports: 'Public website reports',
};

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the book. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28).trim();
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base} ${i}`;
  used.add(name);
  return name;
}

export async function annualPackXlsx(pack: AnnualPack, generatedAt: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Threshold';
  book.created = generatedAt;
  const used = new Set<string>();
  const contents = book.addWorksheet(sheetName('Contents', used));
  contents.addRow(['Table', 'What it counts']).font = { bold: true };
  contents.views = [{ state: 'frozen', ySplit: 1 }];
  contents.addRow([safeCell(`${pack.boardName}: annual report data pack ${pack.yearLabel}`), safeCell(`Made on ${pack.generatedOn} from the records in Threshold.`)]);
  for (const t of pack.tables) {
    contents.addRow([safeCell(t.title), safeCell(t.note)]);
    const sheet = book.addWorksheet(sheetName(SHEETS[t.key] ?? t.title, used));
    sheet.addRow(t.head.map(safeCell)).font = { bold: true };
    for (const r of t.rows) sheet.addRow(r.map(safeCell));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((c, i) => (c.width = i === 0 ? 40 : Math.min(Math.max(12, (t.head[i] ?? '').length + 2), 60)));
  }
  contents.columns.forEach((c, i) => (c.width = i === 0 ? 50 : 100));
  return Buffer.from(await book.xlsx.writeBuffer());
}
