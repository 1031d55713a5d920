/**
 * Loads many people into the register at once (synthetic registers for load tests and benchmarks; the shape a
 * migration from a legacy system would take). One statement per table per batch, rows passed as a JSON array, so
 * a million people load in minutes on PGlite or PostgreSQL. Matching profiles and households are not built here:
 * `readyTheRegister` (run at every start) builds whatever is missing, through the same code as a single edit.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Database, transaction } from '../client.js';
import { type PersonFields, normaliseDob } from '../../domain/matching/record.js';
import { nameSearchText } from '../../domain/matching/strings.js';

const REGISTER_IDENTIFIER_TYPES = new Set(['nhs_number', 'upn', 'pnc']);

function isoDate(value: string | null | undefined): string | null {
  const d = normaliseDob(value);
  return d ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : null;
}

function gender(value: string | null | undefined): string {
  const v = (value ?? '').trim().toLowerCase();
  if (v === 'f' || v === 'female') return 'female';
  if (v === 'm' || v === 'male') return 'male';
  return 'unknown';
}

/** Inserts the people (marked synthetic) and returns their ids, in order. */
export async function loadPeople(
  db: Database,
  tenantId: string,
  people: readonly PersonFields[],
  options: { batch?: number; onProgress?: (loaded: number) => void } = {},
): Promise<string[]> {
  const size = options.batch ?? 5000;
  const ids: string[] = [];
  for (let start = 0; start < people.length; start += size) {
    const slice = people.slice(start, start + size);
    const persons: unknown[] = [];
    const names: unknown[] = [];
    const addresses: unknown[] = [];
    const identifiers: unknown[] = [];
    for (const p of slice) {
      const id = randomUUID();
      ids.push(id);
      persons.push({ id, dob: isoDate(p.dateOfBirth), gender: gender(p.gender) });
      const given = p.givenNames ?? [];
      const family = p.familyNames ?? [];
      const count = Math.max(given.length, family.length, 1);
      for (let i = 0; i < count; i += 1) {
        const g = given[i] ?? given[0] ?? '';
        const f = family[i] ?? family[0] ?? '';
        names.push({ person_id: id, type: i === 0 ? 'legal' : 'alias', given: g, family: f, primary: i === 0, search: nameSearchText(g, f) });
      }
      const line1 = [p.streetNumber, p.street].filter(Boolean).join(' ').trim();
      if (line1 || p.postcode) addresses.push({ person_id: id, line1: line1 || 'Address not known', line2: p.addressLine2 ?? null, town: p.locality ?? null, postcode: p.postcode ?? null });
      for (const [type, value] of Object.entries(p.identifiers ?? {})) {
        if (!value) continue;
        identifiers.push({ person_id: id, type: REGISTER_IDENTIFIER_TYPES.has(type) ? type : 'local', value });
      }
    }
    await transaction(db, async (tx) => {
      await tx.execute(sql`insert into person (id, tenant_id, date_of_birth, dob_precision, gender, synthetic)
        select x.id, ${tenantId}, x.dob, 'exact', x.gender, true
          from jsonb_to_recordset(${JSON.stringify(persons)}::jsonb) as x(id uuid, dob date, gender text)`);
      await tx.execute(sql`insert into person_name (tenant_id, person_id, type, given_names, family_name, is_primary, search_text)
        select ${tenantId}, x.person_id, x.type, x.given, x.family, x.primary, x.search
          from jsonb_to_recordset(${JSON.stringify(names)}::jsonb) as x(person_id uuid, type text, given text, family text, "primary" boolean, search text)`);
      if (addresses.length) {
        await tx.execute(sql`insert into person_address (tenant_id, person_id, line1, line2, town, postcode)
          select ${tenantId}, x.person_id, x.line1, x.line2, x.town, x.postcode
            from jsonb_to_recordset(${JSON.stringify(addresses)}::jsonb) as x(person_id uuid, line1 text, line2 text, town text, postcode text)`);
      }
      if (identifiers.length) {
        await tx.execute(sql`insert into person_identifier (tenant_id, person_id, type, value)
          select ${tenantId}, x.person_id, x.type, x.value
            from jsonb_to_recordset(${JSON.stringify(identifiers)}::jsonb) as x(person_id uuid, type text, value text)`);
      }
    });
    options.onProgress?.(ids.length);
  }
  return ids;
}
