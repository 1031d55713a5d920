/** Words and tags for figures: RAG, direction of travel, comparators — never colour alone. */
import { MADA_DECISIONS } from '../../domain/domestic-abuse.js';
import { type Change, type Figure, type Rag, figureOf, formatValue, isSmallNumber, ragOf } from '../../domain/measures/compute.js';
import { LAG_BANDS, type MeasureDefinition, UNITS } from '../../domain/measures/definitions.js';
import { CHILD_MEASURES } from '../../domain/measures/children.js';
import { CME_MEASURES, LADO_MEASURES } from '../../domain/measures/cme-lado.js';
import { PARTNERSHIP_MEASURES } from '../../domain/measures/partnership.js';
import { type MeasureService, type ScorecardItem } from './service.js';
import { measuresPath } from './paths.js';

export function ragTag(rag: Rag | null): { text: string; classes: string } | null {
  switch (rag) {
    case 'green':
      return { text: 'Green: on target', classes: 'govuk-tag--green' };
    case 'amber':
      return { text: 'Amber: near target', classes: 'govuk-tag--yellow' };
    case 'red':
      return { text: 'Red: off target', classes: 'govuk-tag--red' };
    default:
      return null;
  }
}

export function changeText(definition: MeasureDefinition, change: Change | null, other: Figure, what: string): string {
  if (!change || other.state !== 'value') return `No figure for ${what} to compare with`;
  if (change.direction === 'same') return `Same as ${what} (${other.text})`;
  const judged = change.judgement === 'no judgement' ? '' : `, ${change.judgement}`;
  return `${change.direction === 'up' ? 'Up' : 'Down'} from ${other.text} ${what}${judged}`;
}

export function targetText(definition: MeasureDefinition, target: { value: number; tolerance: number } | undefined): string {
  if ((!target || definition.polarity === 'neutral') && definition.expected) return `No target: ${expectedText(definition)}`;
  if (!target || definition.polarity === 'neutral') return 'No target: activity to watch';
  const v = formatValue(definition, target.value);
  return `${definition.polarity === 'up' ? 'At least' : 'At most'} ${v} (amber within ${formatValue({ ...definition, unit: definition.unit === 'percent' ? 'count' : definition.unit }, target.tolerance)}${definition.unit === 'percent' ? ' points' : ''})`;
}

/** "SafeLives expects 28.0% to 40.0%". */
export function expectedText(definition: MeasureDefinition): string {
  const e = definition.expected;
  return e ? `${e.source} expects ${formatValue(definition, e.from)} to ${formatValue(definition, e.to)}` : '';
}

/** Where a figure stands against the range expected of it, in words ("" when the measure has none). */
export function expectedJudgement(definition: MeasureDefinition, figure: Figure): string {
  const e = definition.expected;
  if (!e || figure.state !== 'value') return '';
  if (figure.value < e.from) return `Below the range ${e.source} expects (${formatValue(definition, e.from)} to ${formatValue(definition, e.to)})`;
  if (figure.value > e.to) return `Above the range ${e.source} expects (${formatValue(definition, e.from)} to ${formatValue(definition, e.to)})`;
  return `Within the range ${e.source} expects (${formatValue(definition, e.from)} to ${formatValue(definition, e.to)})`;
}

export function comparatorText(definition: MeasureDefinition, c: ScorecardItem['comparators'][number]): string {
  const v = formatValue(definition, c.value);
  if (!c.change) return `${c.label} ${v}`;
  if (c.change.direction === 'same') return `${c.label} ${v}: the same`;
  const judged = c.change.judgement === 'no judgement' ? (c.change.direction === 'up' ? 'higher' : 'lower') : c.change.judgement;
  return `${c.label} ${v}: ours is ${judged}`;
}

export function unitLabel(definition: MeasureDefinition): string {
  return UNITS[definition.unit].label;
}

/** The scorecard as rows for a table, a spreadsheet or the board report. */
/** The scorecard's filters a home page's counts open: measures off target (red), and measures with no figure (data missing). */
export const SCORECARD_SHOWS = ['red', 'none'] as const;
export type ScorecardShow = (typeof SCORECARD_SHOWS)[number];

/** The scorecard's measures a filter keeps: the list and the home page's count both use this. */
export function scorecardShow(items: readonly ScorecardItem[], show: ScorecardShow | null): ScorecardItem[] {
  if (show === 'none') return items.filter((i) => i.current.figure.state === 'none');
  if (show === 'red') return items.filter((i) => i.current.figure.state === 'value' && i.rag === 'red');
  return [...items];
}

/** The boards' groups of measures, in the order the measures index lists them. */
const MEASURE_GROUPS = [
  { title: 'The front door', test: (m: MeasureDefinition) => !/^(da|marac|idva|encompass|adult|dols)_/.test(m.id) },
  { title: 'Domestic abuse', test: (m: MeasureDefinition) => /^(da|marac|idva|encompass)_/.test(m.id) },
  { title: 'Adults’ safeguarding and DoLS', test: (m: MeasureDefinition) => /^(adult|dols)_/.test(m.id) },
  { title: 'Children’s safeguarding', test: (m: MeasureDefinition) => CHILD_MEASURES.includes(m) },
  { title: 'Children missing education', test: (m: MeasureDefinition) => CME_MEASURES.includes(m) },
  { title: 'Allegations against people who work with children (LADO)', test: (m: MeasureDefinition) => LADO_MEASURES.includes(m) },
  { title: 'The partnership’s own work', test: (m: MeasureDefinition) => PARTNERSHIP_MEASURES.includes(m) },
] as const;

/**
 * Measures grouped by the board or service they belong to (each measure in the first group it fits; children's,
 * CME, LADO and partnership measures by their lists, the rest by their id), leaving out empty groups.
 */
export function measureGroups<M extends MeasureDefinition>(measures: readonly M[]): { title: string; measures: M[] }[] {
  const special = (m: MeasureDefinition) => CHILD_MEASURES.includes(m) || CME_MEASURES.includes(m) || LADO_MEASURES.includes(m) || PARTNERSHIP_MEASURES.includes(m);
  const placed = new Set<M>();
  return MEASURE_GROUPS.map((g, i) => {
    const ms = measures.filter((m) => !placed.has(m) && (i > 2 || !special(m)) && g.test(m));
    for (const m of ms) placed.add(m);
    return { title: g.title, measures: ms };
  }).filter((g) => g.measures.length > 0);
}

export function scorecardRows(items: readonly ScorecardItem[], options: { published: boolean }) {
  return items.map((i) => {
    const figure = options.published ? i.current.published : i.current.figure;
    const previous = options.published ? i.previous.published : i.previous.figure;
    return {
      id: i.definition.id,
      title: i.definition.title,
      description: i.definition.description,
      period: i.current.period.label,
      periodKey: i.current.period.key,
      value: figure.text,
      smallNumbers: figure.state === 'value' && figure.smallNumbers,
      suppressed: figure.state === 'suppressed',
      numerator: i.current.counts.numerator,
      denominator: i.current.counts.denominator ?? null,
      rag: figure.state === 'value' ? ragTag(i.rag) : null,
      target: targetText(i.definition, i.target),
      change: figure.state === 'value' ? changeText(i.definition, i.change, previous, `the period before (${i.previous.period.label})`) : 'Not compared: no figure',
      comparators: figure.state === 'value' ? i.comparators.map((c) => comparatorText(i.definition, c)) : [],
      owner: i.owner?.name ?? null,
    };
  });
}

/** The facts beside a measure's figure, as summary list rows. */
export function measureSummaryRows(item: ScorecardItem) {
  const d = item.definition;
  const counts = item.current.counts;
  const rows: { key: { text: string }; value: { text?: string; html?: string } }[] = [{ key: { text: 'Counted' }, value: { text: `${d.numerator}: ${counts.numerator.toLocaleString('en-GB')}` } }];
  if (d.unit === 'percent') rows.push({ key: { text: 'Out of' }, value: { text: `${d.denominator}: ${(counts.denominator ?? 0).toLocaleString('en-GB')}` } });
  if (d.unit === 'rate_per_10k') rows.push({ key: { text: 'Population' }, value: { text: counts.population ? counts.population.toLocaleString('en-GB') : 'Not recorded for this year' } });
  rows.push({ key: { text: 'Target' }, value: { text: targetText(d, item.target) } });
  rows.push({ key: { text: 'Compared with the period before' }, value: { text: changeText(d, item.change, item.previous.figure, `the period before (${item.previous.period.label})`) } });
  rows.push({ key: { text: 'Comparators' }, value: { text: item.comparators.length ? item.comparators.map((c) => comparatorText(d, c)).join('; ') : 'None recorded for this year' } });
  rows.push({ key: { text: 'Owner' }, value: { text: item.owner?.name || 'Not set' } });
  return rows;
}

// ——— the domestic abuse page ———

type DomesticAbuseModel = Awaited<ReturnType<MeasureService['domesticAbuse']>>;
type PageMeasure = DomesticAbuseModel['marac']['cases'];

/** A count as shown: hidden ("c") when it is 1 to 5 and small numbers are hidden for this viewer. */
export function countText(n: number, hide: boolean): string {
  return hide && isSmallNumber(n) ? 'c' : n.toLocaleString('en-GB');
}

/** A share of a total as shown: hidden when either count is a small number and small numbers are hidden. */
export function shareText(n: number, total: number, hide: boolean): string {
  return figureOf({ unit: 'percent', decimals: 1 }, { numerator: n, denominator: total }, { published: hide }).text;
}

const RISK_ORDER = ['High (police)', 'High', 'Medium (police)', 'Medium', 'Standard (police)', 'Standard', 'Not graded', 'Not recorded'];
const riskRank = (label: string) => {
  const i = RISK_ORDER.indexOf(label);
  return i < 0 ? RISK_ORDER.length : i;
};
const byRisk = (a: string, b: string) => riskRank(a) - riskRank(b) || a.localeCompare(b);

const SERVICE_NAMES: Record<string, string> = { idva: 'IDVA service', commissioned: 'Commissioned service (standard and medium risk)' };

/**
 * The domestic abuse page's view data: every count and share hidden as the engine hides them when `hide` (the
 * viewer may not see the records behind the figures), and each measure linked to its own page for the period.
 */
export function domesticAbuseView(model: DomesticAbuseModel, options: { hide: boolean }) {
  const { hide } = options;
  const { period } = model;
  const figure = (m: PageMeasure) => (hide ? m.published : m.figure);
  /** A measure's figure for the period, with what it is measured against, as summary list rows. */
  const headline = (m: PageMeasure, options: { notReported?: string; extra?: { key: string; value: string | null }[] } = {}) => {
    const f = figure(m);
    const rows: { key: string; value: string }[] = [{ key: 'Value', value: m.reported ? f.text : (options.notReported ?? 'Not reported for this period') }];
    if (m.reported && f.state !== 'value') rows.push({ key: 'Why there is no figure', value: f.reason.charAt(0).toUpperCase() + f.reason.slice(1) });
    for (const e of options.extra ?? []) if (e.value) rows.push({ key: e.key, value: e.value });
    if (m.reported && (m.definition.target || !m.definition.expected)) rows.push({ key: 'Target', value: targetText(m.definition, m.definition.target) });
    const expected = m.reported ? expectedJudgement(m.definition, f) : '';
    if (expected) rows.push({ key: 'Against what is expected', value: expected });
    return {
      id: m.definition.id,
      title: m.definition.title,
      description: m.definition.description,
      href: measuresPath('measure', { id: m.definition.id }, { period: m.reported ? period.key : undefined }),
      value: rows[0]!.value,
      summary: rows,
      rag: m.reported && f.state === 'value' && m.definition.target ? ragTag(ragOf(m.definition.polarity, f.value, m.definition.target)) : null,
    };
  };

  // Notifications by the police risk grading they came with.
  const notificationTotal = model.notifications.counts.numerator;
  const notifications = {
    ...headline(model.notifications),
    rows: [...model.notifications.byRisk]
      .sort((a, b) => byRisk(a.label, b.label))
      .map((r) => ({ label: r.label, count: countText(r.counts.numerator, hide), share: shareText(r.counts.numerator, notificationTotal, hide) })),
    total: countText(notificationTotal, hide),
  };

  // The lag from incident to receipt: the share in each band, and the median, by risk level.
  const lagDefinition = model.lag.definition;
  const risks = [...new Set([...model.lag.byRisk.map((r) => r.label), ...model.lag.bands.map((b) => b.risk_level)])].sort(byRisk);
  const bandCounts = (risk: string | null) => LAG_BANDS.map((_, i) => model.lag.bands.filter((b) => (risk === null || b.risk_level === risk) && b.band === i).reduce((n, b) => n + b.n, 0));
  const lagRow = (label: string, counts: number[], median: Figure) => {
    const all = counts.reduce((a, b) => a + b, 0);
    return { label, total: countText(all, hide), median: median.text, bands: counts.map((n) => ({ count: countText(n, hide), share: shareText(n, all, hide) })) };
  };
  const lag = {
    ...headline(model.lag),
    bands: LAG_BANDS,
    rows: risks.map((risk) => {
      const b = model.lag.byRisk.find((r) => r.label === risk);
      const median = b ? (hide ? b.published : b.figure) : figureOf(lagDefinition, { numerator: 0, median: null }, { published: hide });
      return lagRow(risk, bandCounts(risk), median);
    }),
    all: lagRow('All', bandCounts(null), figure(model.lag)),
  };

  // The daily triage: decisions for the households decided in the period (a household can have several).
  const decided = model.mada.households;
  const mada = {
    households: countText(decided, hide),
    awaiting: countText(model.mada.awaiting, hide),
    rows: MADA_DECISIONS.map((d) => {
      const n = model.mada.byDecision.find((x) => x.decision === d.code)?.n ?? 0;
      return { label: d.label, count: countText(n, hide), share: shareText(n, decided, hide) };
    }),
  };

  const rate = model.marac.rate;
  const marac = {
    cases: headline(model.marac.cases),
    rate: headline(rate, {
      notReported: 'Reported by financial year or rolling 12 months: choose one of those periods',
      extra: [{ key: 'Population', value: rate.reported && rate.counts.population ? `${rate.counts.population.toLocaleString('en-GB')} women aged 16 and over` : null }],
    }),
    repeats: headline(model.marac.repeats, {
      extra: [{ key: 'Repeats of all referrals', value: `${countText(model.marac.repeats.counts.numerator, hide)} of ${countText(model.marac.repeats.counts.denominator ?? 0, hide)}` }],
    }),
  };

  const idva = {
    referrals: headline(model.idva.referrals),
    caseload: model.idva.caseload.map((w) => ({
      worker: w.worker,
      open: countText(w.open, hide),
      high: countText(w.high, hide),
      changedWorker: countText(w.handed_over_before, hide),
      handoversIn: countText(w.handovers_in, hide),
      handoversOut: countText(w.handovers_out, hide),
    })),
    services: model.idva.changes.map((c) => ({
      service: SERVICE_NAMES[c.service] ?? c.service,
      open: countText(c.open, hide),
      riskChanges: countText(c.risk_changes, hide),
      handovers: countText(c.handovers, hide),
    })),
  };

  const o = model.encompass.outcomes;
  const due = o.in_time + o.late + o.not_sent;
  const encompass = {
    ...headline(model.encompass, { extra: [{ key: 'Waiting for a school or setting now', value: countText(model.encompass.needingSetting, hide) }] }),
    rows: [
      { label: 'Sent before the start of the next school day', n: o.in_time },
      { label: 'Sent late', n: o.late },
      { label: 'Not sent (missed)', n: o.not_sent },
    ].map((r) => ({ label: r.label, count: countText(r.n, hide), share: shareText(r.n, due, hide) })),
    due: countText(due, hide),
  };

  const waitingTotal = model.waiting.reduce((n, w) => n + w.n, 0);
  const longest = (n: number, days: number | null) => (n === 0 || days === null ? 'Nobody waiting' : hide && isSmallNumber(n) ? 'c' : days === 0 ? 'Referred today' : days === 1 ? '1 day' : `${days.toLocaleString('en-GB')} days`);
  const waiting = {
    rows: model.waiting.map((w) => ({ label: w.risk === 'medium' ? 'Medium risk' : 'Standard risk', count: countText(w.n, hide), longest: longest(w.n, w.longest) })),
    total: {
      count: countText(waitingTotal, hide),
      longest: longest(
        waitingTotal,
        model.waiting.reduce<number | null>((m, w) => (w.longest === null ? m : Math.max(m ?? 0, w.longest)), null),
      ),
    },
  };

  return { period, notifications, lag, mada, marac, idva, encompass, waiting };
}
