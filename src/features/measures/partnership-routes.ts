/**
 * The partnership's measures pages: a board's assurance scorecard (`/measures/partnership?board=…&year=…`, for
 * everyone who may see the measures) and its annual report data pack, printable and as a workbook (for those who
 * follow the partnership's work, `partnership:view`, or manage the measures). Registered by `registerMeasureRoutes`.
 * The board and year come from the address and are checked (400 with the reason otherwise); viewing a pack is
 * audited.
 */
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type Database } from '../../db/client.js';
import { PARTNERSHIP_BOARDS, PARTNERSHIP_MEASURES, type PartnershipBoard, isPartnershipBoard } from '../../domain/measures/partnership.js';
import { financialYearLabel, financialYearOf, periodFromKey } from '../../domain/measures/periods.js';
import { type AuditTrail } from '../../platform/audit.js';
import { actorOf, can, requireUser } from '../../platform/authz.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { annualPackXlsx, loadAnnualPack } from './annual-pack.js';
import { boardChoices, partnershipScorecard } from './partnership-board.js';
import { MEASURES_ROUTES, measuresPath } from './paths.js';
import { type MeasureService } from './service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** How many years back a board's figures can be asked for. */
const YEARS_BACK = 10;

/** The board in the address (children when none is given). */
export function boardOf(request: FastifyRequest): PartnershipBoard {
  const raw = (request.query as Record<string, unknown>).board;
  if (raw === undefined || raw === '') return 'children';
  if (!isPartnershipBoard(raw)) throw badRequest('The board in the address must be children, adults or community_safety.');
  return raw;
}

/** The financial year in the address by its starting year (2026 for 2026-27), or the default. */
export function yearOf(request: FastifyRequest, today: string, fallback: number): number {
  const current = financialYearOf(today);
  const raw = (request.query as Record<string, unknown>).year;
  if (raw === undefined || raw === '') return fallback;
  if (typeof raw !== 'string' || !/^\d{4}$/.test(raw)) throw badRequest(`The year in the address must be the year a financial year starts, like ${current} for ${financialYearLabel(current)}.`);
  const year = Number(raw);
  if (year > current || year < current - YEARS_BACK) throw badRequest(`Choose a financial year from ${financialYearLabel(current - YEARS_BACK)} to ${financialYearLabel(current)}.`);
  return year;
}

function mayHavePack(request: FastifyRequest): void {
  if (!can(request, 'partnership:view') && !can(request, 'measures:manage')) throw forbidden('The annual report data pack is for those who follow the partnership’s work or manage the measures.');
}

export function registerPartnershipMeasureRoutes(app: FastifyInstance, services: { measures: MeasureService; db: Database; audit: AuditTrail }): void {
  const { measures, db } = services;

  app.get(MEASURES_ROUTES.partnership, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const today = measures.today();
    const board = boardOf(request);
    const current = financialYearOf(today);
    const year = yearOf(request, today, current);
    const canSeeRecords = can(request, 'measures:records');
    const sections = await partnershipScorecard(measures, db, user.tenantId, board, year, { canSeeRecords });
    const packAllowed = can(request, 'partnership:view') || can(request, 'measures:manage');
    return reply.view('measures/views/partnership.njk', {
      pageTitle: `${PARTNERSHIP_BOARDS[board]}: assurance scorecard ${financialYearLabel(year)}`,
      boardName: PARTNERSHIP_BOARDS[board],
      yearLabel: year === current ? `${financialYearLabel(year)}, to date` : financialYearLabel(year),
      sections,
      boards: boardChoices(board, year),
      years: Array.from({ length: 6 }, (_, i) => current - i).map((y) => ({
        label: y === current ? `${financialYearLabel(y)}, to date` : financialYearLabel(y),
        href: measuresPath('partnership', {}, { board, year: y }),
        current: y === year,
      })),
      pack: packAllowed ? { html: measuresPath('partnershipPack', {}, { board, year }), xlsx: measuresPath('partnershipPackXlsx', {}, { board, year }) } : null,
      canSeeRecords,
      backLink: { href: measuresPath('scorecard', {}), text: 'Measures' },
    });
  });

  app.get(MEASURES_ROUTES.partnershipPack, { config: { rule: 'measures:view' } }, async (request, reply) => {
    mayHavePack(request);
    const user = requireUser(request);
    const today = measures.today();
    const board = boardOf(request);
    const year = yearOf(request, today, financialYearOf(today) - 1);
    const pack = await loadAnnualPack(measures, db, user.tenantId, board, year, { canSeeRecords: can(request, 'measures:records') });
    await services.audit.recordNow(actorOf(request), { action: 'measure.annual_pack_viewed', recordType: 'measure', details: { board, year, format: 'html' } });
    return reply.view('measures/views/partnership-pack.njk', {
      pageTitle: `${pack.boardName}: annual report data pack ${pack.yearLabel}`,
      pack,
      xlsx: measuresPath('partnershipPackXlsx', {}, { board, year }),
      backLink: { href: measuresPath('partnership', {}, { board, year }), text: `${pack.boardName}: assurance scorecard` },
    });
  });

  app.get(MEASURES_ROUTES.partnershipPackXlsx, { config: { rule: 'measures:view' } }, async (request, reply) => {
    mayHavePack(request);
    const user = requireUser(request);
    const today = measures.today();
    const board = boardOf(request);
    const year = yearOf(request, today, financialYearOf(today) - 1);
    const pack = await loadAnnualPack(measures, db, user.tenantId, board, year, { canSeeRecords: can(request, 'measures:records') });
    await services.audit.recordNow(actorOf(request), { action: 'measure.annual_pack_viewed', recordType: 'measure', details: { board, year, format: 'xlsx' } });
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="${board}-annual-pack-${pack.yearLabel}.xlsx"`)
      .send(await annualPackXlsx(pack, new Date()));
  });
}

/**
 * The engine's records page lists front-door contacts; the partnership's facts are bookings, returns, actions,
 * attendance and reviews, listed in the partnership's own pages. A records address for one of its measures goes to
 * the board's scorecard for that year instead (null for any other measure).
 */
export function partnershipRecordsAddress(measureId: string, query: Record<string, unknown>): string | null {
  if (!PARTNERSHIP_MEASURES.some((m) => m.id === measureId)) return null;
  const key = typeof query.period === 'string' ? query.period : '';
  const period = key.length <= 20 ? periodFromKey(key) : undefined;
  return measuresPath('partnership', {}, { year: period ? financialYearOf(period.start) : undefined });
}
