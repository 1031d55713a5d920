/**
 * The front door's published read interface for other features' SQL: which contacts a viewer may see and how "this
 * contact is restricted" is worked out, so a list or a measure that follows contacts agrees with the contact's
 * record rule (domain/access.ts). Other features use these, the front door's services and its events (events.ts);
 * never its repositories.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Viewer } from '../../domain/access.js';
/**
 * Contacts a viewer may see: their own drafts, and submitted contacts their agency owns, sent or was sent, or that
 * are allocated to them. Mirrors domain/access.ts contactAccess (the consistency is tested).
 */
export function visibleContacts(viewer: Viewer, alias = 'c'): SQL {
  const c = sql.raw(alias);
  return sql`(${c}.tenant_id = ${viewer.tenantId} and (
      (${c}.status = 'draft' and ${c}.created_by_user_id = ${viewer.userId})
      or (${c}.status <> 'draft' and (
            ${c}.owning_agency_id = ${viewer.agencyId} or ${c}.source_agency_id = ${viewer.agencyId}
            or ${c}.allocated_user_id = ${viewer.userId} or ${c}.created_by_user_id = ${viewer.userId}
            or exists (select 1 from contact_share sh where sh.contact_id = ${c}.id and sh.agency_id = ${viewer.agencyId})))))`;
}


/** A contact is restricted when it is marked so, or when anyone it is about is a restricted person. */
export function contactIsRestricted(alias: string): SQL {
  const c = sql.raw(alias);
  return sql`(${c}.restricted or exists (select 1 from contact_subject cs join person p on p.id = cs.person_id where cs.contact_id = ${c}.id and p.restricted))`;
}
