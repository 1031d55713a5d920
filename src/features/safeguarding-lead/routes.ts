/**
 * Lead and transitions: the transitions list (people a children's agency leads who are 17½ or over, transfers waiting
 * for my agency's answer, transfers my agency proposed), proposing a transfer of a person's lead, a transfer's page
 * with its answer (accept or decline) and its withdrawal. Thin: parse, call the service (which audits), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { personName } from '../../domain/names.js';
import { mayRespondToTransfer, mayWithdrawTransfer } from '../../domain/safeguarding-lead.js';
import { userActor } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, parseForm } from '../../platform/forms.js';
import { idParam, pageParam, queryString } from '../../platform/params.js';
import { personPath } from '../people/paths.js';
import { type PeopleService } from '../people/service.js';
import { DECISIONS, proposeForm, responseForm, withdrawalForm } from './forms.js';
import { doneMessage, historyRows, holderName, leadChoiceItems, transferPersonName, transferRow, transferStatusTag, transferSummary, transitionRow } from './presenters.js';
import { LEAD_ROUTES, leadPath, transferPath } from './paths.js';
import { pagination } from '../../platform/pagination.js';
import { type SafeguardingLeadService } from './service.js';

const RULE = 'lead:transfer' as const;
type Values = Record<string, unknown>;

export function registerSafeguardingLeadRoutes(app: FastifyInstance, services: { leads: SafeguardingLeadService; people: Pick<PeopleService, 'summaries'> }): void {
  const { leads, people } = services;

  // ——— the transitions list ———

  app.get(LEAD_ROUTES.transitions, { config: { rule: RULE } }, async (request, reply) => {
    const pages = { page: pageParam(request), incomingPage: pageParam(request, 'incomingPage'), outgoingPage: pageParam(request, 'outgoingPage') };
    // ?show=waiting: only the transfers waiting for this agency's answer (the home page's count opens it).
    const waitingOnly = queryString(request, 'show') === 'waiting';
    const found = await leads.transitions(userActor(request), pages);
    const link = (over: Partial<typeof pages>, anchor: string) => `${leadPath('transitions', {}, { show: waitingOnly ? 'waiting' : null, ...pages, ...over })}#${anchor}`;
    const pager = (key: keyof typeof pages, total: number, anchor: string) => pagination(pages[key], total, found.pageSize, (n) => link({ [key]: n }, anchor));
    return reply.view('safeguarding-lead/views/transitions.njk', {
      pageTitle: waitingOnly ? 'Transfers of the lead waiting for your answer' : 'Lead and transitions',
      waitingOnly,
      wholeArea: found.wholeArea,
      people: found.people.rows.map((r) => transitionRow(r, found.today, personPath)),
      incoming: found.incoming.rows.map(transferRow),
      outgoing: found.outgoing.rows.map(transferRow),
      totals: { people: found.people.total, incoming: found.incoming.total, outgoing: found.outgoing.total },
      pagination: { people: pager('page', found.people.total, 'transitions'), incoming: pager('incomingPage', found.incoming.total, 'waiting'), outgoing: pager('outgoingPage', found.outgoing.total, 'proposed') },
    });
  });

  // ——— proposing a transfer of a person's lead ———

  async function proposePage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const actor = userActor(request);
    const personId = idParam(request);
    const [found, [summary]] = await Promise.all([leads.proposal(actor, personId), people.summaries([personId])]);
    if (!summary) throw notFound();
    const name = personName(summary);
    const lead = found.lead;
    const cannot = !lead
      ? 'Nobody leads this person’s safeguarding work yet, so there is no lead to transfer.'
      : !found.mayPropose
        ? `Only ${holderName(lead.agency_name, lead.team_name)}, which leads this person’s safeguarding work, can propose moving the lead. Ask them to propose it.`
        : null;
    return reply.code(cannot && status === 200 ? 403 : status).view('safeguarding-lead/views/propose.njk', {
      pageTitle: `Propose a transfer of the lead: ${name}`,
      name,
      cannot,
      lead: lead ? { holder: holderName(lead.agency_name, lead.team_name), since: lead.since } : null,
      pending: found.pending ? { to: holderName(found.pending.to_agency_name, found.pending.to_team_name), href: transferPath(found.pending.id), proposedAt: found.pending.proposed_at } : null,
      items: leadChoiceItems(found.choices, lead ? { agencyId: lead.agency_id, teamId: lead.team_id } : null, values.to),
      values,
      errors,
      formAction: leadPath('propose', { id: personId }),
      backLink: { href: personPath(personId), text: 'Back to the person' },
    });
  }

  const PERSON = { rule: RULE, records: { id: 'person' } } as const;

  app.get(LEAD_ROUTES.propose, { config: PERSON }, async (request, reply) => proposePage(request, reply));

  app.post(LEAD_ROUTES.propose, { config: PERSON }, async (request, reply) => {
    const form = parseForm(proposeForm, request.body);
    if (!form.ok) return proposePage(request, reply, form.values, form.errors, 400);
    const result = await leads.propose(userActor(request), idParam(request), { to: form.value.to, reason: form.value.reason });
    if ('problems' in result) return proposePage(request, reply, request.body as Values, errorsFrom(result.problems), result.status);
    return reply.redirect(leadPath('transfer', { id: result.id }, { done: 'proposed' }), 303);
  });

  // ——— a transfer: its page, its answer, its withdrawal ———

  async function transferPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const actor = userActor(request);
    const id = idParam(request);
    const found = await leads.transfer(actor, id);
    if (!found) throw notFound();
    const t = found.transfer;
    const history = await leads.history(t.person_id);
    return reply.code(status).view('safeguarding-lead/views/transfer.njk', {
      pageTitle: `Transfer of the lead: ${transferPersonName(t)}`,
      name: transferPersonName(t),
      personHref: personPath(t.person_id),
      statusTag: transferStatusTag(t.status),
      summary: transferSummary(t),
      leadNow: found.lead ? holderName(found.lead.agency_name, found.lead.team_name) : null,
      history: historyRows(history),
      canRespond: mayRespondToTransfer(actor.agencyId, { toAgencyId: t.to_agency_id, status: t.status }),
      canWithdraw: mayWithdrawTransfer(actor.agencyId, { fromAgencyId: t.from_agency_id, status: t.status }),
      decisionItems: DECISIONS.map((d) => ({ value: d.code, text: d.label, checked: values.decision === d.code })),
      values,
      errors,
      flash: doneMessage(queryString(request, 'done', 20)),
      responseAction: leadPath('response', { id }),
      withdrawalAction: leadPath('withdrawal', { id }),
      backLink: { href: leadPath('transitions', {}), text: 'Lead and transitions' },
    });
  }

  app.get(LEAD_ROUTES.transfer, { config: { rule: RULE, records: { id: 'lead_transfer' } } }, async (request, reply) => transferPage(request, reply));

  app.post(LEAD_ROUTES.response, { config: { rule: RULE, records: { id: 'lead_transfer.to' } } }, async (request, reply) => {
    const form = parseForm(responseForm, request.body);
    if (!form.ok) return transferPage(request, reply, form.values, form.errors, 400);
    const decision = form.value.decision === 'accept' ? 'accept' : 'decline';
    const result = await leads.respond(userActor(request), idParam(request), { decision, note: form.value.note });
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return transferPage(request, reply, request.body as Values, errorsFrom(result.problems), result.status);
    return reply.redirect(leadPath('transfer', { id: idParam(request) }, { done: decision === 'accept' ? 'accepted' : 'declined' }), 303);
  });

  app.post(LEAD_ROUTES.withdrawal, { config: { rule: RULE, records: { id: 'lead_transfer' } } }, async (request, reply) => {
    const form = parseForm(withdrawalForm, request.body);
    if (!form.ok) return transferPage(request, reply, {}, form.errors, 400);
    const result = await leads.withdraw(userActor(request), idParam(request));
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return transferPage(request, reply, {}, errorsFrom(result.problems), result.status);
    return reply.redirect(leadPath('transfer', { id: idParam(request) }, { done: 'withdrawn' }), 303);
  });
}
