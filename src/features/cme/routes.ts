/**
 * Children missing education pages: the CME service's worklist (open referrals, the joint-enquiry deadline in school
 * days, overdue first, by locality), a referral with the child's history, its enquiries and its close with an outcome
 * code; a school's own referrals and its referral form; the elective home education register with its checks; the
 * area's localities. Thin: parse, authorise (the route's rule and the records it names), call the service (which
 * audits), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { CME_ETHNICITIES, CME_REASONS, EHE_CHECK_METHODS, EHE_CHECK_OUTCOMES, EHE_END_REASONS, ENQUIRY_KINDS, OFFICER_SOURCES, OUTCOME_CODES, YEAR_GROUPS } from '../../domain/cme.js';
import { type Code, GENDERS } from '../../domain/codes.js';
import { can, requireUser, userActor } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, parseForm } from '../../platform/forms.js';
import { pagination } from '../../platform/pagination.js';
import { idParam, isUuid, pageParam, queryString } from '../../platform/params.js';
import { type PeopleService } from '../people/service.js';
import { checkForm, closeForm, endForm, enquiryForm, fsmValue, localityForm, officerReferralForm, registerChildForm, schoolReferralForm } from './forms.js';
import { CME_ROUTES, cmePath, referralPath, registrationPath } from './paths.js';
import { RECURRENT_TAG, checkRows, doneMessage, dueTag, enquiryRows, historyRows, listRow, outcomeRows, registrationRow, statusTag, summaryRows } from './presenters.js';
import { type ChangeResult, type CmeService, type RegisterShow } from './service.js';

type Values = Record<string, unknown>;
const PAGE_SIZE = 25;
const items = (codes: readonly Code[], selected: unknown) => codes.map((c) => ({ value: c.code, text: c.label, checked: selected === c.code }));
const options = (codes: readonly Code[], selected: unknown, blank: string) => [{ value: '', text: blank }, ...codes.map((c) => ({ value: c.code, text: c.label, selected: selected === c.code }))];
const FSM_ITEMS = (v: unknown) => [
  { value: 'yes', text: 'Yes', checked: v === 'yes' },
  { value: 'no', text: 'No', checked: v === 'no' },
  { value: 'unknown', text: 'Not known', checked: v === 'unknown' },
];
const REFERRAL = { rule: 'signed-in', records: { id: 'cme_referral' } } as const;
const WORK = { rule: 'cme:work', records: { id: 'cme_referral.owned' } } as const;
const REGISTRATION = { rule: 'cme:work', records: { id: 'ehe_registration' } } as const;
const SHOWS: readonly RegisterShow[] = ['overdue', 'due', 'active', 'ended'];
const SHOW_TITLES: Record<RegisterShow, string> = { overdue: 'Checks overdue or never made', due: 'Checks due in the next month', active: 'On the register', ended: 'Left the register' };
const DUE_TITLES = { overdue: 'past the 20 school days', today: 'due today' } as const;

export function registerCmeRoutes(app: FastifyInstance, services: { cme: CmeService; people: PeopleService }): void {
  const { cme, people } = services;

  // ——— the CME service's worklist ———

  app.get(CME_ROUTES.worklist, { config: { rule: 'cme:work' } }, async (request, reply) => {
    const rawLocality = queryString(request, 'locality', 40);
    const localityId = rawLocality === 'none' ? 'none' : isUuid(rawLocality) ? rawLocality.toLowerCase() : null;
    const show = queryString(request, 'show', 10) === 'closed' ? 'closed' : 'open';
    const rawDue = queryString(request, 'due', 10);
    const due = show === 'open' && (rawDue === 'overdue' || rawDue === 'today') ? rawDue : null;
    const page = pageParam(request);
    const w = await cme.worklist(userActor(request), { localityId, show, due }, page, PAGE_SIZE);
    const query = (extra: Record<string, string | number>) => ({ ...(localityId ? { locality: localityId } : {}), ...(show === 'closed' ? { show } : {}), ...(due ? { due } : {}), ...extra });
    return reply.view('cme/views/worklist.njk', {
      pageTitle: 'Children missing education',
      counts: w.counts,
      show,
      due: due && { title: DUE_TITLES[due], clear: cmePath('worklist', {}, { ...(localityId ? { locality: localityId } : {}) }) },
      dueHrefs: { overdue: cmePath('worklist', {}, { due: 'overdue' }), today: cmePath('worklist', {}, { due: 'today' }) },
      rows: w.rows.map((r) => listRow(r, w.today, w.school)),
      total: w.total,
      localityItems: [
        { value: '', text: 'All localities', selected: !localityId },
        ...w.localities.map((l) => ({ value: l.id, text: l.name, selected: localityId === l.id })),
        { value: 'none', text: 'No locality (outside the area or not known)', selected: localityId === 'none' },
      ],
      showItems: [
        { value: 'open', text: 'Open referrals', selected: show === 'open' },
        { value: 'closed', text: 'Closed referrals', selected: show === 'closed' },
      ],
      pagination: pagination(page, w.total, PAGE_SIZE, (p) => cmePath('worklist', {}, query({ page: p }))),
      formAction: cmePath('worklist', {}),
      recordHref: cmePath('record', {}),
      registerHref: cmePath('register', {}),
      localitiesHref: cmePath('localities', {}),
    });
  });

  // ——— referring: a school from its own page, or the CME officer recording one ———

  async function referPage(request: FastifyRequest, reply: FastifyReply, officer: boolean, values: Values = {}, errors?: FormErrors, status = 200) {
    const user = requireUser(request);
    const actor = userActor(request);
    const search = { givenNames: queryString(request, 'givenNames', 100), familyName: queryString(request, 'familyName', 100) };
    const searched = !!(search.givenNames || search.familyName);
    const results = searched ? (await people.search(user, actor, { givenNames: search.givenNames || null, familyName: search.familyName || null })).filter((p) => !p.restricted).slice(0, 10) : [];
    const school = officer ? null : await cme.schoolOf(user.tenantId, user.agencyId);
    const chosen = typeof values.personId === 'string' ? values.personId : '';
    // A child chosen before the form came back with an error stays listed (the record check let them through).
    if (isUuid(chosen) && !results.some((p) => p.id === chosen)) results.unshift(...(await people.summaries([chosen])).filter((p) => !p.restricted));
    const previous = isUuid(chosen) ? await cme.previousOf(user.tenantId, chosen) : [];
    // Whether each child found was referred before (a school sees that they were, not the referrals).
    const before = new Map(await Promise.all(results.map(async (p) => [p.id, (await cme.previousOf(user.tenantId, p.id)).length] as const)));
    const path = officer ? cmePath('record', {}) : cmePath('refer', {});
    return reply.code(status).view('cme/views/refer.njk', {
      pageTitle: officer ? 'Record a children missing education referral' : 'Refer a child missing education',
      officer,
      school,
      search,
      searched,
      values,
      errors,
      searchAction: path,
      formAction: path,
      childItems: [
        ...results.map((p) => ({ value: p.id, text: `${p.given_names} ${p.family_name}`, hint: { text: [p.date_of_birth ? `Born ${p.date_of_birth.split('-').reverse().join('/')}` : 'Date of birth not known', p.postcode, before.get(p.id) ? 'referred as missing education before' : null].filter(Boolean).join(', ') }, checked: chosen === p.id })),
        ...(results.length ? [{ divider: 'or' }] : []),
        { value: 'new', text: 'Add the child as someone new', checked: chosen === 'new' },
      ],
      previous: previous.length,
      genderItems: options(GENDERS, values.gender, 'Select'),
      reasonItems: items(CME_REASONS, values.reason),
      sourceItems: items(OFFICER_SOURCES, values.source),
      yearItems: options(YEAR_GROUPS, values.yearGroup, 'Not known (worked out from the date of birth)'),
      fsmItems: FSM_ITEMS(values.fsm),
      ethnicityItems: options(CME_ETHNICITIES, values.ethnicity, 'Select'),
      backLink: { href: officer ? cmePath('worklist', {}) : cmePath('ours', {}), text: officer ? 'Children missing education' : 'Our referrals' },
    });
  }

  app.get(CME_ROUTES.refer, { config: { rule: 'cme:refer' } }, async (request, reply) => referPage(request, reply, false));
  app.get(CME_ROUTES.record, { config: { rule: 'cme:work' } }, async (request, reply) => referPage(request, reply, true));

  app.post(CME_ROUTES.refer, { config: { rule: 'cme:refer', records: { 'body.personId': 'person' } } }, async (request, reply) => {
    const form = parseForm(schoolReferralForm, request.body);
    if (!form.ok) return referPage(request, reply, false, form.values, form.errors, 400);
    const user = requireUser(request);
    const school = await cme.schoolOf(user.tenantId, user.agencyId);
    const v = form.value;
    const result = await cme.refer(
      userActor(request),
      {
        personId: v.personId === 'new' ? null : v.personId, newChild: v.personId === 'new' ? { givenNames: v.givenNames!, familyName: v.familyName!, dateOfBirth: v.dateOfBirth, gender: v.gender ?? 'unknown' } : null,
        source: 'school', reason: v.reason, yearGroup: v.yearGroup, fsmEligible: fsmValue(v.fsm), ethnicity: v.ethnicity, postcode: v.postcode, addressLine1: v.addressLine1, narrative: v.narrative,
        lastSchoolUrn: school?.urn ?? null, lastSchoolName: school?.name ?? user.agencyName,
      },
      { referringAgencyId: user.agencyId },
    );
    return afterReferral(request, reply, false, result);
  });

  app.post(CME_ROUTES.record, { config: { rule: 'cme:work', records: { 'body.personId': 'person' } } }, async (request, reply) => {
    const form = parseForm(officerReferralForm, request.body);
    if (!form.ok) return referPage(request, reply, true, form.values, form.errors, 400);
    const v = form.value;
    const result = await cme.refer(
      userActor(request),
      {
        personId: v.personId === 'new' ? null : v.personId, newChild: v.personId === 'new' ? { givenNames: v.givenNames!, familyName: v.familyName!, dateOfBirth: v.dateOfBirth, gender: v.gender ?? 'unknown' } : null,
        source: v.source, reason: v.reason, yearGroup: v.yearGroup, fsmEligible: fsmValue(v.fsm), ethnicity: v.ethnicity, postcode: v.postcode, addressLine1: v.addressLine1, narrative: v.narrative,
        lastSchoolUrn: v.lastSchoolUrn, lastSchoolName: v.lastSchoolName,
      },
      { referringAgencyId: null },
    );
    return afterReferral(request, reply, true, result);
  });

  function afterReferral(request: FastifyRequest, reply: FastifyReply, officer: boolean, result: ChangeResult) {
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return referPage(request, reply, officer, body, errorsFrom(result.problems, body), 400);
    if ('notFound' in result || !result.id) throw notFound();
    return reply.redirect(referralPath(result.id, { done: 'referred' }), 303);
  }

  // ——— a school's own referrals ———

  app.get(CME_ROUTES.ours, { config: { rule: 'cme:refer' } }, async (request, reply) => {
    const raw = queryString(request, 'show', 10);
    const show = raw === 'open' || raw === 'closed' ? raw : 'all';
    const page = pageParam(request);
    const o = await cme.ours(userActor(request), page, PAGE_SIZE, show);
    const titles = { all: 'All our referrals', open: 'Open', closed: 'Closed' } as const;
    return reply.view('cme/views/ours.njk', {
      pageTitle: 'Our children missing education referrals',
      agencyName: requireUser(request).agencyName,
      show,
      tabs: (['all', 'open', 'closed'] as const).map((s) => ({ text: titles[s], count: o.counts[s], href: cmePath('ours', {}, s === 'all' ? {} : { show: s }), current: s === show })),
      rows: o.rows.map((r) => listRow(r, o.today, o.school)),
      total: o.total,
      pagination: pagination(page, o.total, PAGE_SIZE, (p) => cmePath('ours', {}, { ...(show === 'all' ? {} : { show }), page: p })),
      referHref: cmePath('refer', {}),
    });
  });

  // ——— a referral ———

  app.get(CME_ROUTES.referral, { config: REFERRAL }, async (request, reply) => {
    const actor = userActor(request);
    const works = can(request, 'cme:work');
    const found = await cme.view(actor, idParam(request), works);
    if (!found) throw notFound();
    const r = found.referral;
    const open = r.status === 'open';
    return reply.view('cme/views/referral.njk', {
      pageTitle: `${r.child_name}: children missing education ${r.reference}`,
      r,
      works,
      status: statusTag(r),
      recurrent: r.recurrent ? RECURRENT_TAG : null,
      due: open ? dueTag(r.joint_enquiry_due_on, found.today, found.school) : null,
      summary: summaryRows(r),
      outcome: outcomeRows(r),
      history: historyRows(found.history),
      enquiries: enquiryRows(found.enquiries),
      flash: doneMessage(queryString(request, 'done', 20)),
      enquiryHref: works && open ? cmePath('enquiry', { id: r.id }) : null,
      closeHref: works && open ? cmePath('close', { id: r.id }) : null,
      registrationHref: works && r.ehe_registration_id ? registrationPath(r.ehe_registration_id) : null,
      backLink: works ? { href: cmePath('worklist', {}), text: 'Children missing education' } : { href: cmePath('ours', {}), text: 'Our referrals' },
    });
  });

  async function workPage(request: FastifyRequest, reply: FastifyReply, view: 'enquiry' | 'close', values: Values = {}, errors?: FormErrors, status = 200) {
    const id = idParam(request);
    const found = await cme.view(userActor(request), id, true, view);
    if (!found) throw notFound();
    const r = found.referral;
    if (r.status !== 'open' && status === 200) return reply.redirect(referralPath(id), 303);
    return reply.code(status).view(`cme/views/${view}.njk`, {
      pageTitle: `${view === 'enquiry' ? 'Record an enquiry' : 'Close the referral'}: ${r.child_name}`,
      title: view === 'enquiry' ? 'Record an enquiry' : 'Close the referral with its outcome',
      r,
      values,
      errors,
      due: dueTag(r.joint_enquiry_due_on, found.today, found.school),
      enquiries: enquiryRows(found.enquiries),
      kindItems: items(ENQUIRY_KINDS, values.kind),
      outcomeItems: items(OUTCOME_CODES, values.outcomeCode),
      formAction: cmePath(view, { id }),
      backLink: { href: referralPath(id), text: 'Back to the referral' },
    });
  }

  function respond(request: FastifyRequest, reply: FastifyReply, result: ChangeResult, retry: (values: Values, errors: FormErrors) => Promise<unknown>, to: string) {
    if ('notFound' in result) throw notFound();
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return retry(body, errorsFrom(result.problems, body));
    return reply.redirect(to, 303);
  }

  app.get(CME_ROUTES.enquiry, { config: WORK }, async (request, reply) => workPage(request, reply, 'enquiry'));
  app.post(CME_ROUTES.enquiry, { config: WORK }, async (request, reply) => {
    const form = parseForm(enquiryForm, request.body);
    if (!form.ok) return workPage(request, reply, 'enquiry', form.values, form.errors, 400);
    const id = idParam(request);
    const result = await cme.addEnquiry(userActor(request), id, form.value);
    return respond(request, reply, result, (v, e) => workPage(request, reply, 'enquiry', v, e, 400), referralPath(id, { done: 'enquiry' }));
  });

  app.get(CME_ROUTES.close, { config: WORK }, async (request, reply) => workPage(request, reply, 'close'));
  app.post(CME_ROUTES.close, { config: WORK }, async (request, reply) => {
    const form = parseForm(closeForm, request.body);
    if (!form.ok) return workPage(request, reply, 'close', form.values, form.errors, 400);
    const id = idParam(request);
    const result = await cme.close(userActor(request), id, form.value);
    return respond(request, reply, result, (v, e) => workPage(request, reply, 'close', v, e, 400), referralPath(id, { done: 'closed' }));
  });

  // ——— the elective home education register ———

  app.get(CME_ROUTES.register, { config: { rule: 'cme:work' } }, async (request, reply) => {
    const raw = queryString(request, 'show', 10);
    const show: RegisterShow = (SHOWS as readonly string[]).includes(raw) ? (raw as RegisterShow) : 'due';
    const page = pageParam(request);
    const w = await cme.register(userActor(request), show, page, PAGE_SIZE);
    return reply.view('cme/views/register.njk', {
      pageTitle: 'Elective home education register',
      show,
      showTitle: SHOW_TITLES[show],
      counts: w.counts,
      tabs: SHOWS.map((s) => ({ href: cmePath('register', {}, { show: s }), text: SHOW_TITLES[s], count: w.counts[s], current: s === show })),
      rows: w.rows.map((h) => registrationRow(h, w.today)),
      total: w.total,
      pagination: pagination(page, w.total, PAGE_SIZE, (p) => cmePath('register', {}, { show, page: p })),
      addHref: cmePath('registerChild', {}),
    });
  });

  async function registerChildPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const user = requireUser(request);
    const search = { givenNames: queryString(request, 'givenNames', 100), familyName: queryString(request, 'familyName', 100) };
    const searched = !!(search.givenNames || search.familyName);
    const results = searched ? (await people.search(user, userActor(request), { givenNames: search.givenNames || null, familyName: search.familyName || null })).filter((p) => !p.restricted).slice(0, 10) : [];
    return reply.code(status).view('cme/views/register-child.njk', {
      pageTitle: 'Add a child to the home education register',
      search,
      searched,
      values,
      errors,
      childItems: results.map((p) => ({ value: p.id, text: `${p.given_names} ${p.family_name}`, hint: { text: p.date_of_birth ? `Born ${p.date_of_birth.split('-').reverse().join('/')}` : 'Date of birth not known' }, checked: values.personId === p.id })),
      yearItems: options(YEAR_GROUPS, values.yearGroup, 'Not known (worked out from the date of birth)'),
      formAction: cmePath('registerChild', {}),
      backLink: { href: cmePath('register', {}), text: 'Home education register' },
    });
  }

  app.get(CME_ROUTES.registerChild, { config: { rule: 'cme:work' } }, async (request, reply) => registerChildPage(request, reply));
  app.post(CME_ROUTES.registerChild, { config: { rule: 'cme:work', records: { 'body.personId': 'person' } } }, async (request, reply) => {
    const form = parseForm(registerChildForm, request.body);
    if (!form.ok) return registerChildPage(request, reply, form.values, form.errors, 400);
    const result = await cme.registerChild(userActor(request), form.value);
    if ('problems' in result) return registerChildPage(request, reply, request.body as Values, errorsFrom(result.problems, request.body as Values), 400);
    if ('notFound' in result || !result.id) throw notFound();
    return reply.redirect(registrationPath(result.id, { done: 'registered' }), 303);
  });

  app.get(CME_ROUTES.registration, { config: REGISTRATION }, async (request, reply) => {
    const found = await cme.registration(userActor(request), idParam(request));
    if (!found) throw notFound();
    const h = found.registration;
    return reply.view('cme/views/registration.njk', {
      pageTitle: `${h.child_name}: elective home education`,
      h,
      row: registrationRow(h, found.today),
      checks: checkRows(found.checks),
      flash: doneMessage(queryString(request, 'done', 20)),
      referralHref: h.cme_referral_id ? referralPath(h.cme_referral_id) : null,
      checkHref: h.status === 'active' ? cmePath('check', { id: h.id }) : null,
      endHref: h.status === 'active' ? cmePath('end', { id: h.id }) : null,
      backLink: { href: cmePath('register', {}), text: 'Home education register' },
    });
  });

  async function registrationForm(request: FastifyRequest, reply: FastifyReply, view: 'check' | 'end', values: Values = {}, errors?: FormErrors, status = 200) {
    const id = idParam(request);
    const found = await cme.registration(userActor(request), id, view);
    if (!found) throw notFound();
    const h = found.registration;
    if (h.status !== 'active' && status === 200) return reply.redirect(registrationPath(id), 303);
    return reply.code(status).view(`cme/views/${view}.njk`, {
      pageTitle: `${view === 'check' ? 'Record a suitability check' : 'Leaving the register'}: ${h.child_name}`,
      title: view === 'check' ? 'Record a suitability check' : 'The child leaves the register',
      h,
      values,
      errors,
      methodItems: items(EHE_CHECK_METHODS, values.method),
      outcomeItems: items(EHE_CHECK_OUTCOMES, values.outcome),
      reasonItems: items(EHE_END_REASONS, values.endReason),
      formAction: cmePath(view, { id }),
      backLink: { href: registrationPath(id), text: 'Back to the registration' },
    });
  }

  app.get(CME_ROUTES.check, { config: REGISTRATION }, async (request, reply) => registrationForm(request, reply, 'check'));
  app.post(CME_ROUTES.check, { config: REGISTRATION }, async (request, reply) => {
    const form = parseForm(checkForm, request.body);
    if (!form.ok) return registrationForm(request, reply, 'check', form.values, form.errors, 400);
    const id = idParam(request);
    const result = await cme.addCheck(userActor(request), id, form.value);
    return respond(request, reply, result, (v, e) => registrationForm(request, reply, 'check', v, e, 400), registrationPath(id, { done: 'check' }));
  });

  app.get(CME_ROUTES.end, { config: REGISTRATION }, async (request, reply) => registrationForm(request, reply, 'end'));
  app.post(CME_ROUTES.end, { config: REGISTRATION }, async (request, reply) => {
    const form = parseForm(endForm, request.body);
    if (!form.ok) return registrationForm(request, reply, 'end', form.values, form.errors, 400);
    const id = idParam(request);
    const result = await cme.endRegistration(userActor(request), id, form.value);
    return respond(request, reply, result, (v, e) => registrationForm(request, reply, 'end', v, e, 400), registrationPath(id, { done: 'ended' }));
  });

  // ——— localities ———

  async function localitiesPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const user = requireUser(request);
    const list = await cme.localities(user.tenantId);
    return reply.code(status).view('cme/views/localities.njk', {
      pageTitle: 'Localities',
      rows: list.map((l) => [{ text: l.name }, { text: l.code }, { text: l.postcode_prefixes.join(', ') }]),
      values,
      errors,
      flash: doneMessage(queryString(request, 'done', 20)),
      formAction: cmePath('localities', {}),
      backLink: { href: cmePath('worklist', {}), text: 'Children missing education' },
    });
  }

  app.get(CME_ROUTES.localities, { config: { rule: 'cme:work' } }, async (request, reply) => localitiesPage(request, reply));
  app.post(CME_ROUTES.localities, { config: { rule: 'cme:work' } }, async (request, reply) => {
    const form = parseForm(localityForm, request.body);
    if (!form.ok) return localitiesPage(request, reply, form.values, form.errors, 400);
    const result = await cme.saveLocality(userActor(request), form.value);
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return localitiesPage(request, reply, body, errorsFrom(result.problems, body), 400);
    return reply.redirect(cmePath('localities', {}, { done: 'saved' }), 303);
  });
}
