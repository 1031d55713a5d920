/**
 * The Children in Need census beside the returns to NHS England: its section on the returns page (counts per module,
 * and the DfE validation report by child and rule for those who produce the return) and the XML for the DfE's
 * COLLECT (`census:export`, audited as an export). Registered in `app.ts` by `registerCensusRoutes`; the returns page
 * (`adults-routes.ts`) asks `censusSection` for its part.
 */
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type Database } from '../../db/client.js';
import { CIN_RULES, type CensusIssue, censusYear } from '../../domain/cin-census.js';
import { isSmallNumber } from '../../domain/measures/compute.js';
import { financialYearOf } from '../../domain/measures/periods.js';
import { FIRST_REFERENCE_YEAR } from '../../domain/measures/reference.js';
import { type AuditTrail } from '../../platform/audit.js';
import { actorOf, can, requireUser } from '../../platform/authz.js';
import { badRequest } from '../../platform/errors.js';
import { pagination } from '../../platform/pagination.js';
import { parsePage } from '../../platform/params.js';
import { type Query, pathTo } from '../../platform/paths.js';
import { personPath } from '../people/paths.js';
import { cinCensusReturn } from './cin-census-return.js';
import { measuresPath } from './paths.js';

export const CENSUS_ROUTES = {
  cinCensusXml: '/measures/returns/cin-census.xml',
} as const;

export function censusPath(route: keyof typeof CENSUS_ROUTES, query?: Query): string {
  return pathTo(CENSUS_ROUTES[route], {}, query);
}

/** Issues shown a page at a time on the returns page. */
export const ISSUES_PAGE_SIZE = 50;

const label = (year: number) => censusYear(year).label;

/** The collection year in the address (`?year=2025` for 2025-26), or the last complete one (as the returns page reads it). */
export function censusYearOf(request: FastifyRequest, today: string): number {
  const current = financialYearOf(today);
  const raw = (request.query as Record<string, unknown>).year;
  if (raw === undefined || raw === '') return current - 1;
  if (typeof raw !== 'string' || !/^\d{4}$/.test(raw)) throw badRequest(`The year in the address must be the year a collection year starts, like ${current - 1} for ${label(current - 1)}.`);
  const year = Number(raw);
  if (year < FIRST_REFERENCE_YEAR || year > current) throw badRequest(`There is no return for ${label(year)}: choose a year from ${label(FIRST_REFERENCE_YEAR)} to ${label(current)}.`);
  return year;
}

export interface CensusSectionView {
  year: { label: string; referenceDate: string; dfeYear: number };
  counts: { label: string; value: string }[];
  errors: number;
  queries: number;
  notices: string[];
  canExport: boolean;
  download: string | null;
  issues: (Pick<CensusIssue, 'rule' | 'message' | 'field' | 'laChildId' | 'referralDate'> & { severity: string; childHref: string | null })[];
  issuesFrom: number;
  issuesTo: number;
  issuesTotal: number;
  rulesFailed: { rule: string; message: string; severity: string; count: number }[];
  pagination: ReturnType<typeof pagination>;
}

/** The census's part of the returns page for a year. */
export async function censusSection(request: FastifyRequest, db: Database, year: number): Promise<CensusSectionView> {
  const user = requireUser(request);
  const records = can(request, 'measures:records');
  const canExport = can(request, 'census:export');
  const shown = (n: number) => (!records && isSmallNumber(n) ? 'c' : n.toLocaleString('en-GB'));
  const r = await cinCensusReturn(db, user.tenantId, year, new Date());
  const c = r.counts;
  const errors = r.issues.filter((i) => i.severity === 'error').length;
  const queries = r.issues.length - errors;

  const byRule = new Map<string, number>();
  for (const i of r.issues) byRule.set(i.rule, (byRule.get(i.rule) ?? 0) + 1);
  const rulesFailed = [...byRule]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([rule, count]) => ({ rule, message: CIN_RULES[rule as keyof typeof CIN_RULES] ?? rule, severity: rule.endsWith('Q') ? 'Query' : 'Error', count }));

  const page = parsePage((request.query as Record<string, unknown>).censusPage);
  const pages = Math.max(1, Math.ceil(r.issues.length / ISSUES_PAGE_SIZE));
  const current = Math.min(page, pages);
  const slice = canExport ? r.issues.slice((current - 1) * ISSUES_PAGE_SIZE, current * ISSUES_PAGE_SIZE) : [];
  const y = r.census.year;
  return {
    year: { label: y.label, referenceDate: y.referenceDate, dfeYear: y.dfeYear },
    counts: [
      { label: 'Children in the return', value: shown(c.children) },
      { label: 'Episodes of need (CIN details)', value: shown(c.episodes) },
      { label: 'Referrals in the year', value: shown(c.referralsInYear) },
      { label: 'Of which referrals with no further action', value: shown(c.nfaReferrals) },
      { label: 'Episodes closed in the year', value: shown(c.closedInYear) },
      { label: 'Episodes open on 31 March', value: shown(c.openAtYearEnd) },
      { label: 'Assessments', value: shown(c.assessments) },
      { label: 'Of which completed (authorised) in the year', value: shown(c.assessmentsCompleted) },
      { label: 'Child in need plans', value: shown(c.cinPlans) },
      { label: 'Section 47 enquiries', value: shown(c.section47) },
      { label: 'Initial child protection conferences', value: shown(c.initialConferences) },
      { label: 'Child protection plans', value: shown(c.cpPlans) },
      { label: 'Of which started in the year', value: shown(c.cpPlansStarted) },
      { label: 'Of which open on 31 March', value: shown(c.cpPlansOpenAtYearEnd) },
      { label: 'Child protection review conferences', value: shown(c.cpReviews) },
    ],
    errors,
    queries,
    notices: r.notices,
    canExport,
    download: canExport ? censusPath('cinCensusXml', { year }) : null,
    issues: slice.map((i) => ({
      rule: i.rule,
      message: i.message,
      field: i.field,
      laChildId: i.laChildId,
      referralDate: i.referralDate,
      severity: i.severity === 'query' ? 'Query' : 'Error',
      childHref: i.personId ? personPath(i.personId) : null,
    })),
    issuesFrom: slice.length ? (current - 1) * ISSUES_PAGE_SIZE + 1 : 0,
    issuesTo: (current - 1) * ISSUES_PAGE_SIZE + slice.length,
    issuesTotal: r.issues.length,
    rulesFailed,
    pagination: canExport ? pagination(current, r.issues.length, ISSUES_PAGE_SIZE, (n) => `${measuresPath('returns', {}, { year, censusPage: n })}#cin-census`) : null,
  };
}

export function registerCensusRoutes(app: FastifyInstance, services: { db: Database; audit: AuditTrail; measures: { today(): string } }): void {
  const { db, audit, measures } = services;

  app.get(CENSUS_ROUTES.cinCensusXml, { config: { rule: 'census:export' } }, async (request, reply) => {
    const user = requireUser(request);
    const year = censusYearOf(request, measures.today());
    const r = await cinCensusReturn(db, user.tenantId, year, new Date());
    const errors = r.issues.filter((i) => i.severity === 'error').length;
    await audit.recordNow(actorOf(request), {
      action: 'census.cin_exported',
      recordType: 'cin_census',
      details: { year: r.census.year.label, children: r.counts.children, episodes: r.counts.episodes, errors, queries: r.issues.length - errors },
    });
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="cin-census-${r.census.year.label}.xml"`)
      .header('cache-control', 'no-store')
      .send(r.xml);
  });
}
