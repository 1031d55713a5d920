/**
 * What other features may use of the front door's tables in their own SQL: how "this contact is restricted" is
 * worked out, so a list that follows a contact's sharing agrees with the contact's record rule.
 */
import { type SQL, sql } from 'drizzle-orm';

/** A contact is restricted when it is marked so, or when anyone it is about is a restricted person. */
export function contactIsRestricted(alias: string): SQL {
  const c = sql.raw(alias);
  return sql`(${c}.restricted or exists (select 1 from contact_subject cs join person p on p.id = cs.person_id where cs.contact_id = ${c}.id and p.restricted))`;
}
