/** Bank holidays and timescales (system administrators). */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DEFAULT_TIMESCALES, TIMESCALE_UNITS, type TimescaleUnit, unitsFor } from '../../domain/timescales.js';
import { actorOf, requireUser } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { errorsFrom, requiredDateInput, integerIn, parseForm, requiredText, form } from '../../platform/forms.js';
import { CALENDAR_ROUTES, calendarPath } from './paths.js';
import { chosenArea, chosenYear, timescaleArea, timescaleAreas, yearPagination } from './presenters.js';
import { type CalendarAdminService } from './service.js';
import { type OrganisationService } from '../organisations/service.js';

const holidayForm = form({
  date: requiredDateInput({ label: 'Date', required: 'Enter the date of the bank holiday', minYear: 2000 }),
  title: requiredText({ label: 'Name', required: 'Enter the name of the bank holiday', max: 100 }),
});

const yearForm = form({ year: integerIn(2000, 2100, 'Enter a year from 2000 to 2100, like 2028') });

const removeForm = form({
  date: requiredText({ label: 'Date', required: 'Select a date', max: 10 }).refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), 'Select a date'),
});

const timescaleForm = form({
  amount: integerIn(0, 365, 'Enter a whole number from 0 to 365'),
  unit: z.unknown().optional().refine((v): v is TimescaleUnit => typeof v === 'string' && Object.hasOwn(TIMESCALE_UNITS, v), 'Select the unit: working days, working hours, months or school days').transform((v) => v as TimescaleUnit),
  source: requiredText({ label: 'Source', required: 'Enter where this timescale comes from (the local policy or guidance)', max: 300 }),
});

export function registerCalendarRoutes(app: FastifyInstance, services: { calendarAdmin: CalendarAdminService; organisations: OrganisationService }): void {
  const { calendarAdmin, organisations } = services;
  const rule = { rule: 'admin:manage' as const };

  async function division(request: FastifyRequest): Promise<string> {
    const user = requireUser(request);
    return (await organisations.tenant(user.tenantId))?.calendarDivision ?? 'england-and-wales';
  }

  /** One year's bank holidays (`?year=`, read strictly: a year not in the calendar shows the default one), with the forms. */
  async function page(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const years = await calendarAdmin.years(await division(request));
    const latest = years[0]?.year ?? calendarAdmin.thisYear();
    const numbers = years.map((y) => y.year);
    const year = chosenYear(numbers, (request.query as Record<string, unknown> | undefined)?.year, calendarAdmin.thisYear());
    const href = (y: number) => calendarPath('bankHolidays', {}, { year: y });
    return reply.code(status).view('calendar/views/bank-holidays.njk', {
      pageTitle: year === undefined ? 'Bank holidays' : `Bank holidays in ${year}`,
      shown: years.find((y) => y.year === year),
      yearLinks: [...numbers].sort((a, b) => a - b).map((y) => ({ text: String(y), href: href(y), current: y === year })),
      pagination: year === undefined ? null : yearPagination(numbers, year, href),
      nextYear: latest + 1,
      ...extra,
    });
  }

  app.get(CALENDAR_ROUTES.bankHolidays, { config: rule }, async (request, reply) => page(request, reply));

  app.post(CALENDAR_ROUTES.bankHolidays, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    const form = parseForm(holidayForm, request.body);
    if (!form.ok) return page(request, reply, { errors: form.errors, values: form.values }, 400);
    const result = await calendarAdmin.addHoliday({ ...actorOf(request), tenantId: user.tenantId }, await division(request), form.value.date, form.value.title);
    if ('problem' in result) return page(request, reply, { errors: errorsFrom({ date: result.problem }, request.body as Record<string, unknown>), values: request.body }, 409);
    return reply.redirect(calendarPath('bankHolidays', {}, { year: form.value.date.slice(0, 4) }), 303);
  });

  app.post(CALENDAR_ROUTES.bankHolidayYears, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    const form = parseForm(yearForm, request.body);
    if (!form.ok) return page(request, reply, { errors: form.errors, yearValues: form.values }, 400);
    const result = await calendarAdmin.addYearFromRules({ ...actorOf(request), tenantId: user.tenantId }, await division(request), form.value.year);
    if ('problem' in result) return page(request, reply, { errors: errorsFrom({ year: result.problem }), yearValues: form.value }, 409);
    return reply.redirect(calendarPath('bankHolidays', {}, { year: form.value.year }), 303);
  });

  app.post(CALENDAR_ROUTES.removeBankHoliday, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    const form = parseForm(removeForm, request.body);
    if (!form.ok) return page(request, reply, { errors: form.errors }, 400);
    await calendarAdmin.removeHoliday({ ...actorOf(request), tenantId: user.tenantId }, await division(request), form.value.date);
    return reply.redirect(calendarPath('bankHolidays', {}, { year: form.value.date.slice(0, 4) }), 303);
  });

  /** The timescales of one area of work (`?area=`, read strictly), as a table with a link to change each. */
  app.get(CALENDAR_ROUTES.timescales, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    const all = await calendarAdmin.timescales(user.tenantId);
    const areas = timescaleAreas(all.map((t) => t.code));
    const area = chosenArea(areas, (request.query as Record<string, unknown> | undefined)?.area);
    return reply.view('calendar/views/timescales.njk', {
      pageTitle: area ? `Timescales: ${area.name}` : 'Timescales',
      units: TIMESCALE_UNITS,
      area,
      tabs: areas.map((a) => ({ text: a.name, href: calendarPath('timescales', {}, { area: a.slug }), current: a.slug === area?.slug })),
      timescales: all.filter((t) => timescaleArea(t.code).slug === area?.slug).map((t) => ({ ...t, href: calendarPath('timescale', { code: t.code }) })),
    });
  });

  /** One timescale's page: its default and source, and the form to set the area's own. */
  async function timescalePage(request: FastifyRequest, reply: FastifyReply, code: string, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    const t = (await calendarAdmin.timescales(user.tenantId)).find((x) => x.code === code);
    if (!t) throw notFound();
    const area = timescaleArea(t.code);
    return reply.code(status).view('calendar/views/timescale.njk', {
      pageTitle: t.title,
      units: TIMESCALE_UNITS,
      t: { ...t, action: calendarPath('timescale', { code: t.code }) },
      // School days only for a timescale that is in school days by default (its callers hold a school calendar).
      unitItems: (chosen: unknown) => unitsFor(t.defaultUnit).map((u) => ({ value: u, text: TIMESCALE_UNITS[u].charAt(0).toUpperCase() + TIMESCALE_UNITS[u].slice(1), checked: chosen === u })),
      backLink: { href: calendarPath('timescales', {}, { area: area.slug }), text: `Timescales: ${area.name}` },
      ...extra,
    });
  }

  app.get(CALENDAR_ROUTES.timescale, { config: rule }, async (request, reply) => timescalePage(request, reply, (request.params as { code: string }).code));

  app.post(CALENDAR_ROUTES.timescale, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    const code = (request.params as { code: string }).code;
    if (!DEFAULT_TIMESCALES.some((t) => t.code === code)) throw notFound();
    const parsed = parseForm(timescaleForm, request.body);
    const defaultUnit = DEFAULT_TIMESCALES.find((t) => t.code === code)!.unit;
    const allowed = unitsFor(defaultUnit);
    const form: typeof parsed = parsed.ok && !allowed.includes(parsed.value.unit)
      ? { ok: false, errors: errorsFrom({ unit: `Select ${allowed.map((u) => TIMESCALE_UNITS[u]).join(' or ')}: this timescale cannot be counted in ${TIMESCALE_UNITS[parsed.value.unit]}` }, request.body as Record<string, unknown>), values: request.body as Record<string, unknown> }
      : parsed;
    if (!form.ok) {
      // The fields carry the timescale's code in their ids: point the summary at them.
      const errors = { ...form.errors, summary: form.errors.summary.map((e) => ({ ...e, href: e.href.replace('#', `#${code}-`) })) };
      return timescalePage(request, reply, code, { errors, values: form.values }, 400);
    }
    await calendarAdmin.setTimescale({ ...actorOf(request), tenantId: user.tenantId }, code, form.value.amount, form.value.unit, form.value.source);
    return reply.redirect(calendarPath('timescales', {}, { area: timescaleArea(code).slug }), 303);
  });
}
