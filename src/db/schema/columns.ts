/** Column builders the capability schemas share: the area, the primary key, times and references to users, agencies and people. */
import { sql } from 'drizzle-orm';
import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './accounts.js';
import { person } from './people.js';
import { agency, tenant } from './tenancy.js';

export const tenantRef = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenant.id);
export const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
export const at = (name: string) => timestamp(name, { withTimezone: true });
export const userRef = (name: string) => uuid(name).references(() => appUser.id);
export const agencyRef = (name: string) => uuid(name).references(() => agency.id);
export const personRef = (name: string) => uuid(name).references(() => person.id);
