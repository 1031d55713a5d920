/**
 * Children missing education (Education Act 1996 s436A; DfE "Children missing education" statutory guidance, 2016):
 * the area's localities (resident locality from the address), referrals about a child not on a school roll and not
 * receiving suitable education, the enquiries made to find them, the outcome code on closure; and the register of
 * children electively home educated with its suitability checks.
 */
import { boolean, date, index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { contact } from './contacts.js';
import { person } from './people.js';
import { agency } from './tenancy.js';
import { tenantRef, id, at, userRef } from './columns.js';


/** A locality of the area, and the postcode districts or sectors in it (a resident locality is found from a postcode). */
export const locality = pgTable(
  'locality',
  {
    id: id(),
    tenantId: tenantRef(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Postcode prefixes (outward codes or sectors, e.g. 'FM1', 'FM2 3'); the longest match wins. */
    postcodePrefixes: text('postcode_prefixes').array().notNull(),
  },
  (t) => [unique('locality_code').on(t.tenantId, t.code)],
);

/** A referral about a child missing education: who referred, why, the child's last school and characteristics, the outcome. */
export const cmeReferral = pgTable(
  'cme_referral',
  {
    id: id(),
    tenantId: tenantRef(),
    reference: text('reference').notNull(),
    /** The front-door contact it came from, if it came through the front door. */
    contactId: uuid('contact_id').references(() => contact.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    childName: text('child_name').notNull(),
    /** The child's family, for counting families (a household id, or the referral's own id for a child alone). */
    familyKey: text('family_key').notNull(),
    referredAt: at('referred_at').notNull(),
    /** Who referred: school, admissions, another local authority, the front door, other. */
    source: text('source').notNull(),
    /** Why: deleted from roll, 10 school days' continuous unauthorised absence, did not arrive, not on a roll, other. */
    reason: text('reason').notNull(),
    /** The agency that referred (a school's agency for a school's referral). */
    referringAgencyId: uuid('referring_agency_id').references(() => agency.id),
    /** The child's last school, when known (URN and name as recorded). */
    lastSchoolUrn: text('last_school_urn'),
    lastSchoolName: text('last_school_name'),
    /** NCY year group at referral (N1, N2, R, 1 … 14) and phase. */
    yearGroup: text('year_group'),
    phase: text('phase'),
    fsmEligible: boolean('fsm_eligible'),
    /** DfE ethnicity code, with 'NOBT' (information not yet obtained) and 'REFU' (refused) kept apart. */
    ethnicity: text('ethnicity').notNull(),
    postcode: text('postcode'),
    localityId: uuid('locality_id').references(() => locality.id),
    /** Joint enquiries before deletion: 20 school days from the referral. */
    jointEnquiryDueOn: date('joint_enquiry_due_on').notNull(),
    narrative: text('narrative').notNull(),
    status: text('status').notNull().default('open'),
    allocatedUserId: userRef('allocated_user_id'),
    closedAt: at('closed_at'),
    outcomeCode: text('outcome_code'),
    outcomeNote: text('outcome_note'),
    /** Where the child was found: the new school or authority, when the outcome says so. */
    foundAt: text('found_at'),
    restricted: boolean('restricted').notNull().default(false),
    createdByUserId: userRef('created_by_user_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('cme_referral_reference').on(t.tenantId, t.reference),
    index('cme_referral_person').on(t.personId),
    index('cme_referral_open').on(t.tenantId, t.status, t.referredAt),
    index('cme_referral_agency').on(t.referringAgencyId, t.referredAt),
  ],
);

/** An enquiry made to find a child: a home visit, the last school, another authority, health, police, Border Force. */
export const cmeEnquiry = pgTable(
  'cme_enquiry',
  {
    id: id(),
    tenantId: tenantRef(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => cmeReferral.id),
    kind: text('kind').notNull(),
    madeOn: date('made_on').notNull(),
    result: text('result').notNull(),
    recordedByUserId: userRef('recorded_by_user_id').notNull(),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('cme_enquiry_referral').on(t.referralId, t.madeOn)],
);

/** A child on the register of those electively home educated. */
export const eheRegistration = pgTable(
  'ehe_registration',
  {
    id: id(),
    tenantId: tenantRef(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    childName: text('child_name').notNull(),
    /** The CME referral that closed as home educated, if it came that way. */
    cmeReferralId: uuid('cme_referral_id').references(() => cmeReferral.id),
    registeredOn: date('registered_on').notNull(),
    previousSchoolUrn: text('previous_school_urn'),
    yearGroup: text('year_group'),
    localityId: uuid('locality_id').references(() => locality.id),
    status: text('status').notNull().default('active'),
    endedOn: date('ended_on'),
    endReason: text('end_reason'),
    createdByUserId: userRef('created_by_user_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('ehe_registration_person').on(t.personId), index('ehe_registration_active').on(t.tenantId, t.status)],
);

/** A check that home education is suitable (a visit, a report or samples of work), and when the next is due. */
export const eheCheck = pgTable(
  'ehe_check',
  {
    id: id(),
    tenantId: tenantRef(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => eheRegistration.id),
    checkedOn: date('checked_on').notNull(),
    method: text('method').notNull(),
    outcome: text('outcome').notNull(),
    notes: text('notes').notNull(),
    nextDueOn: date('next_due_on'),
    recordedByUserId: userRef('recorded_by_user_id').notNull(),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('ehe_check_registration').on(t.registrationId, t.checkedOn)],
);
