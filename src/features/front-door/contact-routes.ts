/**
 * The front door, end to end: record a contact (details → people → the child's voice → check → submit), the
 * worklist, a contact's page, screening, authorisation, allocation and sharing.
 */
import { personName } from '../../domain/names.js';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Viewer } from '../../domain/access.js';
import { REGISTER_WIDE_AGENCY_TYPES, RELATIONSHIP_TYPES, SUBJECT_ROLES } from '../../domain/codes.js';
import { STAFF_CHANNELS } from '../../domain/intake.js';
import { type CurrentUser, actorOf, can, requireUser } from '../../platform/authz.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { errorsFrom, noFields, parseForm } from '../../platform/forms.js';
import { idParam, isUuid, pageParam } from '../../platform/params.js';
import { formatDateTime } from '../../platform/views.js';
import { type ContactService } from './contact-service.js';
import { type ContactPageQuery } from './contact-page.js';
import { FRONT_DOOR_ROUTES, frontDoorPath } from './paths.js';
import { type IntakeService } from './intake-service.js';
import { userActor } from '../../platform/authz.js';
import { type PeopleService } from '../people/service.js';
import { type OrganisationService } from '../organisations/service.js';
import { type AuditTrail } from '../../platform/audit.js';
import {
  addExistingPersonForm,
  allocationForm,
  authorisationForm,
  contactDetailsForm,
  ragForm,
  describePersonForm,
  newPersonForm,
  screeningForm,
  shareForm,
  voiceForm,
} from './contact-forms.js';
import { type ContactSection, contactListChoice, contactSectionTitle, contactSubNavigation, deadlineTag, detailRows, displayName, presentContactList, presentContactPage, presentWorklist, subjectRole, worklistChoice } from './contact-presenters.js';
import { pagination } from '../../platform/pagination.js';
import { searchForm } from '../people/forms.js';
import { dateInputParts } from '../../domain/dates.js';
import { matchSummary } from '../people/presenters.js';

type Body = Record<string, unknown>;

/** Front-door staff say how a contact arrived; anyone else is making a professional's referral. */
function channelFor(user: CurrentUser, chosen: string | null): string {
  return REGISTER_WIDE_AGENCY_TYPES.has(user.agencyType) ? (chosen ?? 'phone') : 'form';
}

export function registerContactRoutes(
  app: FastifyInstance,
  services: { contacts: ContactService; people: PeopleService; organisations: OrganisationService; audit: AuditTrail; intake: IntakeService; contactPage: ContactPageQuery },
): void {
  const { contacts, people, organisations, intake, contactPage: contactPageQuery } = services;
  const now = () => new Date();
  const detailsForm = contactDetailsForm(now);
  const personForm = newPersonForm(now);
  const describeForm = describePersonForm(now);

  async function agencyItems(user: CurrentUser, selected: unknown) {
    const agencies = await organisations.agencies(user.tenantId, { activeOnly: true });
    return [{ value: '', text: 'Not from an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === selected }))];
  }

  async function draftOr404(request: FastifyRequest) {
    const user = requireUser(request);
    const id = idParam(request);
    const draft = await contacts.draft(user, id);
    if (!draft) {
      // A submitted contact: go to its page; anything else does not exist for this user.
      const access = await contacts.access(user, id);
      if (access?.outcome === 'allow') throw conflict('This contact has already been submitted and can no longer be changed here.');
      throw notFound();
    }
    return { user, id, ...draft };
  }

  // ——— 1. details ———
  async function detailsPage(request: FastifyRequest, reply: FastifyReply, view: Record<string, unknown>, status = 200) {
    const user = requireUser(request);
    const values = (view.values ?? {}) as Body;
    return reply.code(status).view('front-door/views/details.njk', {
      pageTitle: 'Record a contact: details',
      agencyItems: await agencyItems(user, values.sourceAgencyId ?? user.agencyId),
      channelItems: REGISTER_WIDE_AGENCY_TYPES.has(user.agencyType) ? STAFF_CHANNELS.map((c) => ({ value: c.code, text: c.label, checked: (values.channel ?? 'phone') === c.code })) : null,
      backLink: { href: '/', text: 'Back' },
      ...view,
    });
  }

  app.get(FRONT_DOOR_ROUTES.newContact, { config: { rule: 'contact:create' } }, async (request, reply) => {
    const user = requireUser(request);
    const source = REGISTER_WIDE_AGENCY_TYPES.has(user.agencyType) ? {} : { sourceAgencyId: user.agencyId, referrerName: user.displayName };
    return detailsPage(request, reply, { action: frontDoorPath('newContact', {}), values: { contactType: 'child', consent: '', ...source } });
  });

  app.post(FRONT_DOOR_ROUTES.newContact, { config: { rule: 'contact:create' } }, async (request, reply) => {
    const form = parseForm(detailsForm, request.body);
    if (!form.ok) return detailsPage(request, reply, { action: frontDoorPath('newContact', {}), errors: form.errors, values: form.values }, 400);
    const user = requireUser(request);
    if (form.value.sourceAgencyId && !(await organisations.agency(user.tenantId, form.value.sourceAgencyId))) {
      return detailsPage(request, reply, { action: frontDoorPath('newContact', {}), errors: errorsFrom({ sourceAgencyId: 'Select the referrer’s agency from the list' }), values: request.body }, 400);
    }
    const result = await contacts.startDraft(userActor(request), { ...form.value, channel: channelFor(user, form.value.channel) });
    if ('problems' in result) return detailsPage(request, reply, { action: frontDoorPath('newContact', {}), errors: errorsFrom(result.problems), values: request.body }, 409);
    return reply.redirect(frontDoorPath('people', { id: result.id }), 303);
  });

  app.get(FRONT_DOOR_ROUTES.details, { config: { rule: 'contact:create', records: { id: 'contact' } } }, async (request, reply) => {
    const { id, contact } = await draftOr404(request);
    const local = (d: Date | null) => dateInputParts(d) ?? {};
    const r = local(contact.receivedAt);
    const i = local(contact.incidentAt);
    return detailsPage(request, reply, {
      action: frontDoorPath('details', { id: id }),
      values: {
        ...contact,
        restricted: contact.restricted ? 'yes' : '',
        ...Object.fromEntries(Object.entries(r).map(([k, v]) => [`receivedAt-${k}`, v])),
        ...Object.fromEntries(Object.entries(i).map(([k, v]) => [`incidentAt-${k}`, v])),
      },
      backLink: { href: frontDoorPath('check', { id: id }), text: 'Back' },
    });
  });

  app.post(FRONT_DOOR_ROUTES.details, { config: { rule: 'contact:create', records: { id: 'contact' } } }, async (request, reply) => {
    const { id, user } = await draftOr404(request);
    const form = parseForm(detailsForm, request.body);
    if (!form.ok) return detailsPage(request, reply, { action: frontDoorPath('details', { id: id }), errors: form.errors, values: form.values }, 400);
    if (form.value.sourceAgencyId && !(await organisations.agency(user.tenantId, form.value.sourceAgencyId))) {
      return detailsPage(request, reply, { action: frontDoorPath('details', { id: id }), errors: errorsFrom({ sourceAgencyId: 'Select the referrer’s agency from the list' }), values: request.body }, 400);
    }
    const result = await contacts.updateDraft(userActor(request), id, { ...form.value, channel: channelFor(user, form.value.channel) });
    if ('problems' in result) return detailsPage(request, reply, { action: frontDoorPath('details', { id: id }), errors: errorsFrom(result.problems), values: request.body }, 409);
    return reply.redirect(frontDoorPath('check', { id: id }), 303);
  });

  // ——— 2. people ———
  async function peoplePage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const { id, contact, subjects, named, user } = await draftOr404(request);
    const query = request.query as Body;
    let results: Awaited<ReturnType<typeof people.search>> | null = null;
    let searchErrors = extra.errors;
    const searched = Object.keys(query).some((k) => ['givenNames', 'familyName', 'nhsNumber', 'dateOfBirth-day', 'postcode'].includes(k));
    if (searched && !extra.errors) {
      const form = parseForm(searchForm, query);
      if (form.ok) {
        results = await people.search(user, actorOf(request), { ...form.value, identifier: null });
      } else {
        searchErrors = form.errors;
        status = 400;
      }
    }
    const inContact = new Set(subjects.map((s) => s.person_id));
    return reply.code(status).view('front-door/views/people.njk', {
      pageTitle: 'Record a contact: people',
      contact,
      subjects: subjects.map((s) => ({ ...s, roleLabel: subjectRole(s.role), name: personName(s) })),
      named: named.map((n) => ({ ...n, roleLabel: subjectRole(n.role), name: personName(n) })),
      canSearch: REGISTER_WIDE_AGENCY_TYPES.has(user.agencyType),
      results: results?.map((r) => ({ ...r, name: displayName(r, false), alreadyAdded: inContact.has(r.id), match: r.match ? matchSummary(r.match) : null })) ?? null,
      errors: searchErrors,
      values: query,
      backLink: { href: frontDoorPath('details', { id: id }), text: 'Back' },
      ...extra,
      ...(searchErrors ? { errors: searchErrors } : {}),
    });
  }

  app.get(FRONT_DOOR_ROUTES.people, { config: { rule: 'contact:create', records: { id: 'contact' } } }, async (request, reply) => peoplePage(request, reply));

  async function addPersonPage(request: FastifyRequest, reply: FastifyReply, personId: string, extra: Record<string, unknown> = {}, status = 200) {
    const { id, subjects } = await draftOr404(request);
    await app.records.require(request, 'person', personId);
    const [person] = await people.summaries([personId]);
    if (!person) throw notFound();
    return reply.code(status).view('front-door/views/add-person.njk', {
      pageTitle: `Add ${personName(person)} to the contact`,
      person,
      others: subjects.filter((s) => s.person_id !== personId).map((s) => ({ value: s.person_id, text: personName(s) })),
      roles: SUBJECT_ROLES,
      relationshipTypes: RELATIONSHIP_TYPES,
      action: frontDoorPath('people', { id: id }),
      backLink: { href: frontDoorPath('people', { id: id }), text: 'Back' },
      values: { personId },
      ...extra,
    });
  }

  app.get(FRONT_DOOR_ROUTES.addPerson, { config: { rule: 'contact:create', records: { id: 'contact', 'query.personId': 'person' } } }, async (request, reply) => {
    const personId = (request.query as Body).personId;
    if (!isUuid(personId)) throw notFound();
    return addPersonPage(request, reply, personId);
  });

  app.post(FRONT_DOOR_ROUTES.people, { config: { rule: 'contact:create', records: { id: 'contact', 'body.personId': 'person', 'body.relatedPersonId': 'person' } } }, async (request, reply) => {
    const { id, subjects } = await draftOr404(request);
    const form = parseForm(addExistingPersonForm, request.body);
    const personId = (request.body as Body)?.personId;
    if (!form.ok) {
      if (!isUuid(personId)) return peoplePage(request, reply, { errors: form.errors }, 400);
      return addPersonPage(request, reply, personId, { errors: form.errors, values: form.values }, 400);
    }
    if (form.value.relatedPersonId && !subjects.some((s) => s.person_id === form.value.relatedPersonId)) {
      return addPersonPage(request, reply, form.value.personId, { errors: errorsFrom({ relatedPersonId: 'Select a person already on this contact' }), values: request.body }, 400);
    }
    await contacts.addExistingPerson(
      userActor(request),
      id,
      form.value.personId,
      form.value.role,
      form.value.relatedPersonId && form.value.relationshipType ? { relatedPersonId: form.value.relatedPersonId, type: form.value.relationshipType } : null,
    );
    return reply.redirect(frontDoorPath('people', { id: id }), 303);
  });

  async function newPersonPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const { id, subjects } = await draftOr404(request);
    const query = request.query as Body;
    return reply.code(status).view('front-door/views/new-person.njk', {
      pageTitle: 'Add a new person',
      contactId: id,
      others: subjects.map((s) => ({ value: s.person_id, text: personName(s) })),
      roles: SUBJECT_ROLES,
      relationshipTypes: RELATIONSHIP_TYPES,
      backLink: { href: frontDoorPath('people', { id: id }), text: 'Back' },
      values: { givenNames: query.givenNames, familyName: query.familyName, dobPrecision: 'exact', gender: '', ...(extra.values as Body | undefined) },
      ...extra,
      ...(extra.values ? { values: extra.values } : {}),
    });
  }

  app.get(FRONT_DOOR_ROUTES.newPerson, { config: { rule: 'person:create', records: { id: 'contact' } } }, async (request, reply) => newPersonPage(request, reply));

  app.post(FRONT_DOOR_ROUTES.newPerson, { config: { rule: 'person:create', records: { id: 'contact', 'body.relatedPersonId': 'person' } } }, async (request, reply) => {
    const { id, subjects, user } = await draftOr404(request);
    const form = parseForm(personForm, request.body);
    if (!form.ok) return newPersonPage(request, reply, { errors: form.errors, values: form.values }, 400);
    const v = form.value;
    if (v.relatedPersonId && !subjects.some((s) => s.person_id === v.relatedPersonId)) {
      return newPersonPage(request, reply, { errors: errorsFrom({ relatedPersonId: 'Select a person already on this contact' }), values: request.body }, 400);
    }
    await contacts.addNewPerson(
      userActor(request),
      id,
      {
        tenantId: user.tenantId,
        createdByAgencyId: user.agencyId,
        createdByUserId: user.userId,
        givenNames: v.givenNames!,
        familyName: v.familyName!,
        knownAs: v.knownAsGivenNames && v.knownAsFamilyName ? { givenNames: v.knownAsGivenNames, familyName: v.knownAsFamilyName } : null,
        dateOfBirth: v.dateOfBirth,
        dobPrecision: v.dobPrecision,
        gender: v.gender,
        ethnicity: v.ethnicity,
        firstLanguage: v.firstLanguage,
        interpreterNeeded: v.interpreterNeeded,
        nhsNumber: v.nhsNumber,
        address: v.addressLine1 ? { line1: v.addressLine1, line2: v.addressLine2, town: v.addressTown, postcode: v.addressPostcode, fromDate: null } : null,
        restricted: v.restricted,
      },
      v.role,
      v.relatedPersonId && v.relationshipType ? { relatedPersonId: v.relatedPersonId, type: v.relationshipType } : null,
    );
    return reply.redirect(frontDoorPath('people', { id: id }), 303);
  });

  app.post(FRONT_DOOR_ROUTES.removePerson, { config: { rule: 'contact:create', records: { id: 'contact', personId: 'person' } } }, async (request, reply) => {
    const { id } = await draftOr404(request);
    const personId = idParam(request, 'personId');
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    await contacts.removePerson(userActor(request), id, personId);
    return reply.redirect(frontDoorPath('people', { id: id }), 303);
  });

  // ——— 3. the child's voice ———
  async function voicePage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const { id, subjects } = await draftOr404(request);
    const personId = idParam(request, 'personId');
    const subject = subjects.find((s) => s.person_id === personId);
    if (!subject) throw notFound();
    return reply.code(status).view('front-door/views/voice.njk', {
      pageTitle: `${personName(subject)}: voice and demeanour`,
      subject,
      action: frontDoorPath('voice', { id: id, personId: personId }),
      values: { childVoice: subject.child_voice, childDemeanour: subject.child_demeanour },
      backLink: { href: frontDoorPath('people', { id: id }), text: 'Back' },
      ...extra,
    });
  }

  app.get(FRONT_DOOR_ROUTES.voice, { config: { rule: 'contact:create', records: { id: 'contact', personId: 'person' } } }, async (request, reply) => voicePage(request, reply));

  app.post(FRONT_DOOR_ROUTES.voice, { config: { rule: 'contact:create', records: { id: 'contact', personId: 'person' } } }, async (request, reply) => {
    const { id, subjects } = await draftOr404(request);
    const personId = idParam(request, 'personId');
    if (!subjects.some((s) => s.person_id === personId)) throw notFound();
    const form = parseForm(voiceForm, request.body);
    if (!form.ok) return voicePage(request, reply, { errors: form.errors, values: form.values }, 400);
    await contacts.recordVoice(userActor(request), id, personId, form.value.childVoice, form.value.childDemeanour);
    return reply.redirect(frontDoorPath('people', { id: id }), 303);
  });

  // ——— 3b. people as the referrer describes them ———
  async function describePage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const { id } = await draftOr404(request);
    return reply.code(status).view('front-door/views/describe.njk', {
      pageTitle: 'Tell us about a person',
      action: frontDoorPath('describePerson', { id: id }),
      roles: SUBJECT_ROLES,
      backLink: { href: frontDoorPath('people', { id: id }), text: 'Back' },
      values: { dobPrecision: 'exact', gender: '' },
      ...extra,
    });
  }

  app.get(FRONT_DOOR_ROUTES.describePerson, { config: { rule: 'contact:create', records: { id: 'contact' } } }, async (request, reply) => describePage(request, reply));

  app.post(FRONT_DOOR_ROUTES.describePerson, { config: { rule: 'contact:create', records: { id: 'contact' } } }, async (request, reply) => {
    const { id } = await draftOr404(request);
    const form = parseForm(describeForm, request.body);
    if (!form.ok) return describePage(request, reply, { errors: form.errors, values: form.values }, 400);
    const v = form.value;
    await contacts.describePerson(userActor(request), id, {
      role: v.role,
      givenNames: v.givenNames!,
      familyName: v.familyName!,
      dateOfBirth: v.dateOfBirth,
      dobPrecision: v.dateOfBirth ? v.dobPrecision : 'estimated',
      gender: v.gender,
      nhsNumber: v.nhsNumber,
      addressLine1: v.addressLine1,
      postcode: v.postcode,
      daRole: null,
      riskLevel: null,
      school: v.school,
      childVoice: v.role === 'subject_child' ? v.childVoice : null,
      childDemeanour: v.role === 'subject_child' ? v.childDemeanour : null,
    });
    return reply.redirect(frontDoorPath('people', { id: id }), 303);
  });

  app.post(FRONT_DOOR_ROUTES.removeDescribed, { config: { rule: 'contact:create', records: { id: 'contact' } } }, async (request, reply) => {
    const { id, named } = await draftOr404(request);
    const namedId = idParam(request, 'namedId');
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    if (!named.some((n) => n.id === namedId)) throw notFound();
    await contacts.removeDescribed(userActor(request), id, namedId);
    return reply.redirect(frontDoorPath('people', { id: id }), 303);
  });

  // ——— 4. check and submit ———
  async function checkPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const { id, contact, subjects, named } = await draftOr404(request);
    const source = contact.sourceAgencyId ? await organisations.agency(contact.tenantId, contact.sourceAgencyId) : undefined;
    const problems = await contacts.submissionProblems(contact.contactType, subjects, named);
    return reply.code(status).view('front-door/views/check.njk', {
      pageTitle: 'Check the contact before you submit it',
      contact,
      rows: detailRows({ ...contact, sourceAgencyName: source?.name ?? null }, frontDoorPath('details', { id: id })),
      subjects: subjects.map((s) => ({ ...s, roleLabel: subjectRole(s.role), name: personName(s) })),
      named: named.map((n) => ({ ...n, roleLabel: subjectRole(n.role), name: personName(n) })),
      outstanding: Object.values(problems),
      backLink: { href: frontDoorPath('people', { id: id }), text: 'Back' },
      ...extra,
    });
  }

  app.get(FRONT_DOOR_ROUTES.check, { config: { rule: 'contact:create', records: { id: 'contact' } } }, async (request, reply) => checkPage(request, reply));

  app.post(FRONT_DOOR_ROUTES.submit, { config: { rule: 'contact:create', records: { id: 'contact' } } }, async (request, reply) => {
    const { id } = await draftOr404(request);
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    const result = await contacts.submit(userActor(request), id);
    if ('problems' in result) {
      const errors = errorsFrom(result.problems);
      errors.summary = errors.summary.map((e) => ({ ...e, href: e.href.startsWith('#voice-') ? frontDoorPath('voice', { id: id, personId: e.href.slice(7) }) : frontDoorPath('people', { id: id }) }));
      return checkPage(request, reply, { errors }, 400);
    }
    // People described with an NHS number held by exactly one person are linked at once; the rest wait for the screener.
    await intake.linkSubmitted(userActor(request), id);
    return reply.redirect(frontDoorPath('confirmation', { id: id }), 303);
  });

  app.get(FRONT_DOOR_ROUTES.confirmation, { config: { rule: 'contact:create', records: { id: 'contact' } } }, async (request, reply) => {
    const id = idParam(request);
    const view = await contacts.view(userActor(request), id);
    if (!view || view.contact.status === 'draft') throw notFound();
    return reply.view('front-door/views/confirmation.njk', {
      pageTitle: 'Contact submitted',
      contact: view.contact,
      due: formatDateTime(view.contact.decisionDueAt),
    });
  });

  // ——— the contact: a summary, and a page for each part of it (contactSubNavigation) ———
  const SECTION_VIEWS: Record<ContactSection, string> = {
    summary: 'front-door/views/contact.njk',
    people: 'front-door/views/contact-people.njk',
    history: 'front-door/views/contact-history.njk',
    screening: 'front-door/views/contact-screening.njk',
    authorisation: 'front-door/views/contact-authorisation.njk',
    allocation: 'front-door/views/contact-allocation.njk',
    sharing: 'front-door/views/contact-sharing.njk',
  };

  async function contactPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200, section: ContactSection = 'summary') {
    const user = requireUser(request);
    const id = idParam(request);
    const data = await contactPageQuery.load(userActor(request), id, { seesDaCase: can(request, 'da:triage') });
    if (!data) throw notFound();
    if (data.view.contact.status === 'draft') return reply.redirect(frontDoorPath('check', { id }), 303);
    // Possible same incidents and late notifications (incident-review-service.ts), shown by _incident-review.njk on the summary.
    const incidents = section === 'summary' ? await app.services.incidentReviews.onContactPage(data.view.contact, { owning: data.owning, screens: can(request, 'contact:screen') }) : {};
    const page = presentContactPage(data, { userId: user.userId, agencyId: user.agencyId, can: (p) => can(request, p) }, now());
    return reply.code(status).view(SECTION_VIEWS[section], {
      ...page,
      pageTitle: contactSectionTitle(data.view.contact.reference, section),
      section,
      subNavigation: contactSubNavigation(id, section, { manage: page.canManage, authorise: can(request, 'contact:authorise'), status: data.view.contact.status }),
      ...(section === 'summary' ? {} : { backLink: { href: frontDoorPath('contact', { id }), text: 'Back to the summary' } }),
      ...incidents,
      ...extra,
    });
  }

  const READ = { rule: 'contact:read', records: { id: 'contact' } } as const;
  app.get(FRONT_DOOR_ROUTES.contact, { config: READ }, async (request, reply) => contactPage(request, reply));
  app.get(FRONT_DOOR_ROUTES.contactPeople, { config: READ }, async (request, reply) => contactPage(request, reply, {}, 200, 'people'));
  app.get(FRONT_DOOR_ROUTES.contactHistory, { config: READ }, async (request, reply) => contactPage(request, reply, {}, 200, 'history'));
  app.get(FRONT_DOOR_ROUTES.screening, { config: { rule: 'contact:screen', records: { id: 'contact.owned' } } }, async (request, reply) => contactPage(request, reply, {}, 200, 'screening'));
  app.get(FRONT_DOOR_ROUTES.authorisation, { config: { rule: 'contact:authorise', records: { id: 'contact.owned' } } }, async (request, reply) => contactPage(request, reply, {}, 200, 'authorisation'));
  app.get(FRONT_DOOR_ROUTES.allocation, { config: { rule: 'contact:screen', records: { id: 'contact.owned' } } }, async (request, reply) => contactPage(request, reply, {}, 200, 'allocation'));
  app.get(FRONT_DOOR_ROUTES.shares, { config: { rule: 'contact:screen', records: { id: 'contact.owned' } } }, async (request, reply) => contactPage(request, reply, {}, 200, 'sharing'));

  /** The contact a route acts on as its owner (the route's `records` has checked the viewer's agency owns it). */
  const owned = (request: FastifyRequest) => ({ id: idParam(request), user: requireUser(request) });

  app.post(FRONT_DOOR_ROUTES.screening, { config: { rule: 'contact:screen', records: { id: 'contact.owned' } } }, async (request, reply) => {
    const g = owned(request);
    const form = parseForm(screeningForm, request.body);
    if (!form.ok) return contactPage(request, reply, { errors: form.errors, values: form.values }, 400, 'screening');
    const result = await contacts.recordDecision(userActor(request), g.id, form.value);
    if ('problems' in result) return contactPage(request, reply, { errors: errorsFrom(result.problems), values: request.body }, 409, 'screening');
    return reply.redirect(frontDoorPath('contact', { id: g.id }, { decided: 1 }), 303);
  });

  app.post(FRONT_DOOR_ROUTES.authorisation, { config: { rule: 'contact:authorise', records: { id: 'contact.owned' } } }, async (request, reply) => {
    const g = owned(request);
    const form = parseForm(authorisationForm, request.body);
    if (!form.ok) return contactPage(request, reply, { errors: form.errors, values: form.values }, 400, 'authorisation');
    const result = await contacts.authorise(userActor(request), g.id, form.value.decision, form.value.comment);
    if ('problems' in result) return contactPage(request, reply, { errors: errorsFrom(result.problems), values: request.body }, 409, 'authorisation');
    return reply.redirect(frontDoorPath('contact', { id: g.id }, { authorised: 1 }), 303);
  });

  app.post(FRONT_DOOR_ROUTES.rag, { config: { rule: 'contact:screen', records: { id: 'contact.owned' } } }, async (request, reply) => {
    const g = owned(request);
    const form = parseForm(ragForm, request.body);
    if (!form.ok) return contactPage(request, reply, { errors: form.errors }, 400, 'allocation');
    await contacts.rate(userActor(request), g.id, form.value.rag);
    return reply.redirect(frontDoorPath('contact', { id: g.id }), 303);
  });

  app.post(FRONT_DOOR_ROUTES.allocation, { config: { rule: 'contact:screen', records: { id: 'contact.owned' } } }, async (request, reply) => {
    const g = owned(request);
    const form = parseForm(allocationForm, request.body);
    if (!form.ok) return contactPage(request, reply, { errors: form.errors }, 400, 'allocation');
    const workers = await contacts.teamMembers(g.user);
    if (form.value.userId && !workers.some((w) => w.id === form.value.userId)) {
      return contactPage(request, reply, { errors: errorsFrom({ userId: 'Select a worker from your team' }) }, 400, 'allocation');
    }
    await contacts.allocate(userActor(request), g.id, form.value.userId);
    return reply.redirect(frontDoorPath('contact', { id: g.id }), 303);
  });

  app.post(FRONT_DOOR_ROUTES.shares, { config: { rule: 'contact:screen', records: { id: 'contact.owned' } } }, async (request, reply) => {
    const g = owned(request);
    const form = parseForm(shareForm, request.body);
    if (!form.ok) return contactPage(request, reply, { errors: form.errors, shareValues: form.values }, 400, 'sharing');
    const result = await contacts.share(userActor(request), g.id, form.value.agencyId, form.value.purpose);
    if ('problems' in result) return contactPage(request, reply, { errors: errorsFrom(result.problems), shareValues: request.body }, 400, 'sharing');
    return reply.redirect(frontDoorPath('shares', { id: g.id }), 303);
  });

  // ——— lists ———
  app.get(FRONT_DOOR_ROUTES.worklist, { config: { rule: 'worklist:view' } }, async (request, reply) => {
    const user = requireUser(request);
    const choice = worklistChoice(request.query as Body);
    const page = pageParam(request);
    const { rows, counts, total } = await contacts.worklistPage(user, choice, page, WORKLIST_PAGE_SIZE);
    return reply.view('front-door/views/worklist.njk', presentWorklist(rows, counts, choice, page, WORKLIST_PAGE_SIZE, total));
  });

  app.get(FRONT_DOOR_ROUTES.authorisations, { config: { rule: 'contact:authorise' } }, async (request, reply) => {
    const user = requireUser(request);
    const page = pageParam(request);
    const { rows, total } = await contacts.worklistPage(user, { status: 'awaiting_authorisation', due: 'all' }, page, WORKLIST_PAGE_SIZE);
    return reply.view('front-door/views/authorisations.njk', {
      pageTitle: 'Decisions awaiting authorisation',
      items: rows.map((i) => ({ ...i, tag: deadlineTag(i.state), subjects: i.restricted ? 'Restricted' : i.subjects })),
      total,
      pagination: pagination(page, total, WORKLIST_PAGE_SIZE, (n) => frontDoorPath('authorisations', {}, { page: n > 1 ? n : null })),
    });
  });

  app.get(FRONT_DOOR_ROUTES.contacts, { config: { rule: 'contact:read' } }, async (request, reply) => {
    const user: Viewer = requireUser(request);
    const show = contactListChoice(request.query as Body);
    const page = pageParam(request);
    const pageSize = CONTACTS_PAGE_SIZE;
    const [items, counts] = [await contacts.visibleList(user, pageSize, (page - 1) * pageSize, show), await contacts.contactListCounts(user)];
    return reply.view('front-door/views/list.njk', presentContactList(items, counts, show, page, pageSize));
  });
}

const WORKLIST_PAGE_SIZE = 25;
const CONTACTS_PAGE_SIZE = 25;
