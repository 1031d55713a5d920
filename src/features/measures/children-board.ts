/**
 * The children's safeguarding board scorecard: a named, fixed set of the engine's measures of children's social
 * care, child protection and early help (the partnership's own scorecard is one chosen list per area, so the
 * board's is kept apart rather than chosen), each for its last complete period with its target, direction and
 * comparators; below them the children on a child protection plan at the last month end by category. Registered
 * by `registerMeasureRoutes`; everyone who may see the measures may see it, with numbers from 1 to 5 hidden unless
 * they may also open the records behind figures.
 */
import { type FastifyInstance } from 'fastify';
import { CP_CATEGORIES } from '../../domain/children.js';
import { isSmallNumber } from '../../domain/measures/compute.js';
import { measureById } from '../../domain/measures/definitions.js';
import { can, requireUser } from '../../platform/authz.js';
import { scorecardXlsx } from './outputs.js';
import { MEASURES_ROUTES, measuresPath } from './paths.js';
import { scorecardRows } from './presenters.js';
import { type MeasureService, type ScorecardItem } from './service.js';

/** The board's scorecard in the order the board report reads it: the front door to assessment, child protection, early help. */
export const CHILDREN_BOARD_SECTIONS: readonly { heading: string; ids: readonly string[] }[] = [
  {
    heading: 'Referral and assessment',
    ids: ['csc_referrals', 'csc_re_referrals', 'csc_referrals_to_assessment', 'csc_assessments_in_time', 'csc_cin_cp_rate'],
  },
  {
    heading: 'Child protection',
    ids: ['cp_s47_started', 'cp_s47_to_icpc', 'cp_icpc_in_time', 'cp_plans_open', 'cp_plan_rate', 'cp_reviews_in_time', 'cp_visits_in_time', 'cp_voice_heard', 'cp_plans_2_years', 'cp_second_plans'],
  },
  {
    heading: 'Early help',
    // The triage within 5 working days is the front door's own measure, from its early help triage clocks.
    ids: ['early_help_in_time', 'eh_engaged_in_time', 'eh_assessments_in_time', 'eh_assessments_by_partners'],
  },
];

export const CHILDREN_BOARD_SCORECARD: readonly string[] = CHILDREN_BOARD_SECTIONS.flatMap((s) => s.ids);

export async function childrenBoardItems(measures: MeasureService, tenantId: string, today: string): Promise<ScorecardItem[]> {
  const out: ScorecardItem[] = [];
  for (const id of CHILDREN_BOARD_SCORECARD) out.push((await measures.measure(tenantId, id, today))!);
  return out;
}

/**
 * The children on a child protection plan at the end of the last complete month, by the plan's latest category:
 * every census category in its order, none shown as 0. Counts from 1 to 5 are hidden unless the viewer may see records.
 */
export async function plansByCategory(measures: MeasureService, tenantId: string, today: string, options: { hide: boolean }) {
  const definition = measureById('cp_plans_open')!;
  const period = measures.lastComplete('month', today);
  const found = new Map((await measures.breakdown(tenantId, definition, 'risk_level', period)).map((r) => [r.label, r.counts.numerator]));
  const shown = (n: number) => (options.hide && isSmallNumber(n) ? 'c' : n.toLocaleString('en-GB'));
  const rows = CP_CATEGORIES.map((c) => ({ label: c.label, count: shown(found.get(c.label) ?? 0) }));
  const total = [...found.values()].reduce((a, b) => a + b, 0);
  return { title: definition.title, period, rows, total: shown(total) };
}

export function registerChildMeasureRoutes(app: FastifyInstance, services: { measures: MeasureService }): void {
  const { measures } = services;

  app.get(MEASURES_ROUTES.children, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const records = can(request, 'measures:records');
    const today = measures.today();
    const items = await childrenBoardItems(measures, user.tenantId, today);
    const rows = new Map(scorecardRows(items, { published: !records }).map((r) => [r.id, { ...r, link: measuresPath('measure', { id: r.id }) }]));
    return reply.view('measures/views/children.njk', {
      pageTitle: 'Children’s safeguarding board scorecard',
      sections: CHILDREN_BOARD_SECTIONS.map((s) => ({ heading: s.heading, rows: s.ids.map((id) => rows.get(id)!) })),
      categories: { ...(await plansByCategory(measures, user.tenantId, today, { hide: !records })), href: measuresPath('measure', { id: 'cp_plans_open' }) },
      canSeeRecords: records,
      links: { xlsx: measuresPath('childrenXlsx', {}) },
      backLink: { href: measuresPath('scorecard', {}), text: 'Measures' },
    });
  });

  app.get(MEASURES_ROUTES.childrenXlsx, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const items = await childrenBoardItems(measures, user.tenantId, measures.today());
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="children-board-scorecard.xlsx"')
      .send(await scorecardXlsx(items));
  });
}
