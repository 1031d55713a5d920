/**
 * The person register for practitioners: search (page and API), a person's record with family, household and
 * chronology, changes to the record, and the possible-duplicates queue with merge and undo.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type FieldExplanation } from '../../domain/matching/model.js';
import { NAME_TYPES, RELATIONSHIP_CHOICES } from '../../domain/codes.js';
import { type AuditTrail } from '../../platform/audit.js';
import { type CurrentUser, actorOf, can, requireUser } from '../../platform/authz.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { errorsFrom, noFields, parseForm } from '../../platform/forms.js';
import { idParam, pageParam } from '../../platform/params.js';
import { pagination } from '../../platform/pagination.js';

/**
 * Search results ten a page, best match first: each result is a card with its match explained, and a practitioner
 * checking who someone is reads the first few (25 cards ran to 7,300 px).
 */
export const SEARCH_PAGE_SIZE = 10;
const DUPLICATES_PAGE_SIZE = 25;
/** The most people the add-relationship search offers: more means the search should be narrower. */
const RELATIONSHIP_RESULTS = 10;
import { type HouseholdService } from './households.js';
import { type IdentityService } from './identity.js';
import { type MergeService } from './merge.js';
import { IDENTIFIER_CHOICES, addressForm, checkIdentifier, contactDetailForm, endRelationshipForm, flagsForm, identifierForm, mergeForm, nameForm, notSameForm, relationshipForm, searchForm } from './forms.js';
import { CHRONOLOGY_PAGE, type ChronologyRow, familyGroups, latestChronology, matchSummary, personRows, timelineItems } from './presenters.js';
import { PEOPLE_ROUTES, peoplePath, personPath } from './paths.js';
import { type PeopleService, type SearchQuery } from './service.js';
import { displayName, personName } from '../../domain/names.js';
import { mayProposeTransfer } from '../../domain/safeguarding-lead.js';

type Body = Record<string, unknown>;

/**
 * What a person's page shows of the front door, which builds on people: the contacts the person is in, as a
 * chronology (the front door's ContactService provides it). A port, so that people imports nothing above it.
 */
export interface PersonChronology {
  chronology(viewer: CurrentUser, personId: string): Promise<readonly ChronologyRow[]>;
}

/** What a person's page shows of who leads their safeguarding work (the safeguarding-lead capability provides it): a port, as above. */
export interface PersonLead {
  leadFor(personId: string): Promise<{ agencyId: string } | null>;
  history(personId: string): Promise<readonly unknown[]>;
}

export function registerPeopleRoutes(
  app: FastifyInstance,
  services: { people: PeopleService; contacts: PersonChronology; leads: PersonLead; audit: AuditTrail; identity: IdentityService; households: HouseholdService; merges: MergeService },
): void {
  const { people, contacts, leads, identity, households, merges } = services;

  function userActor(request: FastifyRequest) {
    const user = requireUser(request);
    return { ...actorOf(request), userId: user.userId, tenantId: user.tenantId, agencyId: user.agencyId };
  }

  function toQuery(v: ReturnType<typeof searchForm.parse>): SearchQuery {
    const identifier = v.identifier && v.identifierType ? checkIdentifier(v.identifierType, v.identifier) : null;
    return {
      givenNames: v.givenNames,
      familyName: v.familyName,
      dateOfBirth: v.dateOfBirth,
      ageFrom: v.ageFrom,
      ageTo: v.ageTo,
      postcode: v.postcode,
      identifier: identifier && 'value' in identifier ? { type: v.identifierType!, value: identifier.value } : null,
      nhsNumber: v.nhsNumber,
    };
  }

  // ——— search ———
  app.get(PEOPLE_ROUTES.search, { config: { rule: 'person:search' } }, async (request, reply) => {
    const user = requireUser(request);
    // The page of results is not part of the search.
    const { page: _page, ...query } = request.query as Body;
    const view = { pageTitle: 'Find a person', identifierTypes: IDENTIFIER_CHOICES, canMerge: can(request, 'person:merge') };
    if (Object.keys(query).length === 0) return reply.view('people/views/search.njk', { ...view, values: {} });
    const form = parseForm(searchForm, query);
    if (!form.ok) return reply.code(400).view('people/views/search.njk', { ...view, errors: form.errors, values: query });
    const results = await people.search(user, actorOf(request), toQuery(form.value));
    // Best matches first, ten a page; the search stays in the pages' addresses.
    const page = Math.min(pageParam(request), Math.max(1, Math.ceil(results.length / SEARCH_PAGE_SIZE)));
    const kept = Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return reply.view('people/views/search.njk', {
      ...view,
      values: query,
      total: results.length,
      results: results.slice((page - 1) * SEARCH_PAGE_SIZE, page * SEARCH_PAGE_SIZE).map((r) => ({ ...r, name: displayName(r, false), match: r.match ? matchSummary(r.match) : null, href: personPath(r.id) })),
      pagination: pagination(page, results.length, SEARCH_PAGE_SIZE, (n) => peoplePath('search', {}, { ...kept, page: n > 1 ? n : null })),
    });
  });

  app.get(PEOPLE_ROUTES.apiSearch, { config: { rule: 'person:search' } }, async (request, reply) => {
    const user = requireUser(request);
    const form = parseForm(searchForm, request.query);
    if (!form.ok) throw badRequest('The search is not valid.', form.errors.summary.map((e) => ({ field: e.href.slice(1), message: e.text })));
    const results = await people.search(user, actorOf(request), toQuery(form.value));
    return reply.send({
      results: results.map((r) => ({
        id: r.id,
        restricted: r.restricted,
        ...(r.restricted
          ? {}
          : { givenNames: r.given_names, familyName: r.family_name, dateOfBirth: r.date_of_birth, dobPrecision: r.dob_precision, gender: r.gender, postcode: r.postcode }),
        ...(r.match ? { match: { probability: Number(r.match.probability.toFixed(4)), fields: r.match.fields.map((f: FieldExplanation) => ({ field: f.name, level: f.level, agreement: f.agreement, weight: f.weight })) } } : {}),
        href: personPath(r.id),
      })),
    });
  });

  // ——— a person ———
  /** The person a route names (its `records` has checked the viewer may open them); a merged record's page moves on. */
  /** The person a route names, or null once the browser has been sent to the record it was merged into. */
  async function openPerson(request: FastifyRequest, reply: FastifyReply): Promise<{ user: CurrentUser; id: string } | null> {
    const user = requireUser(request);
    const id = idParam(request);
    const survivor = await people.mergedInto(id);
    if (survivor) {
      await reply.redirect(peoplePath('person', { id: survivor }, { merged: 1 }), 303);
      return null;
    }
    return { user, id };
  }

  /** The person a page shows, viewed (and audited) once, with their main name; null once redirected to a merge. */
  async function viewPerson(request: FastifyRequest, reply: FastifyReply) {
    const opened = await openPerson(request, reply);
    if (!opened) return null;
    const person = await people.view(opened.user, actorOf(request), opened.id);
    if (!person) throw notFound();
    return { ...opened, person, primary: person.names.find((n) => n.is_primary) ?? person.names[0] };
  }

  app.get(PEOPLE_ROUTES.person, { config: { rule: 'person:read', records: { id: 'person' } } }, async (request, reply) => {
    const viewed = await viewPerson(request, reply);
    if (!viewed) return reply;
    const { user, id, person, primary } = viewed;
    const today = people.today();
    const q = request.query as Body;
    const lead = await leads.leadFor(id);
    return reply.view('people/views/person.njk', {
      pageTitle: personName(primary, { missing: 'Person' }),
      person: {
        ...person,
        households: person.households.map((h) => ({
          ...h,
          leaveAction: peoplePath('leaveHousehold', { id, householdId: h.id }),
          members: h.members.map((m) => ({ ...m, href: personPath(m.person_id) })),
        })),
      },
      name: personName(primary),
      rows: personRows(person, today),
      links: {
        names: peoplePath('names', { id }),
        identifiers: peoplePath('identifiers', { id }),
        contactDetails: peoplePath('contactDetails', { id }),
        flags: peoplePath('flags', { id }),
        relationships: peoplePath('relationships', { id }),
        addresses: peoplePath('addresses', { id }),
      },
      family: familyGroups(person.relationships).map((g) => ({
        ...g,
        people: g.people.map((p) => ({ ...p, href: personPath(p.id), endHref: p.relationshipId ? peoplePath('endRelationship', { id, relationshipId: p.relationshipId }) : undefined })),
      })),
      // The latest entries; the whole chronology is a page of its own, paginated.
      ...latestChronology(timelineItems(await contacts.chronology(user, id)), id),
      lead,
      leadHistory: await leads.history(id),
      canProposeLead: can(request, 'lead:transfer') && mayProposeTransfer(user.agencyId, lead),
      merges: can(request, 'person:merge') ? (await merges.mergesInto(id)).map((m) => ({ ...m, undoAction: peoplePath('undoMerge', { id: m.id }) })) : [],
      canSeeAudit: can(request, 'audit:view'),
      canEdit: can(request, 'person:edit'),
      canMerge: can(request, 'person:merge'),
      flash: q.merged ? 'The record you opened was merged into this one.' : q.saved ? 'Saved' : q.unmerged ? 'The merge was undone: the two records are separate again.' : undefined,
    });
  });

  // A person's whole chronology, 25 entries a page, newest first.
  app.get(PEOPLE_ROUTES.chronology, { config: { rule: 'person:read', records: { id: 'person' } } }, async (request, reply) => {
    const viewed = await viewPerson(request, reply);
    if (!viewed) return reply;
    const { user, id, primary } = viewed;
    const items = timelineItems(await contacts.chronology(user, id));
    const page = Math.min(pageParam(request), Math.max(1, Math.ceil(items.length / CHRONOLOGY_PAGE)));
    return reply.view('people/views/chronology.njk', {
      pageTitle: `Chronology: ${personName(primary, { missing: 'Person' })}`,
      name: personName(primary, { missing: 'Person' }),
      backLink: { href: personPath(id), text: 'Back to the person' },
      total: items.length,
      timeline: items.slice((page - 1) * CHRONOLOGY_PAGE, page * CHRONOLOGY_PAGE),
      pagination: pagination(page, items.length, CHRONOLOGY_PAGE, (n) => peoplePath('chronology', { id }, { page: n })),
    });
  });

  // ——— changes ———
  const EDITS = {
    names: { title: 'Add a name', form: nameForm, rule: 'person:edit' as const, route: 'names' as const },
    identifiers: { title: 'Add an identifier', form: identifierForm, rule: 'person:edit' as const, route: 'identifiers' as const },
    addresses: { title: 'Add a new address', form: addressForm, rule: 'person:edit' as const, route: 'addresses' as const },
    'contact-details': { title: 'Add a contact detail', form: contactDetailForm, rule: 'person:edit' as const, route: 'contactDetails' as const },
    flags: { title: 'Flags and status', form: flagsForm, rule: 'person:edit' as const, route: 'flags' as const },
  };

  async function editPage(request: FastifyRequest, reply: FastifyReply, kind: keyof typeof EDITS, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    const id = idParam(request);
    const person = await people.summaries([id]);
    if (!person[0]) throw notFound();
    const current = kind === 'flags' ? await people.view(user, actorOf(request), id) : undefined;
    return reply.code(status).view('people/views/edit.njk', {
      pageTitle: EDITS[kind].title,
      kind,
      person: person[0],
      nameTypes: NAME_TYPES,
      identifierTypes: IDENTIFIER_CHOICES,
      action: peoplePath(EDITS[kind].route, { id }),
      backLink: { href: personPath(id), text: 'Back' },
      values:
        current && kind === 'flags'
          ? {
              restricted: current.restricted ? 'yes' : 'no',
              riskToStaff: current.risk_to_staff ? 'yes' : 'no',
              riskToStaffNote: current.risk_to_staff_note,
              ...(current.deceased_on ? { 'deceasedOn-day': String(Number(current.deceased_on.slice(8))), 'deceasedOn-month': String(Number(current.deceased_on.slice(5, 7))), 'deceasedOn-year': current.deceased_on.slice(0, 4) } : {}),
            }
          : {},
      ...extra,
    });
  }

  for (const kind of Object.keys(EDITS) as (keyof typeof EDITS)[]) {
    app.get(PEOPLE_ROUTES[EDITS[kind].route], { config: { rule: EDITS[kind].rule, records: { id: 'person' } } }, async (request, reply) => {
      const opened = await openPerson(request, reply);
      if (!opened) return reply;
      return editPage(request, reply, kind);
    });

    app.post(PEOPLE_ROUTES[EDITS[kind].route], { config: { rule: EDITS[kind].rule, records: { id: 'person' } } }, async (request, reply) => {
      const opened = await openPerson(request, reply);
      if (!opened) return reply;
      const { id } = opened;
      const form = parseForm(EDITS[kind].form as typeof nameForm, request.body);
      if (!form.ok) return editPage(request, reply, kind, { errors: form.errors, values: form.values }, 400);
      const actor = userActor(request);
      const v = form.value as Record<string, unknown>;
      switch (kind) {
        case 'names':
          await people.addName(actor, id, v as { type: string; givenNames: string; familyName: string; makePrimary: boolean });
          break;
        case 'identifiers': {
          const checked = checkIdentifier(String(v.identifierType), String(v.identifier));
          if ('problem' in checked) return editPage(request, reply, kind, { errors: errorsFrom({ identifier: checked.problem }), values: request.body }, 400);
          const result = await people.addIdentifier(actor, id, String(v.identifierType), checked.value);
          if ('problem' in result) return editPage(request, reply, kind, { errors: errorsFrom({ identifier: result.problem }), values: request.body }, 409);
          break;
        }
        case 'addresses':
          await people.moveTo(actor, id, v as { line1: string; line2: string | null; town: string | null; postcode: string | null; uprn: string | null; fromDate: string });
          break;
        case 'contact-details':
          await people.addContactDetail(actor, id, v as { type: string; value: string; note: string | null });
          break;
        case 'flags':
          await people.setFlags(actor, id, v as { restricted: boolean; riskToStaff: boolean; riskToStaffNote: string | null; deceasedOn: string | null });
          break;
      }
      return reply.redirect(peoplePath('person', { id }, { saved: 1 }), 303);
    });
  }

  /**
   * Adding a relationship: find the other person (the same search as the search page), say how they are related,
   * and whether they live together. The search stays in the address so a page with errors shows the same people.
   */
  async function relationshipPage(request: FastifyRequest, reply: FastifyReply, id: string, extra: { errors?: unknown; values?: Body } = {}, status = 200) {
    const user = requireUser(request);
    const query = request.query as Body;
    const [person] = await people.summaries([id]);
    if (!person) throw notFound();
    let results: unknown[] | undefined;
    let total = 0;
    let searchErrors: unknown;
    if (Object.keys(query).length > 0) {
      const search = parseForm(searchForm, query);
      if (search.ok) {
        const found = (await people.search(user, actorOf(request), toQuery(search.value))).filter((r) => r.id !== id);
        total = found.length;
        // The closest few (best matches first), and the person already chosen wherever they came in the list.
        const chosen = typeof extra.values?.otherPersonId === 'string' ? extra.values.otherPersonId : undefined;
        const shown = found.slice(0, RELATIONSHIP_RESULTS);
        const kept = chosen && !shown.some((r) => r.id === chosen) ? found.filter((r) => r.id === chosen) : [];
        results = [...shown, ...kept].map((r) => ({ ...r, name: displayName(r, false), match: r.match ? matchSummary(r.match) : null }));
      } else searchErrors = search.errors;
    }
    const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string')).toString();
    return reply.code(searchErrors ? 400 : status).view('people/views/relationship.njk', {
      pageTitle: 'Add a relationship',
      person,
      name: displayName(person, false),
      searchValues: query,
      ...(searchErrors ? { errors: searchErrors } : {}),
      results,
      total,
      more: total > RELATIONSHIP_RESULTS ? RELATIONSHIP_RESULTS : 0,
      choices: RELATIONSHIP_CHOICES,
      canShareHousehold: await households.hasHousehold(id),
      searchAction: peoplePath('relationships', { id }),
      // The search is carried as it was typed (every field, even an empty one), so the page with errors shows the same people.
      action: `${peoplePath('relationships', { id })}${qs ? `?${qs}` : ''}`,
      backLink: { href: personPath(id), text: 'Back' },
      values: {},
      ...extra,
    });
  }

  app.get(PEOPLE_ROUTES.relationships, { config: { rule: 'person:edit', records: { id: 'person' } } }, async (request, reply) => {
    const opened = await openPerson(request, reply);
    if (!opened) return reply;
    return relationshipPage(request, reply, opened.id);
  });

  app.post(PEOPLE_ROUTES.relationships, { config: { rule: 'person:edit', records: { id: 'person', 'body.otherPersonId': 'person' } } }, async (request, reply) => {
    const opened = await openPerson(request, reply);
    if (!opened) return reply;
    const form = parseForm(relationshipForm, request.body);
    if (!form.ok) return relationshipPage(request, reply, opened.id, { errors: form.errors, values: form.values }, 400);
    const v = form.value;
    const other = await people.access(opened.user, v.otherPersonId);
    if (!other || other.outcome === 'deny' || (await people.mergedInto(v.otherPersonId))) {
      return relationshipPage(request, reply, opened.id, { errors: errorsFrom({ otherPersonId: 'Select a person from the search results' }), values: request.body as Body }, 400);
    }
    const outcome = await people.relateByHand(userActor(request), { thisPersonId: opened.id, otherPersonId: v.otherPersonId, choice: v.relationship, fromDate: v.fromDate, sameHousehold: v.sameHousehold });
    if (outcome !== 'added') {
      const problem = outcome === 'same-person' ? 'Select someone other than this person' : 'A relationship between these two people is already recorded: end it first if it has changed';
      return relationshipPage(request, reply, opened.id, { errors: errorsFrom({ otherPersonId: problem }), values: request.body as Body }, outcome === 'exists' ? 409 : 400);
    }
    await people.afterChange(opened.user.tenantId, opened.id);
    return reply.redirect(peoplePath('person', { id: opened.id }, { saved: 1 }), 303);
  });

  app.get(PEOPLE_ROUTES.endRelationship, { config: { rule: 'person:edit', records: { id: 'person' } } }, async (request, reply) => {
    const opened = await openPerson(request, reply);
    if (!opened) return reply;
    const [person] = await people.summaries([opened.id]);
    return reply.view('people/views/end-relationship.njk', { pageTitle: 'End a relationship', person, action: request.url, backLink: { href: personPath(opened.id), text: 'Back' }, values: {} });
  });

  app.post(PEOPLE_ROUTES.endRelationship, { config: { rule: 'person:edit', records: { id: 'person' } } }, async (request, reply) => {
    const opened = await openPerson(request, reply);
    if (!opened) return reply;
    const relationshipId = idParam(request, 'relationshipId');
    const form = parseForm(endRelationshipForm, request.body);
    if (!form.ok) {
      const [person] = await people.summaries([opened.id]);
      return reply.code(400).view('people/views/end-relationship.njk', { pageTitle: 'End a relationship', person, action: request.url, errors: form.errors, values: form.values });
    }
    if (!(await people.endRelationship(userActor(request), opened.id, relationshipId, form.value.toDate))) throw notFound();
    return reply.redirect(peoplePath('person', { id: opened.id }, { saved: 1 }), 303);
  });

  app.post(PEOPLE_ROUTES.leaveHousehold, { config: { rule: 'person:edit', records: { id: 'person' } } }, async (request, reply) => {
    const opened = await openPerson(request, reply);
    if (!opened) return reply;
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    const removed = await households.removeByHand(userActor(request), idParam(request, 'householdId'), opened.id);
    if (!removed) throw notFound();
    return reply.redirect(peoplePath('person', { id: opened.id }, { saved: 1 }), 303);
  });

  // ——— possible duplicates ———
  app.get(PEOPLE_ROUTES.duplicates, { config: { rule: 'person:merge' } }, async (request, reply) => {
    const user = requireUser(request);
    // Most likely first, 25 a page.
    const total = await identity.countOpenDuplicates(user.tenantId);
    const page = Math.min(pageParam(request), Math.max(1, Math.ceil(total / DUPLICATES_PAGE_SIZE)));
    const list = await identity.openDuplicates(user.tenantId, DUPLICATES_PAGE_SIZE, (page - 1) * DUPLICATES_PAGE_SIZE);
    const ids = [...new Set(list.flatMap((d) => [d.person_a, d.person_b]))];
    const byId = new Map((await people.summaries(ids)).map((p) => [p.id, p]));
    return reply.view('people/views/duplicates.njk', {
      pageTitle: 'Possible duplicates',
      total,
      items: list.map((d) => ({ ...d, a: byId.get(d.person_a), b: byId.get(d.person_b), percent: Math.round(d.probability * 100), href: peoplePath('duplicate', { id: d.id }) })),
      pagination: pagination(page, total, DUPLICATES_PAGE_SIZE, (n) => peoplePath('duplicates', {}, { page: n > 1 ? n : null })),
    });
  });

  async function duplicatePage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    const d = await identity.duplicate(user.tenantId, idParam(request));
    if (!d) throw notFound();
    const [aFull, bFull] = await Promise.all([people.view(user, actorOf(request), d.personA), people.view(user, actorOf(request), d.personB)]);
    if (!aFull || !bFull) throw notFound();
    const today = people.today();
    const why = await identity.compare(user.tenantId, d.personA, d.personB);
    const nameOf = (p: typeof aFull) => personName(p.names.find((x) => x.is_primary) ?? p.names[0]);
    return reply.code(status).view('people/views/duplicate.njk', {
      pageTitle: 'Are these the same person?',
      duplicate: d,
      a: { ...aFull, name: nameOf(aFull), rows: personRows(aFull, today), href: personPath(aFull.id) },
      b: { ...bFull, name: nameOf(bFull), rows: personRows(bFull, today), href: personPath(bFull.id) },
      actions: { merge: peoplePath('merge', { id: d.id }), notTheSame: peoplePath('notTheSame', { id: d.id }) },
      why: why ? matchSummary(why) : null,
      backLink: { href: peoplePath('duplicates', {}), text: 'Possible duplicates' },
      values: {},
      ...extra,
    });
  }

  app.get(PEOPLE_ROUTES.duplicate, { config: { rule: 'person:merge', records: { id: 'duplicate' } } }, async (request, reply) => duplicatePage(request, reply));

  app.post(PEOPLE_ROUTES.merge, { config: { rule: 'person:merge', records: { id: 'duplicate' } } }, async (request, reply) => {
    const user = requireUser(request);
    const d = await identity.duplicate(user.tenantId, idParam(request));
    if (!d) throw notFound();
    const form = parseForm(mergeForm, request.body);
    if (!form.ok) return duplicatePage(request, reply, { errors: form.errors, values: form.values }, 400);
    if (d.status !== 'open') return duplicatePage(request, reply, { errors: errorsFrom({ keep: 'This pair has already been decided' }) }, 409);
    const [survivor, merged] = form.value.keep === 'a' ? [d.personA, d.personB] : [d.personB, d.personA];
    const result = await merges.merge(userActor(request), survivor, merged, { reason: form.value.reason, duplicateId: d.id });
    if ('problem' in result) return duplicatePage(request, reply, { errors: errorsFrom({ keep: result.problem }) }, 409);
    return reply.redirect(peoplePath('person', { id: survivor }, { saved: 1 }), 303);
  });

  app.post(PEOPLE_ROUTES.notTheSame, { config: { rule: 'person:merge', records: { id: 'duplicate' } } }, async (request, reply) => {
    const user = requireUser(request);
    const d = await identity.duplicate(user.tenantId, idParam(request));
    if (!d) throw notFound();
    const form = parseForm(notSameForm, request.body);
    if (!form.ok) return duplicatePage(request, reply, { errors: form.errors, values: form.values }, 400);
    await merges.notTheSame(userActor(request), d.id, form.value.reason);
    return reply.redirect(peoplePath('duplicates', {}), 303);
  });

  app.post(PEOPLE_ROUTES.undoMerge, { config: { rule: 'person:merge', records: { id: 'merge' } } }, async (request, reply) => {
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    const result = await merges.undo(userActor(request), idParam(request));
    if ('problem' in result) throw notFound(result.problem);
    return reply.redirect(peoplePath('person', { id: result.survivorId }, { unmerged: 1 }), 303);
  });
}

/** The matching page saying what was done (the message encoded with encodeURIComponent, as it always was). */
function matchingResult(message: string): string {
  return `${peoplePath('matching', {})}?result=${encodeURIComponent(message)}`;
}

/** The matching engine's model for an area: where its parameters came from; re-estimate; scan for duplicates. */
export function registerMatchingAdminRoutes(app: FastifyInstance, services: { identity: IdentityService }): void {
  const { identity } = services;
  const rule = { rule: 'matching:manage' as const };

  async function page(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    const loaded = await identity.modelFor(user.tenantId);
    const q = request.query as Body;
    return reply.code(status).view('people/views/matching-admin.njk', {
      pageTitle: 'Matching people',
      source: loaded.source,
      trainedAt: loaded.trainedAt,
      params: loaded.model.params,
      comparisons: loaded.model.comparisons.map((c) => {
        const p = loaded.model.params.comparisons.find((x) => x.name === c.name)!;
        return { title: c.title, levels: c.levels.map((label, i) => ({ label, m: (p.m[i]! * 100).toFixed(1), u: (p.u[i]! * 100).toFixed(2) })) };
      }),
      flash: typeof q.result === 'string' ? q.result.slice(0, 200) : undefined,
      ...extra,
    });
  }

  app.get(PEOPLE_ROUTES.matching, { config: rule }, async (request, reply) => page(request, reply));

  app.post(PEOPLE_ROUTES.trainMatching, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    const result = await identity.train(actorOf(request), user.tenantId);
    const message = result.trained ? `Parameters re-estimated: ${result.source}` : `Not re-estimated: ${result.source}`;
    return reply.redirect(matchingResult(message), 303);
  });

  app.post(PEOPLE_ROUTES.scanForDuplicates, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    const result = await identity.scanDuplicates(actorOf(request), user.tenantId);
    return reply.redirect(matchingResult(`Scanned ${result.people} people: ${result.queued} possible duplicate pairs queued for review`), 303);
  });
}
