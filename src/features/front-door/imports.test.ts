/**
 * Police files imported in chunks against a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): each
 * chunk one transaction with its audit event and the job's progress; an import stopped after a chunk resumes in
 * another process without making any row twice; a row met again is skipped; the service answers audited pages
 * between chunks; a failed import says how far it got and resumes from the page. Pauses are made with a hook the
 * import calls between chunks, so the order of events is fixed, never a matter of timing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { type TestApp, type TestClient, createTestApp } from '../../../test/support/app.js';
import { ImportService, type ImportOptions } from './imports.js';

let t: TestApp;
let db: Database;
let police: TestClient;
let actor: { userId: string; tenantId: string; agencyId: string; roles: string[]; requestId: null };
let policeAgencyId: string;

// Three chunks of 100, 100 and 40 (the service's chunk size is set for the test): the same path as 500-row chunks,
// a fifth of the rows.
const ROWS = 240;
const CHUNK = 100;
const HEADER = 'police_reference,notification_type,incident_at,incident_postcode,risk_level,officer_name,concerns,narrative,consent,person1_role,person1_given_names,person1_family_name,person1_date_of_birth,person1_gender,person1_child_voice,person1_child_demeanour,person2_role,person2_given_names,person2_family_name,person2_date_of_birth,person2_gender';

/** Letters for a number, so each row names a family of its own ("Rowbab"). */
const letters = (n: number) => n.toString(26).split('').map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('');

/**
 * A file of `count` notifications: every tenth is a DASH for the incident five rows earlier (same reference and
 * people), which attaches to that contact as an update; the rest are new incidents, each naming its own family.
 */
function policeFile(tag: string, count = ROWS): { text: string; created: number; attached: number } {
  const line = (i: number, type: 'gen117' | 'dash') => {
    const family = `Row${letters(i)}`;
    return [`FM/${tag}/${i}`, type, '06/11/2026 22:40', `FM${1 + (i % 9)} ${i % 10}AB`, type === 'dash' ? 'high' : 'medium', 'PC Example', 'domestic_abuse',
      type === 'dash' ? 'DASH completed' : 'Police attended; child present', 'not_sought', 'subject_child', 'Morgan', family, '12/08/2018', 'male', 'Said they were scared', 'Crying',
      'parent_carer', 'Sam', family, '01/01/1990', 'female'].join(',');
  };
  const lines = [HEADER];
  let attached = 0;
  for (let i = 1; i <= count; i += 1) {
    if (i % 10 === 0) {
      lines.push(line(i - 5, 'dash'));
      attached += 1;
    } else lines.push(line(i, 'gen117'));
  }
  return { text: lines.join('\n'), created: count - attached, attached };
}

/** A gate the import waits at after a chunk: `reached` resolves when it arrives, `open` lets it go on. */
function gate(afterChunks = 1) {
  let arrive!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((r) => (arrive = r));
  const opened = new Promise<void>((r) => (release = r));
  let chunks = 0;
  const afterChunk: NonNullable<ImportOptions['afterChunk']> = async () => {
    chunks += 1;
    if (chunks !== afterChunks) return;
    arrive();
    await opened;
  };
  return { reached, open: () => release(), afterChunk };
}

const service = (options: ImportOptions = {}) => new ImportService(db, t.app.services.audit, t.app.services.intake, () => new Date(), { chunkRows: CHUNK, ...options });

async function chunkEvents(jobId: string) {
  const events = await rows<{ details: { firstRow: number; lastRow: number; created: number; attached: number; skipped?: number } }>(
    db,
    sql`select details from audit_event where action = 'contact.import_chunk' and record_id = ${jobId}`,
  );
  return events.map((e) => e.details).sort((a, b) => a.firstRow - b.firstRow);
}

async function made(jobId: string) {
  return (await one<{ contacts: number; updates: number; contact_rows: number; update_rows: number }>(
    db,
    sql`select (select count(*)::int from contact where import_job_id = ${jobId}) as contacts,
               (select count(*)::int from contact_update where import_job_id = ${jobId}) as updates,
               (select count(distinct import_row)::int from contact where import_job_id = ${jobId}) as contact_rows,
               (select count(distinct import_row)::int from contact_update where import_job_id = ${jobId}) as update_rows`,
  ))!;
}

async function jobRow(jobId: string) {
  return (await one<{ status: string; rows_done: number; contacts_created: number; updates_attached: number; file_kept: boolean; claimed_by: string | null }>(
    db,
    sql`select status, rows_done, contacts_created, updates_attached, file_text is not null as file_kept, claimed_by from import_job where id = ${jobId}`,
  ))!;
}

/** What a crash leaves: the job still importing, its claim run out. */
const crash = (jobId: string) => db.execute(sql`update import_job set lease_until = now() - interval '1 second' where id = ${jobId}`);

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  police = await t.as('police');
  const user = (await one<{ id: string; tenant_id: string; agency_id: string }>(db, sql`select id, tenant_id, agency_id from app_user where id = ${await t.userId('police')}`))!;
  actor = { userId: user.id, tenantId: user.tenant_id, agencyId: user.agency_id, roles: [], requestId: null };
  policeAgencyId = user.agency_id;
});
afterAll(async () => t.close());

describe('a police file imported in chunks', { timeout: 120_000 }, () => {
  it('imports 240 notifications in three chunks, each audited with its rows, with the right counts', async () => {
    const imports = service();
    const file = policeFile('CHUNKS');
    const started = await imports.start(actor, { name: 'chunks.csv', text: file.text }, policeAgencyId);
    expect(started.status).toBe('importing');
    await imports.settle();
    expect(await chunkEvents(started.id)).toEqual([
      { firstRow: 1, lastRow: 100, created: 90, attached: 10 },
      { firstRow: 101, lastRow: 200, created: 90, attached: 10 },
      { firstRow: 201, lastRow: 240, created: 36, attached: 4 },
    ]);
    const finished = await rows<{ details: unknown }>(db, sql`select details from audit_event where action = 'contact.imported' and record_id = ${started.id}`);
    expect(finished.map((e) => e.details)).toEqual([{ rows: ROWS, created: file.created, attached: file.attached }]);
    expect(await jobRow(started.id)).toEqual({ status: 'imported', rows_done: ROWS, contacts_created: file.created, updates_attached: file.attached, file_kept: false, claimed_by: null });
    expect(await made(started.id)).toEqual({ contacts: file.created, updates: file.attached, contact_rows: file.created, update_rows: file.attached });
    // each DASH attached to the contact its reference made
    const wrong = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from contact_update u join contact c on c.id = u.contact_id
           where u.import_job_id = ${started.id} and (c.import_job_id <> ${started.id} or c.import_row <> u.import_row - 5)`,
    );
    expect(wrong!.n).toBe(0);
    // the page shows the final counts
    const page = await police.get(`/contacts/import/${started.id}`);
    expect(page.body).toContain('Notifications imported');
    expect(page.body).toContain(`${file.created.toLocaleString('en-GB')} new contacts`);
  });

  it('resumes an import stopped after its first chunk in another process, and makes no row twice', async () => {
    const paused = gate();
    const first = service({ afterChunk: paused.afterChunk });
    const file = policeFile('RESUME');
    const { id } = await first.start(actor, { name: 'resume.csv', text: file.text }, policeAgencyId);
    await paused.reached;
    expect(await jobRow(id)).toMatchObject({ status: 'importing', rows_done: 100, contacts_created: 90, updates_attached: 10, file_kept: true });
    // while its claim holds, no other process takes the job
    const second = service();
    expect(await second.resumeInterrupted()).toBe(0);
    // the first process "crashes" (it never wakes before its lease runs out); the second resumes the job
    await crash(id);
    expect(await second.resumeInterrupted()).toBe(1);
    await second.settle();
    expect(await jobRow(id)).toMatchObject({ status: 'imported', rows_done: ROWS, contacts_created: file.created, updates_attached: file.attached });
    // the first process wakes: it has lost its claim, so it stops without touching the job
    paused.open();
    await first.settle();
    expect(await jobRow(id)).toMatchObject({ status: 'imported', rows_done: ROWS });
    expect(await made(id)).toEqual({ contacts: file.created, updates: file.attached, contact_rows: file.created, update_rows: file.attached });
    expect((await chunkEvents(id)).map((e) => [e.firstRow, e.lastRow])).toEqual([[1, 100], [101, 200], [201, 240]]);
  });

  it('skips a row met again, so the same row imported twice makes one contact', async () => {
    const paused = gate();
    const first = service({ afterChunk: paused.afterChunk });
    const file = policeFile('TWICE');
    const { id } = await first.start(actor, { name: 'twice.csv', text: file.text }, policeAgencyId);
    await paused.reached;
    // as if the first chunk's rows were saved but its progress was not: the next run meets rows 1–100 again
    await db.execute(sql`update import_job set rows_done = 0, contacts_created = 0, updates_attached = 0 where id = ${id}`);
    await crash(id);
    const second = service();
    await second.resumeInterrupted();
    await second.settle();
    paused.open();
    await first.settle();
    expect(await made(id)).toEqual({ contacts: file.created, updates: file.attached, contact_rows: file.created, update_rows: file.attached });
    expect(await jobRow(id)).toMatchObject({ status: 'imported', contacts_created: file.created, updates_attached: file.attached });
    const events = await chunkEvents(id);
    expect(events[1]).toEqual({ firstRow: 1, lastRow: 100, created: 0, attached: 0, skipped: 100 });
    // and the database itself refuses a second contact for a row of a job
    const refused = await db.execute(sql`update contact set import_row = 2 where import_job_id = ${id} and import_row = 1`).then(
      () => null,
      (e: unknown) => (e as { cause?: { code?: string }; code?: string }).cause?.code ?? (e as { code?: string }).code,
    );
    expect(refused).toBe('23505');
  });

  it('answers an audited page view and shows progress while an import is between chunks', async () => {
    const paused = gate();
    const imports = service({ afterChunk: paused.afterChunk });
    const { id } = await imports.start(actor, { name: 'busy.csv', text: policeFile('BUSY').text }, policeAgencyId);
    await paused.reached;
    // a contact the import has just made, opened by the screener: an audited view in the same area
    const contact = (await one<{ id: string }>(db, sql`select id from contact where import_job_id = ${id} and import_row = 1`))!;
    const screener = await t.as('screener');
    const page = await screener.get(`/contacts/${contact.id}`);
    expect(page.statusCode).toBe(200);
    const viewed = await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where action = 'contact.view' and record_id = ${contact.id}`);
    expect(viewed!.n).toBe(1);
    expect(await chunkEvents(id)).toHaveLength(1);
    // the uploader's page and the progress bar read the progress from the database
    const progress = await police.get(`/contacts/import/${id}/progress`);
    expect(progress.json()).toEqual({ status: 'importing', processed: 100, total: ROWS, contactsCreated: 90, updatesAttached: 10 });
    const jobPage = await police.get(`/contacts/import/${id}`);
    expect(jobPage.body).toContain('100 of 240 notifications');
    paused.open();
    await imports.settle();
    expect(await chunkEvents(id)).toHaveLength(3);
    expect((await jobRow(id)).status).toBe('imported');
  });

  it('says how far a failed import got, and resumes it from the page without importing a row twice', async () => {
    const failing = service({
      afterChunk: async () => {
        throw new Error('the process lost its database connection');
      },
    });
    const file = policeFile('FAILED');
    const { id } = await failing.start(actor, { name: 'failed.csv', text: file.text }, policeAgencyId);
    await failing.settle();
    expect(await jobRow(id)).toMatchObject({ status: 'failed', rows_done: 100, file_kept: true, claimed_by: null });
    const page = await police.get(`/contacts/import/${id}`);
    expect(page.body).toContain('The import failed');
    expect(page.body).toContain('stopped after 100 of 240 notifications');
    expect(page.body).toContain('Resuming is safe');
    // another user of the area cannot see it or resume it
    const screener = await t.as('screener');
    expect((await screener.post(`/contacts/import/${id}/resume`)).statusCode).toBe(404);
    const resumed = await police.post(`/contacts/import/${id}/resume`);
    expect(resumed.statusCode).toBe(303);
    await t.app.services.imports.settle();
    expect(await jobRow(id)).toMatchObject({ status: 'imported', rows_done: ROWS, contacts_created: file.created, updates_attached: file.attached, file_kept: false });
    expect(await made(id)).toEqual({ contacts: file.created, updates: file.attached, contact_rows: file.created, update_rows: file.attached });
    const audited = await rows<{ action: string }>(db, sql`select action from audit_event where record_id = ${id} and action = 'contact.import_resumed'`);
    expect(audited).toHaveLength(1);
    expect((await police.get(`/contacts/import/${id}`)).body).toContain('Notifications imported');
  });
});

describe('matching inside a chunk', () => {
  /**
   * Seven notifications whose outcomes depend on the ones before them: a DASH by reference that names one more
   * person; a notification without a reference that shares two people with the incident only once the DASH has
   * added one; another reference at the same place and time (never merged); a domestic abuse incident and its
   * DASH; and a child whose NHS number one person in the register holds.
   */
  function file(tag: string, postcode: string, nhs: { number: string; dateOfBirth: string | null }) {
    const at = '2026-11-20T22:40:00Z';
    const person = (given: string, extra: Record<string, unknown> = {}) => ({ role: 'parent_carer', givenNames: given, familyName: `Chunk${tag}`, dateOfBirth: '1990-01-01', ...extra });
    const child = { role: 'subject_child', givenNames: 'Kit', familyName: `Chunk${tag}`, dateOfBirth: '2018-08-12', childVoice: 'Said they were scared', childDemeanour: 'Crying' };
    const base = { contactType: 'child', concerns: ['domestic_abuse'], narrative: 'Police attended.', consent: 'not_sought' };
    return JSON.stringify([
      { ...base, notificationType: 'gen117', incident: { policeReference: `FM/${tag}/1`, occurredAt: at, postcode }, people: [child, person('Ash')] },
      { ...base, notificationType: 'dash', incident: { policeReference: `FM/${tag}/1`, occurredAt: at, postcode }, people: [child, person('Bo')] },
      { ...base, notificationType: 'other', incident: { occurredAt: '2026-11-20T23:30:00Z', postcode }, people: [{ ...child, givenNames: 'Lee' }, person('Ash'), person('Bo')] },
      { ...base, notificationType: 'gen117', incident: { policeReference: `FM/${tag}/2`, occurredAt: at, postcode }, people: [child, person('Ash'), person('Bo')] },
      { ...base, notificationType: 'gen117', incident: { policeReference: `FM/${tag}/3`, occurredAt: at, postcode }, domesticAbuse: { incidentType: 'verbal' }, people: [{ ...child, daRole: 'child_present' }, person('Cy', { daRole: 'victim' }), person('Di', { role: 'other_adult', daRole: 'alleged_perpetrator' })] },
      { ...base, notificationType: 'dash', incident: { policeReference: `FM/${tag}/3`, occurredAt: at, postcode }, domesticAbuse: { incidentType: 'verbal' }, people: [{ ...child, daRole: 'child_present' }, person('Cy', { daRole: 'victim' })] },
      { ...base, notificationType: 'gen117', incident: { policeReference: `FM/${tag}/4`, occurredAt: at, postcode: 'FM9 9ZZ' }, people: [{ ...child, givenNames: 'Nia', nhsNumber: nhs.number, ...(nhs.dateOfBirth ? { dateOfBirth: nhs.dateOfBirth } : {}) }] },
    ]);
  }

  async function outcome(jobId: string) {
    const contacts = await rows<{ import_row: number; reference: string; da: boolean; linked: number }>(
      db,
      sql`select c.import_row, c.reference, exists (select 1 from da_case d where d.contact_id = c.id) as da,
                 (select count(*)::int from contact_named_person n where n.contact_id = c.id and n.person_id is not null) as linked
            from contact c where c.import_job_id = ${jobId} order by c.import_row`,
    );
    const updates = await rows<{ import_row: number; matched_by: string; of_row: number }>(
      db,
      sql`select u.import_row, u.matched_by, c.import_row as of_row from contact_update u join contact c on c.id = u.contact_id where u.import_job_id = ${jobId} order by u.import_row`,
    );
    for (const c of contacts) expect(c.reference).toMatch(/^C-\d{4}-\d{6}$/);
    return { contacts: contacts.map((c) => ({ row: c.import_row, da: c.da, linked: c.linked })), updates: updates.map((u) => ({ row: u.import_row, matchedBy: u.matched_by, ofRow: u.of_row })) };
  }

  it('matches each notification against those before it, whether they are in its chunk or an earlier one', async () => {
    const nhs = (await one<{ number: string; date_of_birth: string | null }>(
      db,
      sql`select i.value as number, p.date_of_birth from person_identifier i join person p on p.id = i.person_id
           where i.tenant_id = ${actor.tenantId} and i.type = 'nhs_number' and p.merged_into_person_id is null
             and (select count(*) from person_identifier j where j.tenant_id = i.tenant_id and j.type = 'nhs_number' and j.value = i.value) = 1
           limit 1`,
    ))!;
    expect(nhs).toBeDefined();
    const expected = {
      contacts: [{ row: 1, da: false, linked: 0 }, { row: 4, da: false, linked: 0 }, { row: 5, da: true, linked: 0 }, { row: 7, da: false, linked: 1 }],
      updates: [{ row: 2, matchedBy: 'same_police_reference', ofRow: 1 }, { row: 3, matchedBy: 'same_people_place_time', ofRow: 1 }, { row: 6, matchedBy: 'same_police_reference', ofRow: 5 }],
    };
    for (const [i, chunkRows] of [1, 2, 100].entries()) {
      const imports = service({ chunkRows });
      const tag = `M${letters(chunkRows)}${letters(Date.now() % 100000)}`.toUpperCase();
      const { id, status } = await imports.start(actor, { name: 'matching.json', text: file(tag, `FM${i + 2} 4QT`, { number: nhs.number, dateOfBirth: nhs.date_of_birth }) }, policeAgencyId);
      expect(status, JSON.stringify((await imports.job(actor.tenantId, id))?.problems)).toBe('importing');
      await imports.settle();
      expect(await outcome(id), `${chunkRows} rows a chunk`).toEqual(expected);
    }
  });
});
