/**
 * The designated officer's (LADO's) annual figures (`/measures/lado`): the seed LSCB report's section 7 as the
 * engine's measures (`domain/measures/cme-lado.ts`) for a financial year and the year before — allegations
 * progressed to the LADO process, advice queries, outcomes, allegations open (and open more than 3 months) at the
 * year end, median days from referral to outcome — each with its comparators, and the year's allegations by category
 * and employing sector, outcomes by outcome, and the queries that did not progress.
 *
 * The records behind a figure (`/measures/lado/records`) are allegations, the LADO's restricted records: listed only
 * to the designated officer's service (`ladoAllegationAccess`), linked to the allegation's page (which still asks
 * for a reason where the record rule does), and the viewing audited with the allegations shown.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type FastifyInstance } from 'fastify';
import { type Database, rows } from '../../db/client.js';
import { labelOf } from '../../domain/codes.js';
import { LADO_CATEGORIES, LADO_OUTCOMES, LADO_SECTORS, LADO_STATUSES } from '../../domain/lado.js';
import { LADO_MEASURES, LADO_TABLES } from '../../domain/measures/cme-lado.js';
import { type Period, periodContaining, previousPeriod } from '../../domain/measures/periods.js';
import { addDays } from '../../domain/time.js';
import { type CurrentUser, actorOf, can, requireUser } from '../../platform/authz.js';
import { allegationPath } from '../lado/paths.js';
import { type BoardServices, type RecordsQuery, boardPeriod, boardRows, boardTable, factsWhere, periodLinks, recordsHeading, recordsQuery } from './cme-board.js';
import { monthEndRecordId } from './cme-sources.js';
import { MEASURES_ROUTES, measuresPath } from './paths.js';

/** The LADO's annual figures in the seed report's order. */
export const LADO_BOARD_SCORECARD: readonly string[] = ['lado_allegations', 'lado_advice', 'lado_outcomes', 'lado_open', 'lado_open_over_3_months', 'lado_days_to_outcome'];

const LIMIT = 500;
const london = (column: SQL) => sql`((${column}) at time zone 'Europe/London')::date`;

/** How a LADO fact's record id leads back to its allegation. */
function ladoJoin(measureId: string): SQL {
  if (measureId === 'lado_open' || measureId === 'lado_open_over_3_months') return sql`${monthEndRecordId('lado-open', sql`a.id`, sql`f.period_date`)} = f.record_id`;
  return sql`a.id = f.record_id`;
}

/** The LADO record rule in SQL (`ladoAllegationAccess`): the designated officer's service only. */
function ladoVisible(user: CurrentUser): SQL {
  return user.permissions.has('lado:work') ? sql`a.owning_agency_id = ${user.agencyId}` : sql`false`;
}

export async function ladoRecords(db: Database, user: CurrentUser, query: RecordsQuery) {
  const from = sql`measure_fact f join lado_allegation a on a.tenant_id = f.tenant_id and ${ladoJoin(query.definition.id)}`;
  const where = factsWhere(user.tenantId, query);
  const visible = await rows<{
    id: string; reference: string; adult_name: string; role_title: string | null; employer_name: string | null; sector: string; category: string;
    received_on: string; status: string; outcome: string | null; outcome_on: string | null; value: number | null;
  }>(
    db,
    sql`select a.id::text, a.reference, a.adult_name, a.role_title, a.employer_name, a.sector, a.category, ${london(sql`a.received_at`)}::text as received_on,
               a.status, a.outcome, a.outcome_on::text, f.value
          from ${from} where ${where} and ${ladoVisible(user)} order by f.period_date, a.reference limit ${LIMIT}`,
  );
  const [total] = await rows<{ n: number; seen: number }>(db, sql`select count(*)::int as n, count(*) filter (where ${ladoVisible(user)})::int as seen from ${from} where ${where}`);
  return { visible, total: total?.n ?? 0, hidden: (total?.n ?? 0) - (total?.seen ?? 0) };
}

/** A link to the board for the 12 months to the last complete month. */
function rolling(p: Period, showing: Period) {
  return { key: p.key, label: p.label, href: measuresPath('lado', {}, { period: p.key }), current: p.key === showing.key };
}

export function registerLadoMeasureRoutes(app: FastifyInstance, services: BoardServices): void {
  const { measures } = services;

  app.get(MEASURES_ROUTES.lado, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const records = can(request, 'measures:records');
    const today = measures.today();
    const period = boardPeriod(request, ['financial_year', 'rolling_12_months'], 'a financial year or 12 months to a month, like FY2025-26 or R12-2026-11') ?? measures.lastComplete('financial_year', today);
    await measures.ensureFresh(user.tenantId);
    // The year before: for 12 months to a month, the 12 months before them (not the window a month earlier).
    const before = period.type === 'rolling_12_months' ? periodContaining('rolling_12_months', addDays(period.start, -1)) : previousPeriod(period);
    const years = [before, period];
    const tables = [];
    for (const t of LADO_TABLES) tables.push(await boardTable(services, user.tenantId, t, period, before, { hide: !records, recordsRoute: records ? 'ladoRecords' : null }));
    return reply.view('measures/views/lado.njk', {
      pageTitle: 'Allegations against people who work with children (LADO): annual figures',
      period,
      years,
      rows: await boardRows(services, user.tenantId, LADO_BOARD_SCORECARD, years, { hide: !records }),
      tables,
      // The financial years, and the latest 12 months (the year to date is the board's in-progress year).
      periods: [rolling(measures.lastComplete('rolling_12_months', today), period), ...periodLinks('lado', 'financial_year', today, period, 5)],
      canSeeRecords: records,
      backLink: { href: measuresPath('scorecard', {}), text: 'Measures' },
    });
  });

  app.get(MEASURES_ROUTES.ladoRecords, { config: { rule: 'measures:records' } }, async (request, reply) => {
    const user = requireUser(request);
    const query = recordsQuery(request, LADO_MEASURES, LADO_TABLES);
    await measures.ensureFresh(user.tenantId);
    const result = await ladoRecords(services.db, user, query);
    await services.audit.recordNow(actorOf(request), {
      action: 'measure.records_viewed',
      recordType: 'measure',
      details: { measure: query.definition.id, period: query.period.key, ...(query.slot ? { [query.table?.key ?? query.slot]: query.label } : {}), ladoAllegations: [...new Set(result.visible.map((r) => r.id))] },
    });
    const median = query.definition.unit === 'median_days';
    return reply.view('measures/views/cme-lado-records.njk', {
      pageTitle: `Allegations behind ${query.definition.title.toLowerCase()}`,
      heading: recordsHeading(query),
      definition: query.definition,
      head: ['Allegation', 'About', 'Sector', 'Category', 'Received on', 'Where it stands', ...(median ? ['Days to outcome'] : [])],
      rows: result.visible.map((r) => ({
        href: allegationPath(r.id),
        reference: r.reference,
        cells: [
          [r.adult_name, r.role_title, r.employer_name].filter(Boolean).join(', '),
          labelOf(LADO_SECTORS, r.sector),
          labelOf(LADO_CATEGORIES, r.category),
          r.received_on,
          r.outcome ? `${labelOf(LADO_STATUSES, r.status)}: ${labelOf(LADO_OUTCOMES, r.outcome).split(':')[0]} (${r.outcome_on})` : labelOf(LADO_STATUSES, r.status),
          ...(median ? [r.value === null ? '' : String(r.value)] : []),
        ],
      })),
      total: result.total,
      hidden: result.hidden,
      limit: LIMIT,
      hiddenWhy: 'allegations you may not open: they are the designated officer’s service’s only',
      backLink: {
        href: measuresPath('lado', {}, { period: query.period.type === 'financial_year' || query.period.type === 'rolling_12_months' ? query.period.key : periodContaining('financial_year', query.period.start).key }),
        text: 'LADO annual figures',
      },
    });
  });
}
