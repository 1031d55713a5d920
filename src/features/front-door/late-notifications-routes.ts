/**
 * The area's lags for late notifications: how long after its incident a notification may reach the front door, per
 * police risk grading, with where the standard comes from. Administrators only (admin:manage); every change audited.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { LAG_HOURS_MAX, LAG_HOURS_MIN, LAG_RISK_LABELS, LAG_RISK_LEVELS, type LagRiskLevel } from '../../domain/incidents.js';
import { requireUser, userActor } from '../../platform/authz.js';
import { errorsFrom, form, integerIn, parseForm, requiredText } from '../../platform/forms.js';
import { type LateNotificationService } from './late-notifications-service.js';

export const LATE_NOTIFICATION_SETTINGS_PATH = '/admin/late-notifications';

/** The form's field for each risk grading. */
const FIELD: Record<LagRiskLevel, 'high' | 'medium' | 'standard' | 'notGraded'> = { high: 'high', medium: 'medium', standard: 'standard', not_graded: 'notGraded' };

const hours = (level: LagRiskLevel) => integerIn(LAG_HOURS_MIN, LAG_HOURS_MAX, `Enter the hours allowed for ${LAG_RISK_LABELS[level].toLowerCase()} notifications, a whole number from ${LAG_HOURS_MIN} to ${LAG_HOURS_MAX}`);

export const lagForm = form({
  high: hours('high'),
  medium: hours('medium'),
  standard: hours('standard'),
  notGraded: hours('not_graded'),
  source: requiredText({ label: 'Where these lags come from', required: 'Enter where these lags come from, like your MASH protocol', max: 500 }),
});

export function registerLateNotificationRoutes(app: FastifyInstance, services: { lateNotifications: LateNotificationService }): void {
  const { lateNotifications } = services;
  const config = { rule: 'admin:manage' as const };

  async function page(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    const { setting, own } = await lateNotifications.settingView(user.tenantId);
    const changed = LAG_RISK_LEVELS.find((l) => own[l]);
    const source = changed ? setting[changed].source : '';
    return reply.code(status).view('front-door/views/late-notification-settings.njk', {
      pageTitle: 'Late notifications',
      levels: LAG_RISK_LEVELS.map((l) => ({ field: FIELD[l], label: LAG_RISK_LABELS[l], hours: setting[l].hours, source: setting[l].source, own: !!own[l], updatedAt: own[l]?.updatedAt ?? null })),
      values: { ...Object.fromEntries(LAG_RISK_LEVELS.map((l) => [FIELD[l], String(setting[l].hours)])), source },
      flash: (request.query as Record<string, unknown>).saved ? 'The lags have been saved' : undefined,
      backLink: { href: '/admin', text: 'Administration' },
      ...extra,
    });
  }

  app.get(LATE_NOTIFICATION_SETTINGS_PATH, { config }, async (request, reply) => page(request, reply));

  app.post(LATE_NOTIFICATION_SETTINGS_PATH, { config }, async (request, reply) => {
    const parsed = parseForm(lagForm, request.body);
    if (!parsed.ok) return page(request, reply, { errors: parsed.errors, values: parsed.values }, 400);
    const v = parsed.value;
    const result = await lateNotifications.saveSetting(userActor(request), { high: v.high, medium: v.medium, standard: v.standard, not_graded: v.notGraded }, v.source);
    if ('problems' in result) {
      const problems = Object.fromEntries(Object.entries(result.problems).map(([k, text]) => [k === 'source' ? 'source' : FIELD[k as LagRiskLevel], text!]));
      return page(request, reply, { errors: errorsFrom(problems), values: request.body }, 400);
    }
    return reply.redirect(`${LATE_NOTIFICATION_SETTINGS_PATH}?saved=1`, 303);
  });
}
