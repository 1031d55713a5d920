/**
 * The public front door (issue 18): what a member of the public reports without signing in, the drafts of a
 * report in progress (sealed with a key only the reporter's browser holds), how many people used each public page
 * (no personal data, no cookies), and the partnership's directory of help and its awareness campaigns. The
 * public site writes its reports, drafts and page counts; the partnership's business unit keeps the directory and
 * campaigns through the public-content capability (owners.json).
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { contact } from './contacts.js';
import { at, id, tenantRef, userRef } from './columns.js';

/** A report made on the public site: the answers exactly as the reporter gave them, and the contact it became. */
export const publicReport = pgTable(
  'public_report',
  {
    id: id(),
    tenantId: tenantRef(),
    /** The front-door contact made from it, in the same transaction (a report acknowledged is a report kept). */
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id),
    /** The draft it was made from: one draft makes at most one report, however often it is sent. */
    draftId: uuid('draft_id').notNull(),
    /** The language the reporter used (BCP 47: en, pl, ro, sk, ur, ar). Nothing is machine-translated. */
    language: text('language').notNull(),
    /** child | adult */
    about: text('about').notNull(),
    /** The question pages' answers, keyed by question, as given. */
    answers: jsonb('answers').notNull(),
    anonymous: boolean('anonymous').notNull(),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [uniqueIndex('public_report_one_per_draft').on(t.draftId), index('public_report_tenant_received').on(t.tenantId, t.receivedAt)],
);

/**
 * A report in progress between question pages. `sealed` is the answers encrypted (AES-256-GCM) with a key that is
 * only in the reporter's cookie, so the row is unreadable on its own; it is deleted when the report is sent, when the
 * reporter leaves with "Exit this page", and by a job once it expires.
 */
export const publicReportDraft = pgTable(
  'public_report_draft',
  {
    id: id(),
    tenantId: tenantRef(),
    sealed: text('sealed').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('public_report_draft_expires').on(t.expiresAt)],
);

/** Views of each public page, per language and London day. No address, cookie or identifier is kept. */
export const publicPageCount = pgTable(
  'public_page_count',
  {
    tenantId: tenantRef(),
    /** The page's key, e.g. "home", "report.start", "signs.children.neglect", "find-help". */
    page: text('page').notNull(),
    language: text('language').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    views: integer('views').notNull(),
  },
  (t) => [primaryKey({ name: 'public_page_count_pk', columns: [t.tenantId, t.page, t.language, t.day] })],
);

/** A local or national service in the "Find help" directory, kept by the partnership's business unit. */
export const helpService = pgTable(
  'help_service',
  {
    id: id(),
    tenantId: tenantRef(),
    name: text('name').notNull(),
    /** What it offers and who it is for, in plain English. */
    summary: text('summary').notNull(),
    /** Needs it meets (codes in src/domain/public-content.ts: domestic_abuse, male_victims, lgbt, …). */
    needs: text('needs').array().notNull().default(sql`'{}'::text[]`),
    /** Who it is for: children, young_people, adults, older_people. */
    ages: text('ages').array().notNull().default(sql`'{}'::text[]`),
    /** Where: national, borough, or a locality of the borough (north, south, east, west, central). */
    areas: text('areas').array().notNull().default(sql`'{}'::text[]`),
    phone: text('phone'),
    textNumber: text('text_number'),
    email: text('email'),
    website: text('website'),
    /** When it is open, in words ("Monday to Friday, 9am to 5pm"); `open24Hours` when always. */
    openingHours: text('opening_hours'),
    open24Hours: boolean('open_24_hours').notNull().default(false),
    /** Languages it offers besides English, in words. */
    languages: text('languages'),
    lastCheckedOn: date('last_checked_on', { mode: 'string' }).notNull(),
    lastCheckedByUserId: userRef('last_checked_by_user_id'),
    /** When the business unit was last reminded that this entry needs checking (once per lapse). */
    reminderSentOn: date('reminder_sent_on', { mode: 'string' }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('help_service_tenant').on(t.tenantId, t.archivedAt)],
);

/** A partnership awareness campaign shown on the public site between its dates. */
export const awarenessCampaign = pgTable(
  'awareness_campaign',
  {
    id: id(),
    tenantId: tenantRef(),
    /** children | adults | community_safety: the board that runs it. */
    board: text('board').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** The signs-of-abuse page it points to, if any (a page key such as "signs.adults.financial"). */
    pageKey: text('page_key'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('awareness_campaign_tenant').on(t.tenantId, t.startsOn)],
);
