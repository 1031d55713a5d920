/**
 * What leaves the service for the boards: the trend chart, the scorecard as CSV and XLSX, and the board report.
 * Everything published hides small numbers (1 to 5) and any figure built on them.
 */
import ExcelJS from 'exceljs';
import { formatMonth } from '../../domain/dates.js';
import { type MeasureDefinition } from '../../domain/measures/definitions.js';
import { SUPPRESS_UP_TO, isSmallNumber } from '../../domain/measures/compute.js';
import { type Series, lineChart } from '../../platform/charts.js';
import { toCsv } from '../../platform/csv.js';
import { scorecardRows, unitLabel } from './presenters.js';
import { type ScorecardItem } from './service.js';

/** Short labels for the x axis: months as "Nov 26", others by their key. */
function shortLabel(item: ScorecardItem['trend'][number]): string {
  const p = item.period;
  if (p.type === 'month') return formatMonth(p.start, { short: true });
  if (p.type === 'rolling_12_months') return `to ${formatMonth(p.key.slice(4), { short: true })}`;
  return p.key.replace(/^FY/, '');
}

/** The trend with its target and comparators, as an accessible SVG, and the same data as table rows. */
export async function trendChart(definition: MeasureDefinition, item: ScorecardItem, options: { published?: boolean } = {}) {
  const figure = (t: ScorecardItem['trend'][number]) => (options.published ? t.published : t.figure);
  const labels = item.trend.map(shortLabel);
  const series: Series[] = [
    { name: definition.title, style: 'solid', points: item.trend.map((t, i) => ({ x: labels[i]!, y: figure(t).state === 'value' ? (figure(t) as { value: number }).value : null })) },
  ];
  if (item.target && definition.polarity !== 'neutral') series.push({ name: 'Target', style: 'dashed', points: labels.map((x) => ({ x, y: item.target!.value })) });
  for (const c of item.comparators) series.push({ name: `${c.label} ${c.year}`, style: 'dotted', points: labels.map((x) => ({ x, y: c.value })) });
  const values = item.trend.map((t) => figure(t)).filter((f) => f.state === 'value') as { value: number; text: string }[];
  const last = figure(item.trend[item.trend.length - 1]!);
  const description =
    values.length === 0
      ? `No figures to draw for these periods.`
      : `${definition.title} from ${item.trend[0]!.period.label} to ${item.current.period.label}: lowest ${values.reduce((a, b) => (b.value < a.value ? b : a)).text}, highest ${values.reduce((a, b) => (b.value > a.value ? b : a)).text}, latest ${last.text}.` +
        (item.target && definition.polarity !== 'neutral' ? ` The target is ${item.target.value}.` : '') +
        ' The same figures are in the table below.';
  const svg = await lineChart({
    id: `trend-${definition.id}`,
    title: `${definition.title}, ${item.trend.length} periods`,
    description,
    yTitle: unitLabel(definition),
    series,
  });
  return {
    svg,
    table: item.trend.map((t) => ({
      period: t.period.label,
      value: figure(t).text,
      numerator: options.published && isSmallNumber(t.counts.numerator) ? 'c' : t.counts.numerator,
      denominator: t.counts.denominator === null || t.counts.denominator === undefined ? null : options.published && isSmallNumber(t.counts.denominator) ? 'c' : t.counts.denominator,
    })),
  };
}

const HEADER = ['Measure', 'Period', 'Value', 'Numerator', 'Denominator', 'RAG', 'Target', 'Compared with the period before', 'Comparators', 'Owner', 'What it measures', 'Definition', 'Source'];

/** The scorecard as rows for export, published figures only (small numbers hidden). */
function exportRows(items: readonly ScorecardItem[]) {
  const rows = scorecardRows(items, { published: true });
  return rows.map((r, i) => {
    const item = items[i]!;
    const count = (n: number | null) => (n === null ? '' : isSmallNumber(n) ? 'c' : n);
    return [
      r.title,
      r.period,
      r.value,
      count(r.numerator),
      item.definition.unit === 'percent' ? count(r.denominator) : '',
      r.rag?.text ?? '',
      r.target,
      r.change,
      r.comparators.join('; '),
      r.owner ?? '',
      item.definition.description,
      item.definition.follows.text,
      item.definition.follows.source,
    ] as (string | number)[];
  });
}

const NOTE = `c = hidden: fewer than ${SUPPRESS_UP_TO + 1} records, or built on such a number`;

export function scorecardCsv(items: readonly ScorecardItem[]): string {
  return toCsv(HEADER, [...exportRows(items), [NOTE]]);
}

export async function scorecardXlsx(items: readonly ScorecardItem[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Threshold';
  book.created = new Date();
  const sheet = book.addWorksheet('Scorecard');
  sheet.addRow(HEADER).font = { bold: true };
  for (const row of exportRows(items)) {
    // Text stays text: a cell is never written as a formula.
    sheet.addRow(row.map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v)));
  }
  sheet.addRow([]);
  sheet.addRow([NOTE]);
  sheet.columns.forEach((c, i) => (c.width = [34, 22, 12, 11, 12, 20, 30, 40, 40, 20, 50, 60, 50][i] ?? 20));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const trends = book.addWorksheet('Trends');
  trends.addRow(['Measure', 'Period', 'Value', 'Numerator', 'Denominator']).font = { bold: true };
  for (const item of items) {
    for (const t of item.trend) {
      trends.addRow([
        item.definition.title,
        t.period.label,
        t.published.text,
        isSmallNumber(t.counts.numerator) ? 'c' : t.counts.numerator,
        item.definition.unit === 'percent' ? (isSmallNumber(t.counts.denominator) ? 'c' : (t.counts.denominator ?? '')) : '',
      ]);
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The data for the board report template: per measure, the published figure, its chart and the commentary. */
export async function reportModel(items: readonly ScorecardItem[], commentaries: readonly ({ working_well: string | null; worried_about: string | null; going_to_do: string | null } | undefined)[]) {
  const rows = scorecardRows(items, { published: true });
  return Promise.all(
    items.map(async (item, i) => ({
      row: rows[i]!,
      definition: item.definition,
      chart: await trendChart(item.definition, item, { published: true }),
      commentary: commentaries[i] ?? null,
    })),
  );
}
