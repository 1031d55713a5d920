/** Administration of users and their role assignments (system administrators). */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ALL_ROLES, ROLES, type Role, isRole } from '../../domain/roles.js';
import { actorOf, requireUser } from '../../platform/authz.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { errorsFrom, form, noFields, optionalUuid, parseForm, requiredText } from '../../platform/forms.js';
import { idParam, isUuid, pageParam, queryString } from '../../platform/params.js';
import { pagination } from '../../platform/pagination.js';
import { type OrganisationService } from '../organisations/service.js';
import { ACCOUNTS_ROUTES, accountsPath } from './paths.js';
import { type AccountService, type UserInput } from './service.js';
import { type UserShow } from './repository.js';

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;

const PAGE_SIZE = 25;
/** The users list's filters (the administrator's home page counts open the last two). */
const USER_SHOWS: Record<UserShow, string> = { all: 'All users', slowed: 'Sign-ins slowed', dormant: 'Not signed in for 90 days' };

const roleItems = ALL_ROLES.map((r) => ({ code: r, label: ROLES[r] }));

function userForm(passwordRequired: boolean) {
  return form({
    displayName: requiredText({ label: 'Full name', required: 'Enter the user’s full name', max: 120 }),
    email: requiredText({ label: 'Email address', required: 'Enter the user’s email address', max: 254 }).refine(
      (v) => EMAIL.test(v),
      'Enter an email address in the correct format, like name@example.gov.uk',
    ),
    agencyId: z.unknown().optional().refine(isUuid, 'Select the user’s agency').transform((v) => String(v)),
    teamId: optionalUuid('Select a team from the list'),
    roles: z.unknown().optional().transform((v, ctx): Role[] => {
      const values = v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v];
      if (values.length === 0) {
        ctx.addIssue({ code: 'custom', message: 'Select at least one role' });
        return z.NEVER;
      }
      if (!values.every((x) => typeof x === 'string' && isRole(x))) {
        ctx.addIssue({ code: 'custom', message: 'Select roles from the list' });
        return z.NEVER;
      }
      return [...new Set(values as Role[])];
    }),
    password: z.unknown().optional().transform((v, ctx): string | null => {
      if (v === undefined || v === '') {
        if (passwordRequired) {
          ctx.addIssue({ code: 'custom', message: 'Enter a password, or choose sign-in through the identity provider only' });
          return z.NEVER;
        }
        return null;
      }
      if (typeof v !== 'string') {
        ctx.addIssue({ code: 'custom', message: 'Password must be text' });
        return z.NEVER;
      }
      return v;
    }),
    identityProviderOnly: z.unknown().optional(),
  });
}

export function registerAccountAdminRoutes(app: FastifyInstance, services: { accounts: AccountService; organisations: OrganisationService }): void {
  const { accounts, organisations } = services;
  const rule = { rule: 'admin:manage' as const };

  async function formPage(request: FastifyRequest, reply: FastifyReply, view: Record<string, unknown>, status = 200) {
    const user = requireUser(request);
    return reply.code(status).view('accounts/views/user-form.njk', {
      agencies: await organisations.agencies(user.tenantId, { activeOnly: true }),
      teams: await organisations.teams(user.tenantId),
      roleItems,
      backLink: { href: accountsPath('users', {}), text: 'Users' },
      ...view,
    });
  }

  async function checkAgencyAndTeam(tenantId: string, input: UserInput): Promise<Record<string, string>> {
    const problems: Record<string, string> = {};
    const agency = await organisations.agency(tenantId, input.agencyId);
    if (!agency) problems.agencyId = 'Select the user’s agency';
    if (input.teamId) {
      const teams = await organisations.teams(tenantId, input.agencyId);
      if (!teams.some((t) => t.id === input.teamId)) problems.teamId = 'Select a team that belongs to the user’s agency';
    }
    return problems;
  }

  app.get(ACCOUNTS_ROUTES.users, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    const raw = queryString(request, 'show', 10);
    const show: UserShow = raw === 'slowed' || raw === 'dormant' ? raw : 'all';
    const page = pageParam(request);
    const found = await accounts.userPage(user.tenantId, show, page, PAGE_SIZE);
    const users = found.rows.map((u) => ({ ...u, href: accountsPath('user', { id: u.id }) }));
    return reply.view('accounts/views/users.njk', {
      pageTitle: 'Users',
      users,
      roles: ROLES,
      total: found.total,
      tabs: (['all', 'slowed', 'dormant'] as const).map((s) => ({ text: USER_SHOWS[s], href: accountsPath('users', {}, s === 'all' ? {} : { show: s }), current: s === show })),
      pagination: pagination(page, found.total, PAGE_SIZE, (n) => accountsPath('users', {}, { ...(show === 'all' ? {} : { show }), page: n })),
    });
  });

  app.get(ACCOUNTS_ROUTES.newUser, { config: rule }, async (request, reply) =>
    formPage(request, reply, { pageTitle: 'Add a user', action: accountsPath('users', {}), values: {} }),
  );

  app.post(ACCOUNTS_ROUTES.users, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    const body = request.body as Record<string, unknown>;
    const form = parseForm(userForm(body?.identityProviderOnly !== 'yes'), body);
    const view = { pageTitle: 'Add a user', action: accountsPath('users', {}) };
    if (!form.ok) return formPage(request, reply, { ...view, errors: form.errors, values: form.values }, 400);
    const input: UserInput = { ...form.value, password: form.value.password };
    const placement = await checkAgencyAndTeam(user.tenantId, input);
    if (Object.keys(placement).length) return formPage(request, reply, { ...view, errors: errorsFrom(placement), values: body }, 400);
    const result = await accounts.createUser({ ...actorOf(request), tenantId: user.tenantId }, input);
    if ('problems' in result) return formPage(request, reply, { ...view, errors: errorsFrom(result.problems), values: body }, 409);
    return reply.redirect(accountsPath('user', { id: result.id }, { saved: 1 }), 303);
  });

  async function existing(request: FastifyRequest) {
    const user = requireUser(request);
    const target = await accounts.getUser(user.tenantId, idParam(request));
    if (!target) throw notFound();
    return { user, target };
  }

  /** A user's own page: the form saves to it, and its buttons act on the account. */
  function userView(target: { id: string; display_name: string }) {
    const id = target.id;
    return {
      pageTitle: target.display_name,
      action: accountsPath('user', { id }),
      target,
      accountActions: {
        clearSignInFailures: accountsPath('clearSignInFailures', { id }),
        resetSecondFactor: accountsPath('resetSecondFactor', { id }),
        enable: accountsPath('enableUser', { id }),
        disable: accountsPath('disableUser', { id }),
      },
    };
  }

  app.get(ACCOUNTS_ROUTES.user, { config: { ...rule, records: { id: 'user' } } }, async (request, reply) => {
    const { target } = await existing(request);
    return formPage(request, reply, {
      ...userView(target),
      flash: (request.query as { saved?: string }).saved ? 'User saved' : undefined,
      values: { displayName: target.display_name, email: target.email, agencyId: target.agency_id, teamId: target.team_id, roles: target.roles ?? [] },
    });
  });

  app.post(ACCOUNTS_ROUTES.user, { config: { ...rule, records: { id: 'user' } } }, async (request, reply) => {
    const { user, target } = await existing(request);
    const body = request.body as Record<string, unknown>;
    const form = parseForm(userForm(false), body);
    const view = userView(target);
    if (!form.ok) return formPage(request, reply, { ...view, errors: form.errors, values: form.values }, 400);
    const input: UserInput = form.value;
    const placement = await checkAgencyAndTeam(user.tenantId, input);
    if (Object.keys(placement).length) return formPage(request, reply, { ...view, errors: errorsFrom(placement), values: body }, 400);
    const result = await accounts.updateUser({ ...actorOf(request), tenantId: user.tenantId }, target.id, input);
    if ('problems' in result) return formPage(request, reply, { ...view, errors: errorsFrom(result.problems), values: body }, 409);
    return reply.redirect(accountsPath('user', { id: target.id }, { saved: 1 }), 303);
  });

  const actions: [route: 'clearSignInFailures' | 'disableUser' | 'enableUser' | 'resetSecondFactor', act: (actor: Parameters<typeof accounts.setDisabled>[0], id: string) => Promise<void>][] = [
    // There is no account lock: this clears the failed sign-ins counted against the account, ending its delays.
    ['clearSignInFailures', (actor, id) => accounts.clearFailedSignIns(actor, id)],
    ['disableUser', (actor, id) => accounts.setDisabled(actor, id, true)],
    ['enableUser', (actor, id) => accounts.setDisabled(actor, id, false)],
    ['resetSecondFactor', (actor, id) => accounts.resetSecondFactor(actor, id)],
  ];
  for (const [route, act] of actions) {
    app.post(ACCOUNTS_ROUTES[route], { config: { ...rule, records: { id: 'user' } } }, async (request, reply) => {
      const { user, target } = await existing(request);
      if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
      if (target.id === user.userId && route !== 'clearSignInFailures') {
        return formPage(request, reply, {
          ...userView(target),
          values: { displayName: target.display_name, email: target.email, agencyId: target.agency_id, teamId: target.team_id, roles: target.roles ?? [] },
          errors: errorsFrom({ roles: 'You cannot disable your own account or reset your own second factor here' }),
        }, 400);
      }
      await act({ ...actorOf(request), tenantId: user.tenantId }, target.id);
      return reply.redirect(accountsPath('user', { id: target.id }, { saved: 1 }), 303);
    });
  }
}
