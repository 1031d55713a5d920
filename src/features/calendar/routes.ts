/** Bank holidays and timescales (system administrators). */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DEFAULT_TIMESCALES, TIMESCALE_UNITS, type TimescaleUnit, unitsFor } from '../../domain/timescales.js';
import { actorOf, requireUser } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { errorsFrom, requiredDateInput, integerIn, parseForm, requiredText, form } from '../../platform/forms.js';
import { CALENDAR_ROUTES, calendarPath } from './paths.js';
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

  async function page(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const years = await calendarAdmin.years(await division(request));
    const latest = years[0]?.year ?? new Date().getFullYear();
    return reply.code(status).view('calendar/views/bank-holidays.njk', { pageTitle: 'Bank holidays', years, nextYear: latest + 1, ...extra });
  }

  app.get(CALENDAR_ROUTES.bankHolidays, { config: rule }, async (request, reply) => page(request, reply));

  app.post(CALENDAR_ROUTES.bankHolidays, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    const form = parseForm(holidayForm, request.body);
    if (!form.ok) return page(request, reply, { errors: form.errors, values: form.values }, 400);
    const result = await calendarAdmin.addHoliday({ ...actorOf(request), tenantId: user.tenantId }, await division(request), form.value.date, form.value.title);
    if ('problem' in result) return page(request, reply, { errors: errorsFrom({ date: result.problem }, request.body as Record<string, unknown>), values: request.body }, 409);
    return reply.redirect(calendarPath('bankHolidays', {}), 303);
  });

  app.post(CALENDAR_ROUTES.bankHolidayYears, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    const form = parseForm(yearForm, request.body);
    if (!form.ok) return page(request, reply, { errors: form.errors, yearValues: form.values }, 400);
    const result = await calendarAdmin.addYearFromRules({ ...actorOf(request), tenantId: user.tenantId }, await division(request), form.value.year);
    if ('problem' in result) return page(request, reply, { errors: errorsFrom({ year: result.problem }), yearValues: form.value }, 409);
    return reply.redirect(calendarPath('bankHolidays', {}), 303);
  });

  app.post(CALENDAR_ROUTES.removeBankHoliday, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    const form = parseForm(removeForm, request.body);
    if (!form.ok) return page(request, reply, { errors: form.errors }, 400);
    await calendarAdmin.removeHoliday({ ...actorOf(request), tenantId: user.tenantId }, await division(request), form.value.date);
    return reply.redirect(calendarPath('bankHolidays', {}), 303);
  });

  async function timescalesPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    return reply.code(status).view('calendar/views/timescales.njk', { pageTitle: 'Timescales', units: TIMESCALE_UNITS, timescales: (await calendarAdmin.timescales(user.tenantId)).map((t) => ({
        ...t,
        action: calendarPath('timescale', { code: t.code }),
        // School days only for a timescale that is in school days by default (its callers hold a school calendar).
        unitItems: (chosen: unknown) => unitsFor(t.defaultUnit).map((u) => ({ value: u, text: TIMESCALE_UNITS[u].charAt(0).toUpperCase() + TIMESCALE_UNITS[u].slice(1), checked: chosen === u })),
      })),
      ...extra,
    });
  }

  app.get(CALENDAR_ROUTES.timescales, { config: rule }, async (request, reply) => timescalesPage(request, reply));

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
      // Each timescale has its own form on the page: point the summary at this one's fields.
      const errors = { ...form.errors, summary: form.errors.summary.map((e) => ({ ...e, href: e.href.replace('#', `#${code}-`) })) };
      return timescalesPage(request, reply, { errors, editing: code, values: form.values }, 400);
    }
    await calendarAdmin.setTimescale({ ...actorOf(request), tenantId: user.tenantId }, code, form.value.amount, form.value.unit, form.value.source);
    return reply.redirect(calendarPath('timescales', {}), 303);
  });
}
