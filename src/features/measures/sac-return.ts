/**
 * The returns to NHS England, built from the records by the rules of `domain/sac.ts`: the Safeguarding Adults
 * Collection (SAC) tables SG1 to SG4 as a workbook laid out like NHS England's template (a sheet per section, each
 * table with its title, columns and rows, voluntary cells shaded), and the Mental Capacity Act DoLS counts.
 *
 * A return for NHS England carries every number. For a viewer who may not open the records behind figures
 * (`measures:records`), the same workbook hides the numbers from 1 to 5 as "c", as the published figures do.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { type Database, rows } from '../../db/client.js';
import { SUPPRESS_UP_TO, isSmallNumber } from '../../domain/measures/compute.js';
import {
  type CollectionYear,
  DOLS_COLLECTION,
  type DolsApplication,
  type DolsCounts,
  SAC_GUIDANCE,
  type SacConcern,
  type SacEnquiry,
  type SacPerson,
  type SacReturn,
  type SacRisk,
  type SacTable,
  collectionYear,
  dolsCounts,
  sacReturn,
  sourceGroupTotals,
} from '../../domain/sac.js';
import { instantAt } from '../../domain/time.js';
import { formatDateTime } from '../../domain/dates.js';

const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);
const date = (n: number | null) => (n === null ? null : new Date(n));

/** The instants a collection year runs between (London midnights). */
function bounds(y: CollectionYear) {
  return { from: instantAt(y.start, 0).toISOString(), to: instantAt(y.end, 0).toISOString() };
}

/** The records a year's SAC return counts: concerns received in it, enquiries started or ended in it, their people. */
export async function loadSac(db: Database, tenantId: string, year: number): Promise<SacReturn> {
  const y = collectionYear(year);
  const { from, to } = bounds(y);
  const concerns = await rows<{ id: string; person_id: string | null; received: number; source_code: string }>(
    db,
    sql`select ac.id, coalesce(p0.merged_into_person_id, ac.person_id) as person_id, ${ms('ac.received_at')} as received, ac.source_code
          from adult_concern ac left join person p0 on p0.id = ac.person_id
         where ac.tenant_id = ${tenantId} and ac.received_at >= ${from}::timestamptz and ac.received_at < ${to}::timestamptz`,
  );
  const enquiryRows = await rows<{
    id: string; concern_id: string; person_id: string | null; kind: string; started: number; status: string; ended: number | null; exit_reason: string | null;
    capacity: string | null; advocacy: string | null; msp_asked: string | null; outcomes_achieved: string | null; primary_support_reason: string | null;
  }>(
    db,
    sql`select e.id, e.concern_id, coalesce(p0.merged_into_person_id, ac.person_id) as person_id, e.kind, ${ms('e.started_at')} as started, e.status,
               ${ms('e.ended_at')} as ended, e.exit_reason, e.capacity, e.advocacy, e.msp_asked, e.outcomes_achieved, e.primary_support_reason
          from adult_enquiry e join adult_concern ac on ac.id = e.concern_id left join person p0 on p0.id = ac.person_id
         where e.tenant_id = ${tenantId}
           and ((e.started_at >= ${from}::timestamptz and e.started_at < ${to}::timestamptz) or (e.ended_at >= ${from}::timestamptz and e.ended_at < ${to}::timestamptz))`,
  );
  const riskRows = await rows<{ enquiry_id: string; type: string; location: string; source: string; result: string | null; action_taken: boolean | null }>(
    db,
    sql`select r.enquiry_id, r.type, r.location, r.source, r.result, r.action_taken
          from adult_risk r join adult_enquiry e on e.id = r.enquiry_id
         where e.tenant_id = ${tenantId} and e.ended_at >= ${from}::timestamptz and e.ended_at < ${to}::timestamptz
         order by r.created_at, r.id`,
  );
  const risks = new Map<string, SacRisk[]>();
  for (const r of riskRows) {
    const list = risks.get(r.enquiry_id) ?? [];
    list.push({ type: r.type, location: r.location, source: r.source, result: r.result, actionTaken: r.action_taken });
    risks.set(r.enquiry_id, list);
  }
  const ids = [...new Set([...concerns.map((c) => c.person_id), ...enquiryRows.map((e) => e.person_id)].filter((x): x is string => x !== null))];
  const people = new Map<string, SacPerson>();
  if (ids.length) {
    const found = await rows<{ id: string; date_of_birth: string | null; dob_precision: string; deceased_on: string | null; gender: string; ethnicity: string | null }>(
      db,
      sql`select id, date_of_birth::text, dob_precision, deceased_on::text, gender, ethnicity from person
           where tenant_id = ${tenantId} and id in (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})`,
    );
    for (const p of found) people.set(p.id, { dateOfBirth: p.date_of_birth, dobPrecision: p.dob_precision, deceasedOn: p.deceased_on, gender: p.gender, ethnicity: p.ethnicity });
  }
  const sacConcerns: SacConcern[] = concerns.map((c) => ({ id: c.id, personId: c.person_id, receivedAt: new Date(c.received), sourceCode: c.source_code }));
  const sacEnquiries: SacEnquiry[] = enquiryRows.map((e) => ({
    id: e.id,
    concernId: e.concern_id,
    personId: e.person_id,
    kind: e.kind === 'other' ? 'other' : 's42',
    startedAt: new Date(e.started),
    status: e.status,
    endedAt: date(e.ended),
    exitReason: e.exit_reason,
    capacity: e.capacity,
    advocacy: e.advocacy,
    mspAsked: e.msp_asked,
    outcomesAchieved: e.outcomes_achieved,
    primarySupportReason: e.primary_support_reason,
    risks: risks.get(e.id) ?? [],
  }));
  return sacReturn(year, sacConcerns, sacEnquiries, people);
}

/** The applications a year's DoLS counts need: any received before its end and not closed before its start. */
export async function loadDols(db: Database, tenantId: string, year: number): Promise<DolsCounts> {
  const { from, to } = bounds(collectionYear(year));
  const found = await rows<{ id: string; kind: string; setting: string; received: number; urgent_from: string | null; extended: number | null; status: string; allocated: number | null; decided: number | null }>(
    db,
    sql`select id, kind, setting, ${ms('received_at')} as received, urgent_from::text, ${ms('urgent_extended_at')} as extended, status,
               ${ms('allocated_at')} as allocated, ${ms('decided_at')} as decided
          from dols_application
         where tenant_id = ${tenantId} and received_at < ${to}::timestamptz and (decided_at is null or decided_at >= ${from}::timestamptz)`,
  );
  const applications: DolsApplication[] = found.map((a) => ({
    id: a.id,
    kind: a.kind,
    setting: a.setting,
    receivedAt: new Date(a.received),
    urgentFrom: a.urgent_from,
    urgentExtendedAt: date(a.extended),
    status: a.status,
    allocatedAt: date(a.allocated),
    decidedAt: date(a.decided),
  }));
  return dolsCounts(year, applications);
}

// ——— the workbooks ———

export interface WorkbookOptions {
  area: string;
  /** Hide 1 to 5 as "c" (for a viewer who may not see the records behind figures). */
  hideSmall: boolean;
  generatedAt: Date;
}

const VOLUNTARY = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;
const HEADING = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } } as const;
const BORDER = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;
const HIDDEN_NOTE = `c = hidden: a number from 1 to ${SUPPRESS_UP_TO}, shown only to people allowed to see the records behind figures`;

function value(n: number, hideSmall: boolean): number | string {
  return hideSmall && isSmallNumber(n) ? 'c' : n;
}

/** Writes one table the way the template sets it out: its id and title, what it counts, a header row, rows, a total. */
function writeTable(sheet: ExcelJS.Worksheet, t: SacTable, options: WorkbookOptions, voluntary: (column: number) => boolean): void {
  const title = sheet.addRow([`${t.id}  ${t.title}`]);
  title.font = { bold: true, size: 12 };
  sheet.addRow([t.counts]).font = { italic: true };
  const header = sheet.addRow(['', ...t.columns]);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = HEADING;
    c.border = BORDER;
    c.alignment = { wrapText: true, vertical: 'top' };
  });
  const body = [...t.rows.map((r) => ({ label: r.label, values: r.values })), ...(t.total ? [{ label: 'Total', values: t.total }] : [])];
  for (const [i, r] of body.entries()) {
    const row = sheet.addRow([r.label, ...r.values.map((n) => value(n, options.hideSmall))]);
    if (t.total && i === body.length - 1) row.font = { bold: true };
    row.eachCell((c, col) => {
      c.border = BORDER;
      if (col > 1) {
        c.alignment = { horizontal: 'right' };
        if (voluntary(col - 2)) c.fill = VOLUNTARY;
      }
    });
  }
  sheet.addRow([]);
}

function cover(book: ExcelJS.Workbook, title: string, y: CollectionYear, source: string, options: WorkbookOptions, notes: string[]): void {
  const sheet = book.addWorksheet('Sign off');
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([]);
  for (const [k, v] of [
    ['Council', options.area],
    ['Reporting year', `${y.label} (1 April ${y.year} to 31 March ${y.year + 1})`],
    ['Produced', `${formatDateTime(options.generatedAt)}, from the records in Threshold`],
    ['Follows', source],
  ]) {
    const row = sheet.addRow([k, v]);
    row.getCell(1).font = { bold: true };
  }
  sheet.addRow([]);
  sheet.addRow(['Notes']).font = { bold: true };
  for (const n of notes) sheet.addRow([n]);
  if (options.hideSmall) sheet.addRow([HIDDEN_NOTE]);
  sheet.getColumn(1).width = 22;
  sheet.getColumn(2).width = 90;
}

function sheetOf(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name);
  sheet.getColumn(1).width = 58;
  for (let c = 2; c <= 6; c += 1) sheet.getColumn(c).width = 22;
  return sheet;
}

/** The SAC return as a workbook: sign off, SG1, SG2, SG3, SG4, and the local table of concern sources. */
export async function sacWorkbook(r: SacReturn, options: WorkbookOptions): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Threshold';
  book.created = options.generatedAt;
  const notes = [
    'White cells are mandatory and shaded (blue) cells voluntary, as in NHS England’s template: individuals in concerns and everything about other enquiries are voluntary.',
    'SG1 counts each individual once in each column of SG1a to SG1d, aged on 31 March (or on the day they died); SG1e counts cases. An adult no one put on the register counts once, as not known.',
    'SG2 to SG4 count enquiries concluded in the year, including those that ended early. SG2 counts an enquiry once under each different type, location and source of its risks; the total counts enquiries.',
    'SG3: an enquiry’s outcome is “risk identified” if any risk was removed, reduced or remains (action taken if any of those had action; the result is the worst of them), else ceased at the individual’s request, inconclusive, or no risk identified.',
  ];
  if (r.sg1.under18 > 0) notes.push(`${r.sg1.under18} individual(s) were under 18 on the day they were aged and are counted as age unknown: check their dates of birth.`);
  if (r.sg2.withoutRisk[0]! > 0 || r.sg2.withoutRisk[1]! > 0) notes.push(`Concluded enquiries with no risk recorded (in the SG2 totals, under no row): ${r.sg2.withoutRisk[0]} section 42, ${r.sg2.withoutRisk[1]} other.`);
  cover(book, 'Safeguarding Adults Collection (SAC)', r.year, SAC_GUIDANCE, options, notes);

  const enquiryVoluntary = (c: number) => c === 1;
  const sg1 = sheetOf(book, 'SG1 Demographics');
  for (const t of [r.sg1.age, r.sg1.sex, r.sg1.ethnicity]) writeTable(sg1, t, options, (c) => c !== 1);
  writeTable(sg1, r.sg1.supportReason, options, enquiryVoluntary);
  writeTable(sg1, r.sg1.cases, options, () => false);
  const sg2 = sheetOf(book, 'SG2 Case details');
  for (const t of [r.sg2.type, r.sg2.location, r.sg2.source]) writeTable(sg2, t, options, enquiryVoluntary);
  const sg3 = sheetOf(book, 'SG3 Outcomes');
  writeTable(sg3, r.sg3.outcome, options, (c) => c >= 2);
  writeTable(sg3, r.sg3.result, options, enquiryVoluntary);
  const sg4 = sheetOf(book, 'SG4 MSP and capacity');
  for (const t of [r.sg4.asked, r.sg4.achieved, r.sg4.capacity, r.sg4.support]) writeTable(sg4, t, options, enquiryVoluntary);
  const local = sheetOf(book, 'Local concern sources');
  writeTable(local, r.concernSources, options, () => false);
  const groups = sourceGroupTotals(r.concernSources);
  local.addRow(['Social care staff (council and independent)', value(groups.social_care, options.hideSmall)]);
  local.addRow(['Health staff', value(groups.health, options.hideSmall)]);
  local.addRow(['Other sources of referral', value(groups.other, options.hideSmall)]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The DoLS counts as rows: label and count (and, for the share in time, the per cent). */
export function dolsRows(c: DolsCounts): { section: string; rows: { label: string; count: number; of?: number }[] }[] {
  return [
    {
      section: 'Applications received in the year',
      rows: [
        { label: 'All applications received', count: c.received.total },
        { label: 'Standard requests only', count: c.received.standard },
        { label: 'With an urgent authorisation', count: c.received.urgent },
        { label: 'From care homes', count: c.received.careHome },
        { label: 'From hospitals', count: c.received.hospital },
      ],
    },
    {
      section: 'Applications completed in the year',
      rows: [
        { label: 'Completed (granted or not granted)', count: c.completed.total },
        { label: 'Granted', count: c.completed.granted },
        { label: 'Not granted', count: c.completed.notGranted },
        { label: 'Completed within the statutory timeframe', count: c.completed.inTime, of: c.completed.total },
        { label: 'Standard requests completed within 21 days', count: c.completed.inTimeStandard, of: c.completed.standard },
        { label: 'Requests with an urgent authorisation completed before it expired', count: c.completed.inTimeUrgent, of: c.completed.urgent },
        { label: 'Withdrawn', count: c.withdrawn },
      ],
    },
    {
      section: `At the end of the year (31 March ${c.year.year + 1})`,
      rows: [
        { label: 'Applications not completed', count: c.notCompletedAtYearEnd },
        { label: 'Of which not allocated to an assessor', count: c.unallocatedAtYearEnd },
      ],
    },
  ];
}

export function percentText(count: number, of: number | undefined): string {
  if (of === undefined) return '';
  if (of === 0) return 'No figure';
  return `${((count / of) * 100).toFixed(1)}%`;
}

/** The MCA DoLS counts as a workbook: sign off, and the counts. */
export async function dolsWorkbook(c: DolsCounts, options: WorkbookOptions): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Threshold';
  book.created = options.generatedAt;
  cover(book, 'Mental Capacity Act 2005, Deprivation of Liberty Safeguards: counts', c.year, DOLS_COLLECTION, options, [
    'Completed applications are those granted or not granted in the year, by the date of the decision. Withdrawn applications are counted by the date they were withdrawn.',
    'In time: a standard request decided within 21 calendar days of receipt; a request with an urgent authorisation decided by the day that authorisation expires (7 days from the day it was given, 14 if extended), or 21 days from receipt if sooner.',
    'Not completed at the end of the year: received by 31 March and not decided or withdrawn by then; not allocated: with no assessor allocated by then.',
    'NHS England’s DoLS collection is a record-level return; these are the counts its published tables report, from the same records.',
  ]);
  const sheet = sheetOf(book, 'DoLS counts');
  for (const s of dolsRows(c)) {
    sheet.addRow([s.section]).font = { bold: true, size: 12 };
    const header = sheet.addRow(['', 'Count', 'Per cent']);
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = HEADING;
      cell.border = BORDER;
    });
    for (const r of s.rows) {
      const hidden = options.hideSmall && (isSmallNumber(r.count) || isSmallNumber(r.of));
      const row = sheet.addRow([r.label, value(r.count, options.hideSmall), r.of === undefined ? '' : hidden ? 'c' : percentText(r.count, r.of)]);
      row.eachCell((cell, col) => {
        cell.border = BORDER;
        if (col > 1) cell.alignment = { horizontal: 'right' };
      });
    }
    sheet.addRow([]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
