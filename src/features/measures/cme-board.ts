/**
 * The children missing education quarterly scorecard (`/measures/cme`): the seed report's CME scorecard as the
 * engine's measures (`domain/measures/cme-lado.ts`) for a quarter and the three before it — new referrals as children
 * and as families, recurrence, cases open at the end of the quarter, cases resolved, free school meals, ethnicity not
 * recorded — each with its comparators, and under them the quarter's referrals by resident locality, phase, year
 * group and ethnicity and its closures by outcome code, against the quarter before.
 *
 * The records behind a figure (`/measures/cme/records`) are CME referrals, not front-door contacts: they are listed
 * under the CME record rule (`cmeReferralAccess`: the CME service, or the school that referred, never a restricted
 * referral to a school), linked to the referral's own page, and the viewing audited with the referrals shown. The
 * helpers here (periods, rows, tables) serve the LADO's board too (`lado-board.ts`).
 */
import { type SQL, sql } from 'drizzle-orm';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type Database, rows } from '../../db/client.js';
import { outcomeText } from '../../domain/cme.js';
import { compare } from '../../domain/measures/compute.js';
import { type BoardTable, CME_MEASURES, CME_TABLES, LADO_MEASURES, NO_LOCALITY, NONE_RECORDED } from '../../domain/measures/cme-lado.js';
import { COMPARATOR_KINDS, type ComparatorKind, DIMENSIONS, type Dimension, type MeasureDefinition, measureById } from '../../domain/measures/definitions.js';
import { type Period, type PeriodType, financialYearOf, periodContaining, periodFromKey, periodsEnding, previousPeriod } from '../../domain/measures/periods.js';
import { addDays } from '../../domain/time.js';
import { type AuditTrail } from '../../platform/audit.js';
import { type CurrentUser, actorOf, can, requireUser } from '../../platform/authz.js';
import { badRequest } from '../../platform/errors.js';
import { referralPath } from '../cme/paths.js';
import { familyRecordId, monthEndRecordId } from './cme-sources.js';
import { MEASURES_ROUTES, measuresPath } from './paths.js';
import { comparatorText, countText, shareText } from './presenters.js';
import { type MeasureService } from './service.js';
import * as settings from './settings-repository.js';

export interface BoardServices {
  measures: MeasureService;
  db: Database;
  audit: AuditTrail;
}

/** The CME scorecard's figures in the seed report's order. */
export const CME_BOARD_SCORECARD: readonly string[] = ['cme_referrals', 'cme_families', 'cme_recurrent', 'cme_open', 'cme_resolved', 'cme_fsm', 'cme_ethnicity_not_recorded'];

const LIMIT = 500;

// ——— periods ———

/**
 * The period a measure is read for on a board showing `period`: the period itself when the measure is reported by
 * its type; for a number at the end of a month, the period's last month — or, while the period is in progress, the
 * last complete month in it (null before one has ended).
 */
export function measurePeriod(definition: MeasureDefinition, period: Period, lastCompleteMonth: Period): Period | null {
  if (definition.periods.includes(period.type)) return period;
  if (!definition.periods.includes('month')) return null;
  const last = periodContaining('month', addDays(period.end, -1));
  if (last.start <= lastCompleteMonth.start) return last;
  return lastCompleteMonth.start >= period.start ? lastCompleteMonth : null;
}

/** A period key from the address, of the board's type; undefined when none is given. */
export function boardPeriod(request: FastifyRequest, types: readonly PeriodType[], words: string): Period | undefined {
  const key = (request.query as Record<string, unknown>).period;
  if (key === undefined || key === '') return undefined;
  const period = typeof key === 'string' && key.length <= 20 ? periodFromKey(key) : undefined;
  if (!period || !types.includes(period.type)) throw badRequest(`The period in the address is not ${words}.`);
  return period;
}

/** Links to the board for the period in progress and the complete ones before it. */
export function periodLinks(route: 'cme' | 'lado', type: PeriodType, today: string, showing: Period, count: number) {
  const current = periodContaining(type, today);
  return periodsEnding(current, count)
    .reverse()
    .map((p) => ({ key: p.key, label: p.key === current.key ? `${p.label}, to date` : p.label, href: measuresPath(route, {}, { period: p.key }), current: p.key === showing.key }));
}

// ——— the figures ———

/**
 * One row per measure: its figure for each of the periods (oldest first; numbers from 1 to 5 hidden when `hide`),
 * a link to the measure for the last, and the comparators for the last period's financial year.
 */
export async function boardRows(services: BoardServices, tenantId: string, ids: readonly string[], periods: readonly Period[], options: { hide: boolean }) {
  const lastMonth = services.measures.lastComplete('month', services.measures.today());
  const out = [];
  for (const id of ids) {
    const definition = measureById(id)!;
    const read = periods.map((p) => measurePeriod(definition, p, lastMonth));
    const known = read.filter((p): p is Period => p !== null);
    const figures = new Map((await services.measures.figures(tenantId, definition, known)).map((f) => [f.period.key, f]));
    const cells = read.map((p) => {
      const f = p ? figures.get(p.key) : undefined;
      if (!p || !f) return { text: 'Not yet', note: '' };
      return { text: (options.hide ? f.published : f.figure).text, note: p.type === periods[0]!.type ? '' : `at the end of ${p.label}` };
    });
    const last = read[read.length - 1] ?? null;
    const lastFigure = last ? figures.get(last.key) : undefined;
    // A figure hidden from this viewer is not compared either (the comparison would tell it).
    const shown = lastFigure ? (options.hide ? lastFigure.published : lastFigure.figure) : null;
    const value = shown?.state === 'value' ? shown.value : null;
    const year = financialYearOf(addDays((last ?? periods[periods.length - 1]!).end, -1));
    const comparators = (await settings.comparators(services.db, tenantId, id))
      .filter((c) => c.year === year)
      .map((c) => ({
        text: comparatorText(definition, {
          kind: c.kind as ComparatorKind,
          label: COMPARATOR_KINDS[c.kind as ComparatorKind] ?? c.kind,
          value: c.value,
          year: c.year,
          source: c.source,
          change: value === null ? null : compare(definition, value, c.value),
        }),
        source: c.source,
      }));
    out.push({
      id,
      title: definition.title,
      description: definition.description,
      href: measuresPath('measure', { id }, last ? { period: last.key } : undefined),
      cells,
      comparators,
    });
  }
  return out;
}

/**
 * A table under a board's figures: a measure split by one slot of its facts for a period and the one before, every
 * code of the table's list in order (none found shown as 0), then anything else found, then "nothing recorded";
 * each count linked to the records behind it for those allowed.
 */
export async function boardTable(
  services: BoardServices,
  tenantId: string,
  table: BoardTable,
  period: Period,
  before: Period,
  options: { hide: boolean; recordsRoute: 'cmeRecords' | 'ladoRecords' | null; labels?: readonly string[] },
) {
  const definition = measureById(table.measureId)!;
  const lastMonth = services.measures.lastComplete('month', services.measures.today());
  const cur = measurePeriod(definition, period, lastMonth);
  const prev = measurePeriod(definition, before, lastMonth);
  const counts = async (p: Period | null) =>
    new Map(p ? (await services.measures.breakdown(tenantId, definition, table.slot as Dimension, p)).map((r) => [r.label, r.counts.numerator] as const) : []);
  const now = await counts(cur);
  const then = await counts(prev);
  const listed = [...(table.codes ? table.codes.map((c) => c.label) : (options.labels ?? []))];
  const others = [...new Set([...now.keys(), ...then.keys()])].filter((l) => !listed.includes(l) && l !== table.noneLabel && l !== NONE_RECORDED).sort();
  // A label the list already holds (the localities' list ends with "no locality") is not shown again.
  const last = [...new Set([table.noneLabel, NONE_RECORDED])].filter((l) => !listed.includes(l) && (now.has(l) || then.has(l) || l === table.noneLabel));
  const labels = [...listed, ...others, ...last];
  const total = [...now.values()].reduce((a, b) => a + b, 0);
  const totalBefore = [...then.values()].reduce((a, b) => a + b, 0);
  return {
    key: table.key,
    heading: table.heading,
    title: definition.title,
    href: measuresPath('measure', { id: definition.id }, cur ? { period: cur.key } : undefined),
    period: cur,
    before: prev,
    rows: labels.map((label) => {
      const n = now.get(label) ?? 0;
      return {
        label,
        count: countText(n, options.hide),
        share: total ? shareText(n, total, options.hide) : '',
        before: countText(then.get(label) ?? 0, options.hide),
        href: options.recordsRoute && cur && n > 0 ? measuresPath(options.recordsRoute, {}, { measure: definition.id, period: cur.key, table: table.key, label }) : null,
      };
    }),
    total: countText(total, options.hide),
    totalBefore: countText(totalBefore, options.hide),
    totalHref: options.recordsRoute && cur && total > 0 ? measuresPath(options.recordsRoute, {}, { measure: definition.id, period: cur.key }) : null,
  };
}

// ——— the records behind a figure ———

const SLOTS: Record<Dimension, SQL> = {
  agency: sql`coalesce((select a.name from agency a where a.id = f.agency_id), 'Not recorded')`,
  locality: sql`coalesce(f.locality, 'Not recorded')`,
  age_band: sql`coalesce(f.age_band, 'Not recorded')`,
  gender: sql`coalesce(f.gender, 'Not recorded')`,
  ethnicity: sql`coalesce(f.ethnicity, 'Not recorded')`,
  risk_level: sql`coalesce(f.risk_level, 'Not recorded')`,
};

export interface RecordsQuery {
  definition: MeasureDefinition;
  period: Period;
  /** The row asked for: a board table's, or one of the measure's own breakdowns (from the engine's breakdown pages). */
  table: BoardTable | null;
  slot: Dimension | null;
  label: string | null;
}

/** The measure, period and table row a records page is asked for, checked against the board's measures and tables (400 otherwise). */
export function recordsQuery(request: FastifyRequest, measures: readonly MeasureDefinition[], tables: readonly BoardTable[]): RecordsQuery {
  const q = request.query as Record<string, unknown>;
  const definition = typeof q.measure === 'string' ? measures.find((m) => m.id === q.measure) : undefined;
  if (!definition) throw badRequest('The measure in the address is not one of this board’s.');
  const period = typeof q.period === 'string' && q.period.length <= 20 ? periodFromKey(q.period) : undefined;
  if (!period) throw badRequest('The period in the address is not one Threshold knows, like FY2025-26-Q2, FY2025-26 or 2025-09.');
  if (!definition.periods.includes(period.type)) throw badRequest(`${definition.title} is not reported by ${period.type.replace(/_/g, ' ')}.`);
  const label = () => {
    if (typeof q.label !== 'string' || q.label.length === 0 || q.label.length > 200) throw badRequest('The row in the address is missing or too long.');
    return q.label;
  };
  if (q.dimension !== undefined && q.dimension !== '') {
    if (typeof q.dimension !== 'string' || !definition.breakdowns.includes(q.dimension as Dimension)) throw badRequest('The breakdown in the address is not one this measure has.');
    return { definition, period, table: null, slot: q.dimension as Dimension, label: label() };
  }
  if (q.table === undefined || q.table === '') return { definition, period, table: null, slot: null, label: null };
  const table = typeof q.table === 'string' ? tables.find((t) => t.key === q.table && t.measureId === definition.id) : undefined;
  if (!table) throw badRequest('The table in the address is not one this measure has.');
  return { definition, period, table, slot: table.slot, label: label() };
}

/**
 * The board's records page for a CME or LADO measure's records (the engine's records page lists front-door contacts,
 * which these are not): the same period and breakdown row, or null for any other measure.
 */
export function boardRecordsAddress(measureId: string, query: Record<string, unknown>): string | null {
  const route = CME_MEASURES.some((m) => m.id === measureId) ? 'cmeRecords' : LADO_MEASURES.some((m) => m.id === measureId) ? 'ladoRecords' : null;
  if (!route) return null;
  const pick = (k: string) => (typeof query[k] === 'string' ? (query[k] as string) : undefined);
  return measuresPath(route, {}, { measure: measureId, period: pick('period'), dimension: pick('dimension'), label: pick('label') });
}

/** The facts of a figure (and table row): counted on top only for a count or a median. */
export function factsWhere(tenantId: string, query: RecordsQuery): SQL {
  const { definition, period, slot: dimension, label } = query;
  const slot = dimension ? SLOTS[dimension] : undefined;
  return sql`f.tenant_id = ${tenantId} and f.measure_id = ${definition.id} and f.period_date >= ${period.start} and f.period_date < ${period.end}
             ${definition.unit === 'percent' ? sql`` : sql`and f.numerator`} ${slot && label !== null ? sql`and ${slot} = ${label}` : sql``}`;
}

const london = (column: SQL) => sql`((${column}) at time zone 'Europe/London')::date`;

/** How a CME fact's record id leads back to its referrals (a family's fact to each of its children in the quarter). */
function cmeJoin(measureId: string): SQL {
  if (measureId === 'cme_families') return sql`${familyRecordId(sql`r.family_key`, sql`date_trunc('quarter', ${london(sql`r.referred_at`)})::date`)} = f.record_id`;
  if (measureId === 'cme_open') return sql`${monthEndRecordId('cme-open', sql`r.id`, sql`f.period_date`)} = f.record_id`;
  return sql`r.id = f.record_id`;
}

/** The CME record rule in SQL (`cmeReferralAccess`): the CME service; a school, its own unrestricted referrals. */
function cmeVisible(user: CurrentUser): SQL {
  if (user.permissions.has('cme:work')) return sql`true`;
  if (user.permissions.has('cme:refer')) return sql`(r.referring_agency_id = ${user.agencyId} and not r.restricted)`;
  return sql`false`;
}

export async function cmeRecords(db: Database, user: CurrentUser, query: RecordsQuery) {
  const from = sql`measure_fact f join cme_referral r on r.tenant_id = f.tenant_id and ${cmeJoin(query.definition.id)}`;
  const where = factsWhere(user.tenantId, query);
  const visible = await rows<{ id: string; reference: string; child_name: string; referred_on: string; status: string; outcome_code: string | null; found_at: string | null; numerator: boolean; period_date: string }>(
    db,
    sql`select r.id::text, r.reference, r.child_name, ${london(sql`r.referred_at`)}::text as referred_on, r.status, r.outcome_code, r.found_at, f.numerator, f.period_date::text
          from ${from} where ${where} and ${cmeVisible(user)} order by f.period_date, r.reference limit ${LIMIT}`,
  );
  const [total] = await rows<{ n: number; seen: number }>(db, sql`select count(*)::int as n, count(*) filter (where ${cmeVisible(user)})::int as seen from ${from} where ${where}`);
  return { visible, total: total?.n ?? 0, hidden: (total?.n ?? 0) - (total?.seen ?? 0) };
}

/** The heading of a records page: the measure, its period, and the table row when there is one. */
export function recordsHeading(query: RecordsQuery): string {
  const row = query.table ? `: ${query.table.heading.toLowerCase()}, ${query.label}` : query.slot ? `: by ${DIMENSIONS[query.slot].toLowerCase()}, ${query.label}` : '';
  return `${query.definition.title}, ${query.definition.periods[0] === 'month' && query.definition.unit === 'count' ? `at the end of ${query.period.label}` : query.period.label}${row}`;
}

// ——— routes ———

export function registerCmeMeasureRoutes(app: FastifyInstance, services: BoardServices): void {
  const { measures } = services;

  app.get(MEASURES_ROUTES.cme, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const records = can(request, 'measures:records');
    const today = measures.today();
    const period = boardPeriod(request, ['quarter'], 'a quarter, like FY2025-26-Q2') ?? measures.lastComplete('quarter', today);
    await measures.ensureFresh(user.tenantId);
    const quarters = periodsEnding(period, 4);
    const localities = (await rows<{ name: string }>(services.db, sql`select name from locality where tenant_id = ${user.tenantId} order by name`)).map((l) => l.name);
    const tables = [];
    for (const t of CME_TABLES) {
      tables.push(
        await boardTable(services, user.tenantId, t, period, previousPeriod(period), { hide: !records, recordsRoute: records ? 'cmeRecords' : null, labels: t.key === 'locality' ? [...localities, NO_LOCALITY] : undefined }),
      );
    }
    return reply.view('measures/views/cme.njk', {
      pageTitle: 'Children missing education: quarterly scorecard',
      period,
      quarters,
      rows: await boardRows(services, user.tenantId, CME_BOARD_SCORECARD, quarters, { hide: !records }),
      tables,
      periods: periodLinks('cme', 'quarter', today, period, 9),
      canSeeRecords: records,
      backLink: { href: measuresPath('scorecard', {}), text: 'Measures' },
    });
  });

  app.get(MEASURES_ROUTES.cmeRecords, { config: { rule: 'measures:records' } }, async (request, reply) => {
    const user = requireUser(request);
    const query = recordsQuery(request, CME_MEASURES, CME_TABLES);
    await measures.ensureFresh(user.tenantId);
    const result = await cmeRecords(services.db, user, query);
    await services.audit.recordNow(actorOf(request), {
      action: 'measure.records_viewed',
      recordType: 'measure',
      details: { measure: query.definition.id, period: query.period.key, ...(query.slot ? { [query.table?.key ?? query.slot]: query.label } : {}), cmeReferrals: [...new Set(result.visible.map((r) => r.id))] },
    });
    const percent = query.definition.unit === 'percent';
    return reply.view('measures/views/cme-lado-records.njk', {
      pageTitle: `Children behind ${query.definition.title.toLowerCase()}`,
      heading: recordsHeading(query),
      definition: query.definition,
      head: ['Referral', 'Child', 'Referred on', 'Where it stands', ...(percent ? [query.definition.numerator] : [])],
      rows: result.visible.map((r) => ({
        href: referralPath(r.id),
        reference: r.reference,
        cells: [
          r.child_name,
          r.referred_on,
          r.status === 'closed' ? `Closed: ${outcomeText(r.outcome_code, r.found_at)}` : 'Open',
          ...(percent ? [r.numerator ? 'Yes' : 'No'] : []),
        ],
      })),
      total: result.total,
      hidden: result.hidden,
      limit: LIMIT,
      hiddenWhy: 'referrals you may not open: a school sees only its own, and a restricted referral is the CME service’s only',
      backLink: { href: measuresPath('cme', {}, { period: query.period.type === 'quarter' ? query.period.key : periodContaining('quarter', query.period.start).key }), text: 'Children missing education: quarterly scorecard' },
    });
  });
}
