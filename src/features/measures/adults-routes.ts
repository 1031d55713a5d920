/**
 * The adults' pages of the measures: the adults' board scorecard (and its spreadsheet), and the returns to NHS
 * England — the Safeguarding Adults Collection tables and the MCA DoLS counts — for a collection year. Registered by
 * `registerMeasureRoutes`; everyone who may see the measures may see these, with numbers from 1 to 5 hidden unless
 * they may also open the records behind figures.
 */
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type Database } from '../../db/client.js';
import { isSmallNumber } from '../../domain/measures/compute.js';
import { FIRST_REFERENCE_YEAR } from '../../domain/measures/reference.js';
import { financialYearOf } from '../../domain/measures/periods.js';
import { collectionYear } from '../../domain/sac.js';
import { can, requireUser } from '../../platform/authz.js';
import { badRequest } from '../../platform/errors.js';
import { type OrganisationService } from '../organisations/service.js';
import { adultsBoardItems, returnYears, riskTables } from './adults-board.js';
import { scorecardXlsx } from './outputs.js';
import { scorecardRows } from './presenters.js';
import { dolsRows, dolsWorkbook, loadDols, loadSac, percentText, sacWorkbook } from './sac-return.js';
import { censusSection } from './census-routes.js';
import { MEASURES_ROUTES, measuresPath } from './paths.js';
import { type MeasureService } from './service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerAdultMeasureRoutes(app: FastifyInstance, services: { measures: MeasureService; organisations: OrganisationService; db: Database }): void {
  const { measures, db } = services;
  const today = () => measures.today();

  /** The collection year in the address (`?year=2026` for 2026-27), or the last complete one. */
  function yearOf(request: FastifyRequest): number {
    const current = financialYearOf(today());
    const raw = (request.query as Record<string, unknown>).year;
    if (raw === undefined || raw === '') return current - 1;
    const first = collectionYear(FIRST_REFERENCE_YEAR).label;
    const last = collectionYear(current).label;
    if (typeof raw !== 'string' || !/^\d{4}$/.test(raw)) throw badRequest(`The year in the address must be the year a collection year starts, like ${current - 1} for ${collectionYear(current - 1).label}.`);
    const year = Number(raw);
    if (year < FIRST_REFERENCE_YEAR || year > current) throw badRequest(`There is no return for ${collectionYear(year).label}: choose a year from ${first} to ${last}.`);
    return year;
  }

  const area = async (tenantId: string) => (await services.organisations.tenant(tenantId))?.name ?? '';

  // ——— the adults' board scorecard ———
  app.get(MEASURES_ROUTES.adults, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const records = can(request, 'measures:records');
    const items = await adultsBoardItems(measures, user.tenantId, today());
    return reply.view('measures/views/adults.njk', {
      pageTitle: 'Adults’ safeguarding board scorecard',
      rows: scorecardRows(items, { published: !records }).map((r) => ({ ...r, link: measuresPath('measure', { id: r.id }) })),
      risks: (await riskTables(measures, user.tenantId, today(), { hide: !records })).map((t) => ({ ...t, href: measuresPath('measure', { id: t.id }) })),
      canSeeRecords: records,
      links: { xlsx: measuresPath('adultsXlsx', {}), returns: measuresPath('returns', {}) },
      backLink: { href: measuresPath('scorecard', {}), text: 'Measures' },
    });
  });

  app.get(MEASURES_ROUTES.adultsXlsx, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const items = await adultsBoardItems(measures, user.tenantId, today());
    return reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="adults-board-scorecard.xlsx"').send(await scorecardXlsx(items));
  });

  // ——— the returns ———
  app.get(MEASURES_ROUTES.returns, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const year = yearOf(request);
    const records = can(request, 'measures:records');
    const shown = (n: number) => (!records && isSmallNumber(n) ? 'c' : n.toLocaleString('en-GB'));
    const sac = await loadSac(db, user.tenantId, year);
    const dols = await loadDols(db, user.tenantId, year);
    const cases = sac.sg1.cases.rows;
    return reply.view('measures/views/returns.njk', {
      pageTitle: 'Statutory returns',
      year: sac.year,
      inProgress: year === financialYearOf(today()),
      years: returnYears(today()).map((y) => ({
        ...y,
        sac: measuresPath('sacReturn', {}, { year: y.year }),
        dols: measuresPath('dolsReturn', {}, { year: y.year }),
        summary: measuresPath('returns', {}, { year: y.year }),
      })),
      sacSummary: [
        { label: 'Safeguarding concerns received', value: shown(cases[0]!.values[0]!) },
        { label: 'Section 42 enquiries started', value: shown(cases[1]!.values[0]!) },
        { label: 'Individuals involved in section 42 enquiries', value: shown(sac.sg1.age.total![1]!) },
        { label: 'Other safeguarding enquiries started', value: shown(cases[2]!.values[0]!) },
        { label: 'Section 42 enquiries concluded', value: shown(sac.sg2.type.total![0]!) },
      ],
      dols: dolsRows(dols).map((s) => ({
        ...s,
        rows: s.rows.map((r) => ({
          label: r.label,
          count: shown(r.count),
          percent: r.of !== undefined && !records && (isSmallNumber(r.count) || isSmallNumber(r.of)) ? 'c' : percentText(r.count, r.of),
        })),
      })),
      canSeeRecords: records,
      census: await censusSection(request, db, year),
      links: { sac: measuresPath('sacReturn', {}, { year }), dols: measuresPath('dolsReturn', {}, { year }), adults: measuresPath('adults', {}) },
      backLink: { href: measuresPath('scorecard', {}), text: 'Measures' },
    });
  });

  app.get(MEASURES_ROUTES.sacReturn, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const year = yearOf(request);
    const r = await loadSac(db, user.tenantId, year);
    const file = await sacWorkbook(r, { area: await area(user.tenantId), hideSmall: !can(request, 'measures:records'), generatedAt: new Date() });
    return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="sac-${r.year.label}.xlsx"`).send(file);
  });

  app.get(MEASURES_ROUTES.dolsReturn, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const year = yearOf(request);
    const c = await loadDols(db, user.tenantId, year);
    const file = await dolsWorkbook(c, { area: await area(user.tenantId), hideSmall: !can(request, 'measures:records'), generatedAt: new Date() });
    return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="dols-${c.year.label}.xlsx"`).send(file);
  });
}
