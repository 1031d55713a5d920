/**
 * Children missing education: referrals (from a school's own page, recorded by the CME officer from admissions,
 * another authority or others, or made by the front door's authorised decision "pass to children missing
 * education"), the joint enquiries before deletion from roll (20 school days by the area's school calendar, which
 * Operation Encompass holds), the enquiries made to find the child, the close with an outcome code, and the register
 * of children electively home educated with its suitability checks. The area's localities say where each child lives.
 *
 * Everything a change needs is read before its transaction (PGlite has one connection); each change is checked
 * against the rules of domain/cme.ts and audited as the last write of its transaction; every view is audited.
 */
import { randomUUID } from 'node:crypto';
import { type Database, asDate, transaction } from '../../db/client.js';
import { type CmeReferralFacts } from '../../domain/access.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import {
  JOINT_ENQUIRY_TIMESCALE,
  type LocalityRule,
  checkProblems,
  closureProblems,
  enquiryProblems,
  localityFor,
  normalisePrefix,
  phaseOf,
  prefixClashes,
  prefixProblem,
  yearGroupOn,
} from '../../domain/cme.js';
import { isSchoolDay } from '../../domain/encompass.js';
import { type LocalDate, addMonths } from '../../domain/time.js';
import { type SchoolDays, type Timescale, timescaleDeadline } from '../../domain/timescales.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import { notifyInApp } from '../../platform/outbox.js';
import { type EncompassService } from '../encompass/service.js';
import { type OrganisationService } from '../organisations/service.js';
import { type PeopleService } from '../people/service.js';
import { referralPath } from './paths.js';
import * as repo from './repository.js';

export type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
export type Problems = Record<string, string>;
export type ChangeResult = { ok: true; id?: string } | { problems: Problems } | { notFound: true };
export type { ReferralRow, EnquiryRow, LocalityRow, RegistrationRow, CheckRow, RegisterShow } from './repository.js';

const has = (p: Problems) => Object.keys(p).length > 0;

/** What making a referral needs, read before the transaction. */
export interface CmeSetUp {
  tenantId: string;
  calendar: WorkingCalendar;
  /** School days: weekdays outside bank holidays and the area's school holidays (Operation Encompass's calendar). */
  school: SchoolDays;
  timescale: Timescale;
  localities: readonly (LocalityRule & { code: string })[];
  /** The CME service's users, told of each new referral. */
  officers: readonly string[];
}

/** A new child, added to the person register with the referral. */
export interface NewChild {
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  gender: string;
}

export interface ReferralInput {
  /** An existing person, or null with `newChild`. */
  personId: string | null;
  newChild: NewChild | null;
  source: string;
  reason: string;
  yearGroup: string | null;
  fsmEligible: boolean | null;
  ethnicity: string;
  postcode: string | null;
  addressLine1: string | null;
  narrative: string;
  lastSchoolUrn: string | null;
  lastSchoolName: string | null;
}

export interface EnquiryInput {
  kind: string;
  madeOn: string;
  result: string;
}

export interface CloseInput {
  outcomeCode: string;
  foundAt: string | null;
  outcomeNote: string | null;
  closedOn: string;
}

export class CmeService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly calendar: CalendarService,
    readonly organisations: OrganisationService,
    readonly people: Pick<PeopleService, 'summaries' | 'create' | 'afterChange'>,
    readonly encompass: Pick<EncompassService, 'calendarPage'>,
    readonly now: () => Date,
  ) {}

  private async workingCalendar(tenantId: string): Promise<WorkingCalendar> {
    const tenant = await this.organisations.tenant(tenantId);
    return this.calendar.forDivision(tenant?.calendarDivision ?? 'england-and-wales');
  }

  /** The area's school days: Operation Encompass's authority calendar (terms and closures) and the bank holidays. */
  async schoolDays(tenantId: string): Promise<{ calendar: WorkingCalendar; school: SchoolDays }> {
    const [calendar, page] = await Promise.all([this.workingCalendar(tenantId), this.encompass.calendarPage(tenantId, null)]);
    const rules = { dayStartsAt: page.dayStartsAt, terms: page.terms, closures: page.closures };
    return { calendar, school: { isSchoolDay: (d: LocalDate) => isSchoolDay(d, rules, (x) => calendar.isHoliday(x)) } };
  }

  // ——— record checks ———

  async accessFacts(id: string): Promise<CmeReferralFacts | undefined> {
    const row = await repo.accessFacts(this.db, id);
    return row && { tenantId: row.tenant_id, referringAgencyId: row.referring_agency_id, restricted: row.restricted };
  }

  async registrationFacts(id: string): Promise<{ tenantId: string } | undefined> {
    const row = await repo.registrationArea(this.db, id);
    return row && { tenantId: row.tenant_id };
  }

  // ——— localities ———

  async localities(tenantId: string) {
    return repo.localities(this.db, tenantId);
  }

  async saveLocality(actor: UserActor, input: { code: string; name: string; prefixes: string }): Promise<ChangeResult> {
    const prefixes = [...new Set(input.prefixes.split(/[,;\n]+/).map((p) => normalisePrefix(p)).filter((p) => p !== ''))];
    const problems: Problems = {};
    if (prefixes.length === 0) problems.prefixes = 'Enter at least one postcode prefix, like FM1 or FM2 9';
    const bad = prefixes.map(prefixProblem).find((p) => p !== null);
    if (bad) problems.prefixes = bad;
    const others = (await repo.localities(this.db, actor.tenantId)).filter((l) => l.code !== input.code);
    const clash = prefixClashes([...others.map((l) => ({ code: l.code, postcodePrefixes: l.postcode_prefixes })), { code: input.code, postcodePrefixes: prefixes }]).find((c) => c.codes.includes(input.code));
    if (clash && !problems.prefixes) problems.prefixes = `${clash.prefix} is already in ${others.find((o) => clash.codes.includes(o.code))?.name ?? 'another locality'}: a postcode has one resident locality`;
    if (has(problems)) return { problems };
    return transaction(this.db, async (tx) => {
      const saved = await repo.saveLocality(tx, actor.tenantId, { code: input.code, name: input.name, prefixes });
      await this.audit.record(tx, actor, { action: 'cme.locality_saved', recordType: 'locality', recordId: saved.id, details: { code: input.code, name: input.name, prefixes, created: saved.created } });
      return { ok: true, id: saved.id };
    });
  }

  // ——— referrals ———

  /** What a referral needs from outside its transaction. */
  async setUp(tenantId: string): Promise<CmeSetUp> {
    const [{ calendar, school }, timescale, localities, officers] = await Promise.all([
      this.schoolDays(tenantId),
      this.calendar.timescale(tenantId, JOINT_ENQUIRY_TIMESCALE),
      repo.localities(this.db, tenantId),
      this.organisations.areaUsersWith(tenantId, 'cme:work'),
    ]);
    return {
      tenantId,
      calendar,
      school,
      timescale,
      localities: localities.map((l) => ({ id: l.id, code: l.code, name: l.name, postcodePrefixes: l.postcode_prefixes })),
      officers: officers.filter((o) => o.email !== '').map((o) => o.id),
    };
  }

  /** The joint-enquiry date for a referral made at `at`: the 20th school day after it (as the area sets the timescale). */
  jointEnquiryDueOn(setUp: CmeSetUp, at: Date): LocalDate {
    return setUp.calendar.dateOf(timescaleDeadline(setUp.calendar, at, setUp.timescale, setUp.school));
  }

  /** A school's own details (name and URN), for its referrals. */
  async schoolOf(tenantId: string, agencyId: string): Promise<{ urn: string; name: string } | null> {
    const s = (await this.organisations.schools(tenantId)).find((x) => x.agency_id === agencyId);
    return s ? { urn: s.urn, name: s.name } : null;
  }

  /** Referrals of a child before, for the form (a school sees only whether the child had one: the count). */
  async previousOf(tenantId: string, personId: string) {
    return repo.history(this.db, tenantId, personId, null);
  }

  /**
   * A referral from a school (its own), or recorded by the CME service. A new child is added to the person
   * register in the same transaction. Audited; the CME service is told.
   */
  async refer(actor: UserActor, input: ReferralInput, from: { referringAgencyId: string | null }): Promise<ChangeResult> {
    const problems: Problems = {};
    const now = this.now();
    const existing = input.personId ? (await this.people.summaries([input.personId]))[0] : undefined;
    if (input.personId && !existing) problems.personId = 'Select the child from the list, or add them';
    if (!input.personId && !input.newChild) problems.personId = 'Find the child and select them, or add them as someone new';
    if (has(problems)) return { problems };
    const setUp = await this.setUp(actor.tenantId);
    const household = existing ? (await repo.childFacts(this.db, existing.id)).household_id : null;
    const today = setUp.calendar.dateOf(now);
    const dob = existing?.date_of_birth ?? input.newChild?.dateOfBirth ?? null;
    const yearGroup = input.yearGroup ?? (dob ? yearGroupOn(dob, today) : null);
    const postcode = input.postcode ?? existing?.postcode ?? null;
    const locality = localityFor(postcode, setUp.localities);
    const id = randomUUID();
    const made = await transaction(this.db, async (tx) => {
      let personId = existing?.id ?? null;
      if (!personId && input.newChild) {
        const c = input.newChild;
        personId = await this.people.create(
          actor,
          {
            tenantId: actor.tenantId, createdByAgencyId: actor.agencyId, createdByUserId: actor.userId, givenNames: c.givenNames, familyName: c.familyName, knownAs: null,
            dateOfBirth: c.dateOfBirth, dobPrecision: 'exact', gender: c.gender, ethnicity: input.ethnicity, firstLanguage: null, interpreterNeeded: false, nhsNumber: null,
            address: input.addressLine1 || postcode ? { line1: input.addressLine1 ?? 'Address not known', line2: null, town: null, postcode, fromDate: null } : null,
            restricted: false,
          },
          tx,
        );
      }
      const childName = existing ? `${existing.given_names} ${existing.family_name}`.trim() : `${input.newChild!.givenNames} ${input.newChild!.familyName}`;
      const r = await repo.insertReferral(tx, {
        id, tenantId: actor.tenantId, contactId: null, personId: personId!, childName, familyKey: household ?? id, referredAt: now, source: input.source, reason: input.reason,
        referringAgencyId: from.referringAgencyId, lastSchoolUrn: input.lastSchoolUrn, lastSchoolName: input.lastSchoolName, yearGroup, phase: phaseOf(yearGroup), fsmEligible: input.fsmEligible,
        ethnicity: input.ethnicity, postcode, localityId: locality?.id ?? null, jointEnquiryDueOn: this.jointEnquiryDueOn(setUp, now), narrative: input.narrative, restricted: false, createdByUserId: actor.userId,
      });
      await this.tell(tx, setUp, actor.userId, r, childName);
      await this.audit.record(tx, actor, { action: 'cme.referral_made', recordType: 'cme_referral', recordId: r.id, details: { reference: r.reference, source: input.source, reason: input.reason, newChild: !existing, localityId: locality?.id ?? null } });
      return { ...r, personId: personId! };
    });
    if (!existing) await this.people.afterChange(actor.tenantId, made.personId);
    return { ok: true, id: made.id };
  }

  private async tell(tx: Database, setUp: CmeSetUp, except: string | null, r: { id: string; reference: string }, childName: string) {
    for (const userId of setUp.officers) {
      if (userId === except) continue;
      await notifyInApp(tx, { tenantId: setUp.tenantId, userId, title: `New children missing education referral: ${childName} (${r.reference})`, body: 'Make enquiries with the school within 20 school days.', link: referralPath(r.id) });
    }
  }

  /**
   * Referrals for the children a contact is about, from the front door's authorised decision "pass to children
   * missing education", in the decision's transaction (ADR 0010). One per child; a child already referred from the
   * contact is not referred twice.
   */
  async takeOn(
    tx: Database,
    setUp: CmeSetUp,
    input: { contactId: string; decidedAt: Date; restricted: boolean; narrative: string | null; sourceAgencyId: string | null; children: readonly { personId: string; name: string; dateOfBirth: string | null }[]; actor: Actor },
  ): Promise<{ id: string; reference: string }[]> {
    const made: { id: string; reference: string }[] = [];
    const today = setUp.calendar.dateOf(input.decidedAt);
    for (const c of input.children) {
      if (await repo.madeFromContact(tx, input.contactId, c.personId)) continue;
      const { postcode, household_id: household } = await repo.childFacts(tx, c.personId);
      const yearGroup = c.dateOfBirth ? yearGroupOn(c.dateOfBirth, today) : null;
      const locality = localityFor(postcode, setUp.localities);
      const id = randomUUID();
      const r = await repo.insertReferral(tx, {
        id, tenantId: setUp.tenantId, contactId: input.contactId, personId: c.personId, childName: c.name, familyKey: household ?? `contact:${input.contactId}`, referredAt: input.decidedAt,
        source: 'front_door', reason: 'other', referringAgencyId: null, lastSchoolUrn: null, lastSchoolName: null, yearGroup, phase: phaseOf(yearGroup), fsmEligible: null,
        ethnicity: 'NOBT', postcode, localityId: locality?.id ?? null, jointEnquiryDueOn: this.jointEnquiryDueOn(setUp, input.decidedAt),
        narrative: input.narrative?.trim() || 'Passed to children missing education by the front door.', restricted: input.restricted, createdByUserId: null,
      });
      await this.tell(tx, setUp, null, r, c.name);
      await this.audit.record(tx, input.actor, { action: 'cme.referral_made', recordType: 'cme_referral', recordId: r.id, details: { reference: r.reference, source: 'front_door', contactId: input.contactId } });
      made.push(r);
    }
    return made;
  }

  // ——— reading ———

  async worklist(actor: UserActor, filter: repo.WorklistFilter, page: number, pageSize: number) {
    const { calendar, school } = await this.schoolDays(actor.tenantId);
    const today = calendar.dateOf(this.now());
    const [list, counts, localities] = await Promise.all([
      repo.worklist(this.db, actor.tenantId, filter, today, pageSize, (page - 1) * pageSize),
      repo.counts(this.db, actor.tenantId, today),
      repo.localities(this.db, actor.tenantId),
    ]);
    await this.audit.recordNow(actor, { action: 'cme.worklist_viewed', recordType: 'cme_referral', details: { ...filter, page, shown: list.length } });
    return { rows: list, total: list[0]?.total ?? 0, counts, localities, today, school };
  }

  /** A school's own referrals. Audited. */
  async ours(actor: UserActor, page: number, pageSize: number, show: repo.AgencyShow = 'all') {
    const { calendar, school } = await this.schoolDays(actor.tenantId);
    const [list, counts] = await Promise.all([repo.ofAgency(this.db, actor.tenantId, actor.agencyId, show, pageSize, (page - 1) * pageSize), repo.agencyCounts(this.db, actor.tenantId, actor.agencyId)]);
    await this.audit.recordNow(actor, { action: 'cme.worklist_viewed', recordType: 'cme_referral', details: { show: show === 'all' ? 'ours' : `ours_${show}`, page, shown: list.length } });
    return { rows: list, total: counts[show], counts, today: calendar.dateOf(this.now()), school };
  }

  async counts(actor: { tenantId: string }) {
    const calendar = await this.workingCalendar(actor.tenantId);
    const today = calendar.dateOf(this.now());
    const [referrals, register] = await Promise.all([repo.counts(this.db, actor.tenantId, today), repo.registerCounts(this.db, actor.tenantId, today, addMonths(today, 1))]);
    return { ...referrals, ehe: register };
  }

  agencyCounts(actor: { tenantId: string; agencyId: string }) {
    return repo.agencyCounts(this.db, actor.tenantId, actor.agencyId);
  }

  /**
   * A referral for someone the record check let in. The CME service sees the child's history and the enquiries; a
   * school sees its own referral, its outcome and whether the child was missing before (not the other referrals).
   */
  async view(actor: UserActor, id: string, full: boolean, part = 'referral') {
    const referral = await repo.referral(this.db, actor.tenantId, id);
    if (!referral) return undefined;
    const { calendar, school } = await this.schoolDays(actor.tenantId);
    const [history, enquiries] = full ? await Promise.all([repo.history(this.db, actor.tenantId, referral.person_id, id), repo.enquiries(this.db, id)]) : [[], []];
    await this.audit.recordNow(actor, { action: 'cme.referral_viewed', recordType: 'cme_referral', recordId: id, details: { part } });
    return { referral, history, enquiries, today: calendar.dateOf(this.now()), school };
  }

  // ——— enquiries and the close ———

  async addEnquiry(actor: UserActor, id: string, input: EnquiryInput): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const r = await repo.lockReferral(tx, actor.tenantId, id);
      if (!r) return { notFound: true } as const;
      const problems = enquiryProblems({ madeOn: input.madeOn, referredOn: r.referred_on, status: r.status });
      if (has(problems)) return { problems };
      const enquiryId = await repo.insertEnquiry(tx, { tenantId: actor.tenantId, referralId: id, kind: input.kind, madeOn: input.madeOn, result: input.result, userId: actor.userId, at: this.now() });
      await this.audit.record(tx, actor, { action: 'cme.enquiry_recorded', recordType: 'cme_referral', recordId: id, details: { enquiryId, kind: input.kind, madeOn: input.madeOn } });
      return { ok: true } as const;
    });
  }

  /**
   * Closes a referral with its outcome code. "Found to be electively home educated" puts the child on the home
   * education register in the same transaction (unless they are on it already).
   */
  async close(actor: UserActor, id: string, input: CloseInput): Promise<ChangeResult> {
    const before = await repo.referral(this.db, actor.tenantId, id);
    if (!before) return { notFound: true };
    const alreadyRegistered = input.outcomeCode === 'home_educated' ? await repo.activeRegistrationOf(this.db, actor.tenantId, before.person_id) : null;
    const calendar = await this.workingCalendar(actor.tenantId);
    const now = this.now();
    const closedAt = input.closedOn === calendar.dateOf(now) ? now : calendar.closeOfDay(input.closedOn);
    return transaction(this.db, async (tx) => {
      const r = await repo.lockReferral(tx, actor.tenantId, id);
      if (!r) return { notFound: true } as const;
      const problems = closureProblems({ outcomeCode: input.outcomeCode, foundAt: input.foundAt, closedOn: input.closedOn, referredOn: r.referred_on, status: r.status });
      if (has(problems)) return { problems };
      await repo.closeReferral(tx, id, { closedAt: closedAt.getTime() < asDate(before.referred_at).getTime() ? asDate(before.referred_at) : closedAt, outcomeCode: input.outcomeCode, outcomeNote: input.outcomeNote, foundAt: input.foundAt });
      let registrationId: string | null = null;
      if (input.outcomeCode === 'home_educated' && !alreadyRegistered) {
        registrationId = await repo.insertRegistration(tx, {
          tenantId: actor.tenantId, personId: r.person_id, childName: r.child_name, cmeReferralId: id, registeredOn: input.closedOn, previousSchoolUrn: r.last_school_urn, yearGroup: r.year_group, localityId: r.locality_id, userId: actor.userId,
        });
      }
      await this.audit.record(tx, actor, { action: 'cme.referral_closed', recordType: 'cme_referral', recordId: id, details: { outcomeCode: input.outcomeCode, foundAt: input.foundAt, closedOn: input.closedOn, eheRegistrationId: registrationId } });
      return { ok: true } as const;
    });
  }

  // ——— elective home education ———

  async register(actor: UserActor, show: repo.RegisterShow, page: number, pageSize: number) {
    const calendar = await this.workingCalendar(actor.tenantId);
    const today = calendar.dateOf(this.now());
    const dueBy = addMonths(today, 1);
    const [list, counts] = await Promise.all([repo.register(this.db, actor.tenantId, show, today, dueBy, pageSize, (page - 1) * pageSize), repo.registerCounts(this.db, actor.tenantId, today, dueBy)]);
    await this.audit.recordNow(actor, { action: 'ehe.register_viewed', recordType: 'ehe_registration', details: { show, page, shown: list.length } });
    return { rows: list, total: counts[show], counts, today, dueBy };
  }

  /** Adds a child to the register directly (not from a referral). */
  async registerChild(actor: UserActor, input: { personId: string; registeredOn: string; previousSchoolUrn: string | null; yearGroup: string | null }): Promise<ChangeResult> {
    const person = (await this.people.summaries([input.personId]))[0];
    if (!person) return { problems: { personId: 'Select the child from the list' } };
    if (await repo.activeRegistrationOf(this.db, actor.tenantId, person.id)) return { problems: { personId: `${person.given_names} ${person.family_name} is already on the register` } };
    const localities = await repo.localities(this.db, actor.tenantId);
    const locality = localityFor(person.postcode, localities.map((l) => ({ id: l.id, name: l.name, postcodePrefixes: l.postcode_prefixes })));
    const yearGroup = input.yearGroup ?? (person.date_of_birth ? yearGroupOn(person.date_of_birth, input.registeredOn) : null);
    return transaction(this.db, async (tx) => {
      const id = await repo.insertRegistration(tx, {
        tenantId: actor.tenantId, personId: person.id, childName: `${person.given_names} ${person.family_name}`.trim(), cmeReferralId: null, registeredOn: input.registeredOn,
        previousSchoolUrn: input.previousSchoolUrn, yearGroup, localityId: locality?.id ?? null, userId: actor.userId,
      });
      await this.audit.record(tx, actor, { action: 'ehe.registered', recordType: 'ehe_registration', recordId: id, details: { personId: person.id, registeredOn: input.registeredOn } });
      return { ok: true, id } as const;
    });
  }

  async registration(actor: UserActor, id: string, part = 'registration') {
    const registration = await repo.registration(this.db, actor.tenantId, id);
    if (!registration) return undefined;
    const calendar = await this.workingCalendar(actor.tenantId);
    const checks = await repo.checks(this.db, id);
    await this.audit.recordNow(actor, { action: 'ehe.viewed', recordType: 'ehe_registration', recordId: id, details: { part } });
    return { registration, checks, today: calendar.dateOf(this.now()) };
  }

  async addCheck(actor: UserActor, id: string, input: { checkedOn: string; method: string; outcome: string; notes: string; nextDueOn: string | null }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const r = await repo.lockRegistration(tx, actor.tenantId, id);
      if (!r) return { notFound: true } as const;
      const problems = checkProblems({ checkedOn: input.checkedOn, nextDueOn: input.nextDueOn, registeredOn: r.registered_on, status: r.status });
      if (has(problems)) return { problems };
      const checkId = await repo.insertCheck(tx, { tenantId: actor.tenantId, registrationId: id, checkedOn: input.checkedOn, method: input.method, outcome: input.outcome, notes: input.notes, nextDueOn: input.nextDueOn!, userId: actor.userId, at: this.now() });
      await this.audit.record(tx, actor, { action: 'ehe.check_recorded', recordType: 'ehe_registration', recordId: id, details: { checkId, method: input.method, outcome: input.outcome, nextDueOn: input.nextDueOn } });
      return { ok: true } as const;
    });
  }

  async endRegistration(actor: UserActor, id: string, input: { endedOn: string; endReason: string }): Promise<ChangeResult> {
    return transaction(this.db, async (tx): Promise<ChangeResult> => {
      const r = await repo.lockRegistration(tx, actor.tenantId, id);
      if (!r) return { notFound: true } as const;
      if (r.status !== 'active') return { problems: { endReason: 'This child has already left the register' } };
      if (input.endedOn < r.registered_on) return { problems: { endedOn: 'The date must be the same as or after the date the child was registered' } };
      await repo.endRegistration(tx, id, input);
      await this.audit.record(tx, actor, { action: 'ehe.ended', recordType: 'ehe_registration', recordId: id, details: input });
      return { ok: true } as const;
    });
  }
}
