/**
 * The partnership's measures: the scorecard, a measure with its trend and comparators, breakdowns, the records
 * behind a number (for those allowed, audited), commentary, publishing, reference data and the board outputs
 * (XLSX, CSV, a printable report and its PDF).
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { DIMENSIONS, type Dimension, MEASURES, type MeasureDefinition, measureById } from '../../domain/measures/definitions.js';
import { type Period, periodContaining, periodFromKey, periodsEnding } from '../../domain/measures/periods.js';
import { type AccountService } from '../accounts/service.js';
import { type OrganisationService } from '../organisations/service.js';
import { lateCountsView } from '../front-door/late-notifications-presenters.js';
import { type LateNotificationService } from '../front-door/late-notifications-service.js';
import { type CurrentUser, actorOf, can, requireUser } from '../../platform/authz.js';
import { badRequest, notFound, sendProblem } from '../../platform/errors.js';
import { errorsFrom, noFields, parseForm } from '../../platform/forms.js';
import { queryString } from '../../platform/params.js';
import { COMPARATOR_CHOICES, MEASURE_CHOICES, PERIOD_CHOICES, POPULATION_CHOICES, SCORECARD_MAX, commentaryForm, comparatorForm, measureSettingsForm, populationForm, scorecardForm } from './forms.js';
import { reportModel, scorecardCsv, scorecardXlsx, trendChart } from './outputs.js';
import { registerAdultMeasureRoutes } from './adults-routes.js';
import { registerChildMeasureRoutes } from './children-board.js';
import { boardRecordsAddress, registerCmeMeasureRoutes } from './cme-board.js';
import { registerLadoMeasureRoutes } from './lado-board.js';
import { partnershipRecordsAddress, registerPartnershipMeasureRoutes } from './partnership-routes.js';
import { type AuditTrail } from '../../platform/audit.js';
import { SCORECARD_SHOWS, type ScorecardShow, domesticAbuseView, measureGroups, measureSummaryRows, ragTag, scorecardRows, scorecardShow } from './presenters.js';
import { type MeasureService } from './service.js';
import { MEASURES_ROUTES, breakdownRecordsPath, measuresPath } from './paths.js';
import { contactPath } from '../front-door/paths.js';
import * as settings from './settings-repository.js';
import { type Database } from '../../db/client.js';
import { htmlToPdf } from '../../platform/pdf.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GOVUK_DIST, SRC_DIR } from '../../platform/views.js';

type Query = Record<string, unknown>;

export function registerMeasureRoutes(
  app: FastifyInstance,
  services: { measures: MeasureService; accounts: AccountService; organisations: OrganisationService; db: Database; audit: AuditTrail; lateNotifications: Pick<LateNotificationService, 'counts'> },
): void {
  const { measures, db } = services;

  /** Today in London (the measures' periods are London dates). */
  const today = (): string => measures.today();

  function actor(request: FastifyRequest) {
    const user = requireUser(request);
    return { ...actorOf(request), userId: user.userId, tenantId: user.tenantId };
  }

  function definitionOf(request: FastifyRequest): MeasureDefinition {
    const id = (request.params as { id?: string }).id ?? '';
    const definition = measureById(id);
    if (!definition) throw notFound();
    return definition;
  }

  /** The period asked for in the address, checked against the measure; undefined for the default. */
  function periodOf(request: FastifyRequest, definition: MeasureDefinition): Period | undefined {
    const key = (request.query as Query).period;
    if (key === undefined || key === '') return undefined;
    const period = typeof key === 'string' ? periodFromKey(key) : undefined;
    if (!period) throw badRequest('The period in the address is not one Threshold knows, like 2026-10, FY2026-27-Q2, FY2026-27 or R12-2026-10.');
    if (!definition.periods.includes(period.type)) throw badRequest(`${definition.title} is not reported by ${period.type.replace(/_/g, ' ')}.`);
    return period;
  }

  async function canComment(user: CurrentUser, request: FastifyRequest, measureId: string): Promise<boolean> {
    if (can(request, 'measures:manage')) return true;
    const entry = await settings.scorecardEntry(db, user.tenantId, measureId);
    return entry?.owner_user_id === user.userId;
  }

  // ——— the scorecard ———
  app.get(MEASURES_ROUTES.scorecard, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const items = await measures.scorecard(user.tenantId, today());
    const q = request.query as Query;
    // show=red (off target) or show=none (no figure): the measures a home page's count opens; anything else: all.
    const raw = queryString(request, 'show', 10);
    const show = (SCORECARD_SHOWS as readonly string[]).includes(raw) ? (raw as ScorecardShow) : null;
    const shown = scorecardShow(items, show);
    return reply.view('measures/views/scorecard.njk', {
      pageTitle: 'Measures',
      show,
      showTitle: show === 'red' ? 'Measures off target' : show === 'none' ? 'Measures with no figure for the period' : null,
      total: shown.length,
      allHref: measuresPath('scorecard', {}),
      rows: scorecardRows(shown, { published: false }).map((r) => ({ ...r, link: measuresPath('measure', { id: r.id }) })),
      others: measureGroups(MEASURES.filter((m) => !items.some((i) => i.definition.id === m.id))).map((g) => ({ title: g.title, measures: g.measures.map((m) => ({ title: m.title, href: measuresPath('measure', { id: m.id }) })) })),
      canManage: can(request, 'measures:manage'),
      flash: q.saved ? 'Saved' : q.refreshed ? 'The figures have been recalculated from the records' : undefined,
    });
  });

  app.post(MEASURES_ROUTES.refresh, { config: { rule: 'measures:manage' } }, async (request, reply) => {
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    await measures.refresh(requireUser(request).tenantId, { full: true });
    return reply.redirect(measuresPath('scorecard', {}, { refreshed: 1 }), 303);
  });

  /** The periods a measure can be shown by: the last complete one of each type (the one showing, for its type). */
  async function periodOptions(definition: MeasureDefinition, showing: Period) {
    const day = today();
    return PERIOD_CHOICES.filter((p) => definition.periods.includes(p.code)).map((p) => ({
      key: p.code === showing.type ? showing.key : measures.lastComplete(p.code, day).key,
      label: p.code === showing.type ? showing.label : `${p.label}: ${measures.lastComplete(p.code, day).label}`,
    }));
  }

  // ——— the front door's timeliness: three measures and their breakdowns for one period ———
  const TIMELINESS: { id: string; dimensions: Dimension[] }[] = [
    { id: 'screening_in_time', dimensions: ['agency'] },
    { id: 'info_requests_in_time', dimensions: ['agency', 'risk_level'] },
    { id: 'incident_to_receipt', dimensions: ['agency', 'risk_level'] },
  ];

  app.get(MEASURES_ROUTES.timeliness, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const first = measureById(TIMELINESS[0]!.id)!;
    const chosen = periodOf(request, first);
    const records = can(request, 'measures:records');
    const day = today();
    const sections = [];
    let period: Period | undefined;
    for (const t of TIMELINESS) {
      const definition = measureById(t.id)!;
      const item = (await measures.measure(user.tenantId, definition.id, day, chosen ?? measures.lastComplete('month', day)))!;
      period = item.current.period;
      const shown = period;
      const breakdowns = [];
      for (const dimension of t.dimensions.filter((d) => definition.breakdowns.includes(d))) {
        const rowsOut = await measures.breakdown(user.tenantId, definition, dimension, shown);
        breakdowns.push({
          dimension: DIMENSIONS[dimension],
          rows: rowsOut.map((r) => ({
            ...r,
            shown: records ? r.figure : r.published,
            href: records ? breakdownRecordsPath(definition.id, shown.key, dimension, r.label) : null,
          })),
        });
      }
      sections.push({ definition, value: (records ? item.current.figure : item.current.published).text, breakdowns });
    }
    // The last twelve months, and the other periods the measures are reported by.
    const latest = measures.lastComplete('month', day).key;
    const [y, m] = latest.split('-').map(Number) as [number, number];
    const months = Array.from({ length: 12 }, (_, i) => {
      const index = y * 12 + (m - 1) - i;
      return periodFromKey(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`)!;
    });
    const options = [...months.map((p) => ({ key: p.key, label: p.label })), ...(await periodOptions(first, period!)).filter((o) => !/^\d{4}-\d{2}$/.test(o.key))];
    if (!options.some((o) => o.key === period!.key)) options.unshift({ key: period!.key, label: period!.label });
    return reply.view('measures/views/timeliness.njk', {
      pageTitle: 'Front door timeliness',
      period,
      sections: sections.map((section) => ({ ...section, href: measuresPath('measure', { id: section.definition.id }, { period: period!.key }) })),
      canSeeRecords: records,
      periodItems: options.map((o) => ({ value: o.key, text: o.label, selected: o.key === period!.key })),
      // Late notifications in the period (the front door's late-notification alerts, by risk grading).
      late: lateCountsView(await services.lateNotifications.counts(user.tenantId, period!.start, period!.end), records),
      backLink: { href: measuresPath('scorecard', {}), text: 'Measures' },
    });
  });

  // ——— domestic abuse: the partnership's measures and the services' counts for one period ———
  app.get(MEASURES_ROUTES.domesticAbuse, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const day = today();
    const key = (request.query as Query).period;
    let period = measures.lastComplete('rolling_12_months', day);
    if (key !== undefined && key !== '') {
      const chosen = typeof key === 'string' ? periodFromKey(key) : undefined;
      if (!chosen) throw badRequest('The period in the address is not one Threshold knows, like 2026-10, FY2026-27-Q2, FY2026-27 or R12-2026-10.');
      period = chosen;
    }
    const records = can(request, 'measures:records');
    const view = domesticAbuseView(await measures.domesticAbuse(user.tenantId, period), { hide: !records });
    // The last twelve months by default; the rolling year to date; financial years, quarters and months.
    const options: Period[] = [measures.lastComplete('rolling_12_months', day), periodContaining('rolling_12_months', day)];
    options.push(periodContaining('financial_year', day), measures.lastComplete('financial_year', day));
    options.push(...periodsEnding(measures.lastComplete('quarter', day), 4).reverse());
    options.push(...periodsEnding(measures.lastComplete('month', day), 12).reverse());
    if (!options.some((o) => o.key === period.key)) options.unshift(period);
    const label = (p: Period) => (p.end > day ? `${p.label} (to date)` : p.label);
    return reply.view('measures/views/domestic-abuse.njk', {
      pageTitle: 'Domestic abuse',
      ...view,
      periodLabel: label(period),
      canSeeRecords: records,
      periodItems: options.map((o) => ({ value: o.key, text: label(o), selected: o.key === period.key })),
      backLink: { href: measuresPath('scorecard', {}), text: 'Measures' },
    });
  });

  // ——— the adults' board scorecard and the returns to NHS England (`adults-routes.ts`) ———
  registerAdultMeasureRoutes(app, services);
  // ——— the children's board scorecard (`children-board.ts`) ———
  registerChildMeasureRoutes(app, services);
  // ——— the CME quarterly scorecard and the LADO's annual figures (`cme-board.ts`, `lado-board.ts`) ———
  registerCmeMeasureRoutes(app, services);
  registerLadoMeasureRoutes(app, services);
  registerPartnershipMeasureRoutes(app, services);

  // ——— one measure ———
  app.get(MEASURES_ROUTES.measure, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const definition = definitionOf(request);
    const period = periodOf(request, definition);
    const item = (await measures.measure(user.tenantId, definition.id, today(), period))!;
    const key = item.current.period.key;
    const published = await settings.snapshot(db, user.tenantId, definition.id, key);
    const q = request.query as Query;
    return reply.view('measures/views/measure.njk', {
      pageTitle: definition.title,
      definition,
      item,
      rag: item.current.figure.state === 'value' ? ragTag(item.rag) : null,
      summaryRows: measureSummaryRows(item),
      chart: await trendChart(definition, item),
      dimensions: definition.breakdowns.map((d) => ({ code: d, label: DIMENSIONS[d], href: measuresPath('breakdown', { id: definition.id, dimension: d }, { period: key }) })),
      links: {
        // The page's own address: its period picker asks for it again with another period.
        measure: measuresPath('measure', { id: definition.id }),
        records: measuresPath('records', { id: definition.id }, { period: key }),
        commentary: measuresPath('commentary', { id: definition.id }, { period: key }),
        published: measuresPath('published', { id: definition.id }, { period: key }),
        publish: measuresPath('publish', { id: definition.id }, { period: key }),
        settings: measuresPath('measureSettings', { id: definition.id }),
      },
      periods: await periodOptions(definition, item.current.period),
      commentary: await measures.commentary(user.tenantId, definition.id, key),
      canComment: await canComment(user, request, definition.id),
      canManage: can(request, 'measures:manage'),
      canSeeRecords: can(request, 'measures:records'),
      published,
      backLink: { href: measuresPath('scorecard', {}), text: 'Measures' },
      flash: q.published ? 'Published: this figure is kept as it is now' : q.saved ? 'Saved' : q.already ? 'This period was already published: the first publication stands' : undefined,
    });
  });

  app.get(MEASURES_ROUTES.breakdown, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const definition = definitionOf(request);
    const dimension = (request.params as { dimension: string }).dimension as Dimension;
    if (!definition.breakdowns.includes(dimension)) throw notFound();
    const item = (await measures.measure(user.tenantId, definition.id, today(), periodOf(request, definition)))!;
    const period = item.current.period;
    const rowsOut = await measures.breakdown(user.tenantId, definition, dimension, period);
    const records = can(request, 'measures:records');
    return reply.view('measures/views/breakdown.njk', {
      pageTitle: `${definition.title} by ${DIMENSIONS[dimension].toLowerCase()}`,
      definition,
      dimension: DIMENSIONS[dimension],
      period,
      rows: rowsOut.map((r) => ({
        ...r,
        // Without the right to see records, small numbers stay hidden here too.
        shown: records ? r.figure : r.published,
        href: records ? breakdownRecordsPath(definition.id, period.key, dimension, r.label) : null,
      })),
      canSeeRecords: records,
      backLink: { href: measuresPath('measure', { id: definition.id }, { period: period.key }), text: definition.title },
    });
  });

  app.get(MEASURES_ROUTES.records, { config: { rule: 'measures:records' } }, async (request, reply) => {
    const user = requireUser(request);
    const definition = definitionOf(request);
    const q = request.query as Query;
    // CME referrals and LADO allegations are not contacts: their board lists them under their own record rules.
    const board = boardRecordsAddress(definition.id, q) ?? partnershipRecordsAddress(definition.id, q);
    if (board) return reply.redirect(board, 303);
    const item = (await measures.measure(user.tenantId, definition.id, today(), periodOf(request, definition)))!;
    const period = item.current.period;
    let filter: { dimension: Dimension; label: string } | null = null;
    if (q.dimension !== undefined) {
      if (typeof q.dimension !== 'string' || !definition.breakdowns.includes(q.dimension as Dimension) || typeof q.label !== 'string' || q.label.length > 200) {
        throw badRequest('The breakdown in the address is not one this measure has.');
      }
      filter = { dimension: q.dimension as Dimension, label: q.label };
    }
    const result = await measures.records(user, actor(request), definition, period, filter);
    return reply.view('measures/views/records.njk', {
      pageTitle: `Records behind ${definition.title.toLowerCase()}`,
      definition,
      period,
      filter: filter ? { dimension: DIMENSIONS[filter.dimension], label: filter.label } : null,
      result: { ...result, visible: result.visible.map((r) => ({ ...r, href: contactPath(r.contact_id) })) },
      backLink: filter
        ? { href: measuresPath('breakdown', { id: definition.id, dimension: filter.dimension }, { period: period.key }), text: `By ${DIMENSIONS[filter.dimension].toLowerCase()}` }
        : { href: measuresPath('measure', { id: definition.id }, { period: period.key }), text: definition.title },
    });
  });

  // ——— commentary ———
  async function commentaryPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    const definition = definitionOf(request);
    if (!(await canComment(user, request, definition.id))) return sendProblem(request, reply, 403, 'Only the measure’s owner or a board analyst can write its commentary.');
    const item = (await measures.measure(user.tenantId, definition.id, today(), periodOf(request, definition)))!;
    const existing = await measures.commentary(user.tenantId, definition.id, item.current.period.key);
    return reply.code(status).view('measures/views/commentary.njk', {
      pageTitle: `Commentary: ${definition.title}`,
      definition,
      period: item.current.period,
      values: existing ? { workingWell: existing.working_well, worriedAbout: existing.worried_about, goingToDo: existing.going_to_do } : {},
      action: measuresPath('commentary', { id: definition.id }, { period: item.current.period.key }),
      backLink: { href: measuresPath('measure', { id: definition.id }, { period: item.current.period.key }), text: definition.title },
      ...extra,
    });
  }

  app.get(MEASURES_ROUTES.commentary, { config: { rule: 'measures:view' } }, async (request, reply) => commentaryPage(request, reply));

  app.post(MEASURES_ROUTES.commentary, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const definition = definitionOf(request);
    if (!(await canComment(user, request, definition.id))) return sendProblem(request, reply, 403, 'Only the measure’s owner or a board analyst can write its commentary.');
    const form = parseForm(commentaryForm, request.body);
    if (!form.ok) return commentaryPage(request, reply, { errors: form.errors, values: form.values }, 400);
    const item = (await measures.measure(user.tenantId, definition.id, today(), periodOf(request, definition)))!;
    await measures.saveCommentary(actor(request), definition.id, item.current.period.key, form.value);
    return reply.redirect(measuresPath('measure', { id: definition.id }, { period: item.current.period.key, saved: 1 }), 303);
  });

  // ——— publishing ———
  app.post(MEASURES_ROUTES.publish, { config: { rule: 'measures:manage' } }, async (request, reply) => {
    const user = requireUser(request);
    const definition = definitionOf(request);
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    const item = (await measures.measure(user.tenantId, definition.id, today(), periodOf(request, definition)))!;
    const saved = await measures.publish(actor(request), definition, item.current.period);
    return reply.redirect(measuresPath('measure', { id: definition.id }, { period: item.current.period.key, [saved ? 'published' : 'already']: 1 }), 303);
  });

  app.get(MEASURES_ROUTES.published, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const definition = definitionOf(request);
    const period = periodOf(request, definition);
    if (!period) throw badRequest('Say which period: add ?period= to the address.');
    const result = await measures.reproduce(user.tenantId, definition, period);
    if (!result) throw notFound();
    return reply.view('measures/views/published.njk', {
      pageTitle: `${definition.title}: published figure`,
      definition,
      period,
      result: { ...result, reasons: result.reasons.map((r) => ({ ...r, href: r.contact_id ? contactPath(r.contact_id) : null })) },
      canSeeRecords: can(request, 'measures:records'),
      backLink: { href: measuresPath('measure', { id: definition.id }, { period: period.key }), text: definition.title },
    });
  });

  // ——— settings: the scorecard, a measure's owner and target ———
  async function scorecardSettingsPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    const chosen = await measures.scorecardSettings(user.tenantId);
    return reply.code(status).view('measures/views/settings.njk', {
      pageTitle: 'Choose the scorecard',
      measures: MEASURE_CHOICES,
      values: { measures: chosen.map((c) => c.measure_id) },
      max: SCORECARD_MAX,
      backLink: { href: measuresPath('scorecard', {}), text: 'Measures' },
      ...extra,
    });
  }

  app.get(MEASURES_ROUTES.settings, { config: { rule: 'measures:manage' } }, async (request, reply) => scorecardSettingsPage(request, reply));

  app.post(MEASURES_ROUTES.settings, { config: { rule: 'measures:manage' } }, async (request, reply) => {
    const user = requireUser(request);
    const form = parseForm(scorecardForm, request.body);
    if (!form.ok) return scorecardSettingsPage(request, reply, { errors: form.errors, values: { measures: form.values.measures ?? [] } }, 400);
    const current = new Map((await measures.scorecardSettings(user.tenantId)).map((c) => [c.measure_id, c.period_type]));
    const entries = MEASURES.filter((m) => form.value.measures.includes(m.id)).map((m) => ({ measureId: m.id, periodType: current.get(m.id) ?? m.defaultPeriod }));
    await measures.saveScorecard(actor(request), entries);
    return reply.redirect(measuresPath('scorecard', {}, { saved: 1 }), 303);
  });

  async function measureSettingsPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    const definition = definitionOf(request);
    const entry = await settings.scorecardEntry(db, user.tenantId, definition.id);
    if (!entry) return sendProblem(request, reply, 409, `${definition.title} is not on the scorecard: choose it for the scorecard first.`);
    const users = (await services.accounts.listUsers(user.tenantId)).filter((u) => !u.disabled_at);
    return reply.code(status).view('measures/views/measure-settings.njk', {
      pageTitle: `Settings: ${definition.title}`,
      definition,
      periods: PERIOD_CHOICES.filter((p) => definition.periods.includes(p.code)),
      users,
      values: {
        periodType: entry.period_type,
        ownerUserId: entry.owner_user_id ?? '',
        target: entry.target_value ?? definition.target?.value ?? '',
        tolerance: entry.target_tolerance ?? definition.target?.tolerance ?? '',
      },
      action: measuresPath('measureSettings', { id: definition.id }),
      backLink: { href: measuresPath('measure', { id: definition.id }), text: definition.title },
      ...extra,
    });
  }

  app.get(MEASURES_ROUTES.measureSettings, { config: { rule: 'measures:manage' } }, async (request, reply) => measureSettingsPage(request, reply));

  app.post(MEASURES_ROUTES.measureSettings, { config: { rule: 'measures:manage' } }, async (request, reply) => {
    const user = requireUser(request);
    const definition = definitionOf(request);
    const form = parseForm(measureSettingsForm(definition.id), request.body);
    if (!form.ok) return measureSettingsPage(request, reply, { errors: form.errors, values: form.values }, 400);
    if (form.value.ownerUserId && !(await services.accounts.listUsers(user.tenantId)).some((u) => u.id === form.value.ownerUserId && !u.disabled_at)) {
      return measureSettingsPage(request, reply, { errors: errorsFrom({ ownerUserId: 'Select the owner from the list' }), values: request.body as Query }, 400);
    }
    const saved = await measures.saveMeasureSettings(actor(request), definition.id, {
      periodType: form.value.periodType,
      ownerUserId: form.value.ownerUserId,
      targetValue: form.value.target,
      targetTolerance: form.value.tolerance,
    });
    if (!saved) return sendProblem(request, reply, 409, `${definition.title} is not on the scorecard: choose it for the scorecard first.`);
    return reply.redirect(measuresPath('measure', { id: definition.id }, { saved: 1 }), 303);
  });

  // ——— reference data ———
  async function referencePage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    return reply.code(status).view('measures/views/reference.njk', {
      pageTitle: 'Reference data',
      populations: await settings.populations(db, user.tenantId),
      comparators: await settings.comparators(db, user.tenantId),
      groups: POPULATION_CHOICES,
      kinds: COMPARATOR_CHOICES,
      measureChoices: MEASURE_CHOICES,
      canManage: can(request, 'measures:manage'),
      backLink: { href: measuresPath('scorecard', {}), text: 'Measures' },
      flash: (request.query as Query).saved ? 'Saved' : undefined,
      ...extra,
    });
  }

  app.get(MEASURES_ROUTES.reference, { config: { rule: 'measures:view' } }, async (request, reply) => referencePage(request, reply));

  const referenceForm = (template: string, title: string) => async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.code(status).view(`measures/views/${template}.njk`, {
      pageTitle: title,
      groups: POPULATION_CHOICES,
      kinds: COMPARATOR_CHOICES,
      measureChoices: MEASURE_CHOICES,
      values: {},
      backLink: { href: measuresPath('reference', {}), text: 'Reference data' },
      ...extra,
    });
  const populationPage = referenceForm('population', 'Add or change a population');
  const comparatorPage = referenceForm('comparator', 'Add or change a comparator');

  app.get(MEASURES_ROUTES.populations, { config: { rule: 'measures:manage' } }, async (request, reply) => populationPage(request, reply));
  app.post(MEASURES_ROUTES.populations, { config: { rule: 'measures:manage' } }, async (request, reply) => {
    const form = parseForm(populationForm(today), request.body);
    if (!form.ok) return populationPage(request, reply, { errors: form.errors, values: form.values }, 400);
    await measures.savePopulation(actor(request), { group: form.value.group, year: form.value.year, value: form.value.population!, source: form.value.source });
    return reply.redirect(measuresPath('reference', {}, { saved: 1 }), 303);
  });

  app.get(MEASURES_ROUTES.comparators, { config: { rule: 'measures:manage' } }, async (request, reply) => comparatorPage(request, reply));
  app.post(MEASURES_ROUTES.comparators, { config: { rule: 'measures:manage' } }, async (request, reply) => {
    const form = parseForm(comparatorForm(today), request.body);
    if (!form.ok) return comparatorPage(request, reply, { errors: form.errors, values: form.values }, 400);
    await measures.saveComparator(actor(request), { measureId: form.value.measureId, kind: form.value.kind, year: form.value.year, value: form.value.value!, source: form.value.source });
    return reply.redirect(measuresPath('reference', {}, { saved: 1 }), 303);
  });

  // ——— outputs for the board ———
  async function boardItems(request: FastifyRequest) {
    const user = requireUser(request);
    const items = await measures.scorecard(user.tenantId, today());
    const commentaries = await Promise.all(items.map((i) => measures.commentary(user.tenantId, i.definition.id, i.current.period.key)));
    return { user, items, commentaries };
  }

  app.get(MEASURES_ROUTES.scorecardCsv, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const { items } = await boardItems(request);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="scorecard.csv"')
      .send(scorecardCsv(items));
  });

  app.get(MEASURES_ROUTES.scorecardXlsx, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const { items } = await boardItems(request);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="scorecard.xlsx"')
      .send(await scorecardXlsx(items));
  });

  async function report(request: FastifyRequest, standalone: boolean): Promise<string> {
    const { user, items, commentaries } = await boardItems(request);
    const inlineCss = standalone
      ? (await Promise.all([readFile(join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.css'), 'utf8'), readFile(join(SRC_DIR, 'public', 'app.css'), 'utf8')])).join('\n')
      : null;
    return app.view('measures/views/report.njk', {
      pageTitle: 'Board report',
      area: (await services.organisations.tenant(user.tenantId))?.name ?? '',
      generatedAt: new Date(),
      measures: await reportModel(items, commentaries),
      standalone,
      inlineCss,
    });
  }

  app.get(MEASURES_ROUTES.report, { config: { rule: 'measures:view' } }, async (request, reply) => reply.type('text/html; charset=utf-8').send(await report(request, false)));

  app.get(MEASURES_ROUTES.reportPdf, { config: { rule: 'measures:view' } }, async (request, reply) => {
    const pdf = await htmlToPdf(await report(request, true));
    if (!pdf.ok) return sendProblem(request, reply, 503, pdf.problem);
    return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="board-report.pdf"').send(pdf.pdf);
  });
}
