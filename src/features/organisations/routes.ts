/** Administration of agencies, teams and schools (system administrators). */
import { type FastifyInstance } from 'fastify';
import { AGENCY_TYPES, SCHOOL_PHASES } from '../../domain/codes.js';
import { actorOf, requireUser } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { choice, errorsFrom, form, optionalPostcode, optionalText, parseForm, requiredText, yesNo } from '../../platform/forms.js';
import { pagination } from '../../platform/pagination.js';
import { idParam, pageParam } from '../../platform/params.js';
import { ORGANISATIONS_ROUTES, organisationsPath } from './paths.js';
import { type OrganisationService } from './service.js';

const agencyForm = form({
  name: requiredText({ label: 'Name', required: 'Enter the agency’s name', max: 150 }),
  type: choice(AGENCY_TYPES, 'Select the type of agency'),
  externalCode: optionalText({ label: 'Code', max: 20 }),
});

const AGENCIES_PAGE_SIZE = 25;

const agencyEditForm = agencyForm.extend({ active: yesNo('Select whether the agency is active') });

const teamForm = form({ teamName: requiredText({ label: 'Team name', required: 'Enter the team’s name', max: 150 }) });

const schoolForm = form({
  name: requiredText({ label: 'Name', required: 'Enter the school’s name', max: 150 }),
  urn: requiredText({ label: 'URN', required: 'Enter the school’s URN', max: 10 }).refine(
    (v) => /^\d{6}$/.test(v),
    'URN must be 6 digits, like 123456',
  ),
  phase: choice(SCHOOL_PHASES, 'Select the school’s phase'),
  postcode: optionalPostcode(),
});

export function registerOrganisationRoutes(app: FastifyInstance, services: { organisations: OrganisationService }): void {
  const { organisations } = services;
  const rule = { rule: 'admin:manage' as const };

  app.get(ORGANISATIONS_ROUTES.admin, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    const tenant = await organisations.tenant(user.tenantId);
    return reply.view('organisations/views/admin-home.njk', { pageTitle: 'Administration', tenant });
  });

  /** The agencies, 25 a page (a page beyond the last shows the last). */
  async function agenciesPage(tenantId: string, extra: Record<string, unknown> = {}, page = 1) {
    const all = await organisations.agencies(tenantId);
    const last = Math.max(1, Math.ceil(all.length / AGENCIES_PAGE_SIZE));
    const current = Math.min(page, last);
    const agencies = all
      .slice((current - 1) * AGENCIES_PAGE_SIZE, current * AGENCIES_PAGE_SIZE)
      .map((a) => ({ ...a, href: organisationsPath('agency', { id: a.id }) }));
    return {
      pageTitle: current > 1 ? `Agencies (page ${current} of ${last})` : 'Agencies',
      agencies,
      total: all.length,
      pagination: pagination(current, all.length, AGENCIES_PAGE_SIZE, (n) => organisationsPath('agencies', {}, n > 1 ? { page: n } : {})),
      ...extra,
    };
  }

  app.get(ORGANISATIONS_ROUTES.agencies, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    return reply.view('organisations/views/agencies.njk', await agenciesPage(user.tenantId, {}, pageParam(request)));
  });

  app.post(ORGANISATIONS_ROUTES.agencies, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    const form = parseForm(agencyForm, request.body);
    if (!form.ok) return reply.code(400).view('organisations/views/agencies.njk', await agenciesPage(user.tenantId, { errors: form.errors, values: form.values }));
    const result = await organisations.createAgency({ ...actorOf(request), tenantId: user.tenantId }, form.value);
    if ('problems' in result) {
      return reply.code(409).view('organisations/views/agencies.njk', await agenciesPage(user.tenantId, { errors: errorsFrom(result.problems), values: form.value }));
    }
    return reply.redirect(organisationsPath('agency', { id: result.id }), 303);
  });

  async function agencyPage(tenantId: string, id: string, extra: Record<string, unknown> = {}) {
    const agency = await organisations.agency(tenantId, id);
    if (!agency) throw notFound();
    return {
      pageTitle: agency.name,
      agency,
      teams: await organisations.teams(tenantId, id),
      actions: { save: organisationsPath('agency', { id: agency.id }), addTeam: organisationsPath('agencyTeams', { id: agency.id }) },
      backLink: { href: organisationsPath('agencies', {}), text: 'Agencies' },
      ...extra,
    };
  }

  app.get(ORGANISATIONS_ROUTES.agency, { config: { ...rule, records: { id: 'agency' } } }, async (request, reply) => {
    const user = requireUser(request);
    return reply.view('organisations/views/agency.njk', await agencyPage(user.tenantId, idParam(request)));
  });

  app.post(ORGANISATIONS_ROUTES.agency, { config: { ...rule, records: { id: 'agency' } } }, async (request, reply) => {
    const user = requireUser(request);
    const id = idParam(request);
    const form = parseForm(agencyEditForm, request.body);
    if (!form.ok) return reply.code(400).view('organisations/views/agency.njk', await agencyPage(user.tenantId, id, { errors: form.errors, values: form.values }));
    await agencyPage(user.tenantId, id); // 404 for an agency of another area
    const result = await organisations.updateAgency({ ...actorOf(request), tenantId: user.tenantId }, id, form.value);
    if ('problems' in result) {
      return reply.code(409).view('organisations/views/agency.njk', await agencyPage(user.tenantId, id, { errors: errorsFrom(result.problems), values: form.value }));
    }
    return reply.redirect(organisationsPath('agency', { id }, { saved: 1 }), 303);
  });

  app.post(ORGANISATIONS_ROUTES.agencyTeams, { config: { ...rule, records: { id: 'agency' } } }, async (request, reply) => {
    const user = requireUser(request);
    const id = idParam(request);
    await agencyPage(user.tenantId, id);
    const form = parseForm(teamForm, request.body);
    if (!form.ok) return reply.code(400).view('organisations/views/agency.njk', await agencyPage(user.tenantId, id, { errors: form.errors, teamValues: form.values }));
    const result = await organisations.createTeam({ ...actorOf(request), tenantId: user.tenantId }, id, form.value.teamName);
    if ('problems' in result) {
      return reply.code(409).view('organisations/views/agency.njk', await agencyPage(user.tenantId, id, { errors: errorsFrom(result.problems), teamValues: form.value }));
    }
    return reply.redirect(organisationsPath('agency', { id }), 303);
  });

  async function schoolsPage(tenantId: string, extra: Record<string, unknown> = {}) {
    return { pageTitle: 'Schools', schools: await organisations.schools(tenantId), ...extra };
  }

  app.get(ORGANISATIONS_ROUTES.schools, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    return reply.view('organisations/views/schools.njk', await schoolsPage(user.tenantId));
  });

  app.post(ORGANISATIONS_ROUTES.schools, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    const form = parseForm(schoolForm, request.body);
    if (!form.ok) return reply.code(400).view('organisations/views/schools.njk', await schoolsPage(user.tenantId, { errors: form.errors, values: form.values }));
    const result = await organisations.createSchool({ ...actorOf(request), tenantId: user.tenantId }, form.value);
    if ('problems' in result) {
      return reply.code(409).view('organisations/views/schools.njk', await schoolsPage(user.tenantId, { errors: errorsFrom(result.problems), values: form.value }));
    }
    return reply.redirect(organisationsPath('schools', {}, { added: 1 }), 303);
  });
}
