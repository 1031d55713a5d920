/**
 * Multi-agency training through app.inject against a real database: the business unit adds a domestic abuse course
 * with two sessions (one of a single place); a school DSL books their own staff, is refused a full session (and
 * offered the other), cannot book for another agency or the same person twice; another school sees none of it; the
 * register is taken once the session starts; 3 months on the job emails each attendee once with a one-use link;
 * the questionnaire answered without signing in shows on the course page (no names), a second use says "already
 * answered", and bad input is a 400 with an error summary that saves nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { sha256 } from '../../platform/crypto.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let clock = new Date();
let unit: TestClient;
let dsl: TestClient;
let dsl2: TestClient;

const DAY = 86_400_000;
const londonParts = (d: Date) => {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(d);
  const get = (type: string) => f.find((p) => p.type === type)!.value;
  return { day: get('day'), month: get('month'), year: get('year'), hour: get('hour'), minute: get('minute') };
};
const DATE = (prefix: string, d: Date) => {
  const p = londonParts(d);
  return { [`${prefix}-day`]: p.day, [`${prefix}-month`]: p.month, [`${prefix}-year`]: p.year, [`${prefix}-hour`]: p.hour, [`${prefix}-minute`]: p.minute };
};
const count = async (q: ReturnType<typeof sql>) => (await one<{ n: number }>(db, q))!.n;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  db = t.db.db;
  unit = await t.as('business-unit');
  dsl = await t.as('dsl');
  dsl2 = await t.as('dsl2');
});
afterAll(async () => t?.close());

describe('a domestic abuse course, booked by a school, with its 3-month impact check', () => {
  let courseId = '';
  let sessionId = '';
  let smallId = '';
  let bookingId = '';
  let token = '';
  const startsAt = new Date(Date.now() + 10 * DAY);

  it('the business unit adds the course and its sessions', async () => {
    await unit.get('/partnership/training/courses/new');
    const res = await unit.post('/partnership/training/courses/new', {
      title: 'Domestic abuse: recognising and responding (DASH)', theme: 'domestic_abuse', mode: 'face_to_face', boardKind: 'domestic_abuse',
      description: 'Coercive control, the DASH risk checklist, MARAC referral and safety planning.', audience: 'Practitioners in every agency', durationMinutes: '180',
    });
    expect(res.statusCode).toBe(303);
    courseId = location(res).split('/')[4]!.split('?')[0]!;
    const s1 = await unit.post(`/partnership/training/courses/${courseId}/sessions/new`, { ...DATE('startsAt', startsAt), ...DATE('endsAt', new Date(startsAt.getTime() + 3 * 3_600_000)), venue: 'Riverside Centre, Room 2', trainer: 'Jo Trainer', capacity: '20' });
    expect(s1.statusCode).toBe(303);
    sessionId = location(s1).split('/')[4]!.split('?')[0]!;
    const s2 = await unit.post(`/partnership/training/courses/${courseId}/sessions/new`, { ...DATE('startsAt', new Date(startsAt.getTime() + DAY)), ...DATE('endsAt', new Date(startsAt.getTime() + DAY + 3_600_000)), venue: 'https://meet.example/da', capacity: '1' });
    expect(s2.statusCode).toBe(303);
    smallId = location(s2).split('/')[4]!.split('?')[0]!;
    const catalogue = await dsl.get('/partnership/training');
    expect(catalogue.statusCode).toBe(200);
    expect(catalogue.body).toContain('Domestic abuse: recognising and responding (DASH)');
    expect(catalogue.body).toContain('21');
  });

  it('refuses a course with no title, and a session that ends before it starts, with an error summary', async () => {
    const before = await count(sql`select count(*)::int as n from training_course`);
    const res = await unit.post('/partnership/training/courses/new', { title: '', theme: 'nonsense', mode: 'webinar', boardKind: 'children', description: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Enter the course’s title');
    expect(res.body).toContain('Select the course’s theme');
    const s = await unit.post(`/partnership/training/courses/${courseId}/sessions/new`, { ...DATE('startsAt', startsAt), ...DATE('endsAt', new Date(startsAt.getTime() - 3_600_000)), venue: 'Hall', capacity: '0' });
    expect(s.statusCode).toBe(400);
    expect(s.body).toContain('Enter the number of places, from 1 to 500');
    expect(await count(sql`select count(*)::int as n from training_course`)).toBe(before);
  });

  it('a school DSL books one of their own staff: the agency and its type are theirs', async () => {
    await dsl.get(`/partnership/training/sessions/${sessionId}`);
    const res = await dsl.post(`/partnership/training/sessions/${sessionId}/book`, { attendeeName: 'Sam Teacher', attendeeEmail: 'Sam.Teacher@School.Example', jobRole: 'Year 4 teacher' });
    expect(res.statusCode).toBe(303);
    const b = await one<{ id: string; agency_id: string; agency_type: string; attendee_email: string }>(db, sql`select id, agency_id, agency_type, attendee_email from training_booking where session_id = ${sessionId}`);
    const school = await one<{ agency_id: string; type: string }>(db, sql`select u.agency_id, a.type from app_user u join agency a on a.id = u.agency_id where u.email = 'dsl@demo.threshold.test'`);
    expect(b).toMatchObject({ agency_id: school!.agency_id, agency_type: school!.type, attendee_email: 'sam.teacher@school.example' });
    bookingId = b!.id;
    const ours = await dsl.get('/partnership/training/our-bookings');
    expect(ours.body).toContain('Sam Teacher');
    expect(ours.body).toContain('Domestic abuse: recognising and responding (DASH)');
    const home = await dsl.get('/');
    expect(home.body).toContain('Your agency’s training places');
    expect(home.body).toContain('Sam Teacher');
  });

  it('refuses the same person twice, and booking for another agency', async () => {
    const twice = await dsl.post(`/partnership/training/sessions/${sessionId}/book`, { attendeeName: 'Sam Teacher', attendeeEmail: 'sam.teacher@school.example ', jobRole: 'Year 4 teacher' });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('already has a place on this session');
    const police = await one<{ id: string }>(db, sql`select id from agency where type = 'police' limit 1`);
    const other = await dsl.post(`/partnership/training/sessions/${sessionId}/book`, { attendeeName: 'Pat Officer', attendeeEmail: 'pat@police.example', jobRole: 'PC', agencyId: police!.id });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('The form sent fields it does not have (agencyId)');
    expect(await count(sql`select count(*)::int as n from training_booking where session_id = ${sessionId}`)).toBe(1);
  });

  it('refuses a full session clearly, and offers the course’s other sessions', async () => {
    expect((await dsl.post(`/partnership/training/sessions/${smallId}/book`, { attendeeName: 'Ali Assistant', attendeeEmail: 'ali@school.example', jobRole: 'Teaching assistant' })).statusCode).toBe(303);
    await dsl2.get(`/partnership/training/sessions/${smallId}`);
    const full = await dsl2.post(`/partnership/training/sessions/${smallId}/book`, { attendeeName: 'Bo Mentor', attendeeEmail: 'bo@other-school.example', jobRole: 'Learning mentor' });
    expect(full.statusCode).toBe(409);
    expect(full.body).toContain('This session is full: choose another session of this course');
    expect(full.body).toContain(`/partnership/training/sessions/${sessionId}`);
    expect(await count(sql`select count(*)::int as n from training_booking where session_id = ${smallId}`)).toBe(1);
  });

  it('another school sees neither the bookings nor can cancel them', async () => {
    const page = await dsl2.get(`/partnership/training/sessions/${sessionId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Sam Teacher');
    const cancel = await dsl2.post(`/partnership/training/bookings/${bookingId}/cancel`, {});
    expect(cancel.statusCode).toBe(404);
    expect((await dsl2.get('/partnership/training/our-bookings')).body).not.toContain('Sam Teacher');
  });

  it('the register is refused before the session starts, and taken once it has', async () => {
    expect((await unit.post(`/partnership/training/sessions/${sessionId}/register`, { [`b_${bookingId}`]: 'attended' })).statusCode).toBe(400);
    clock = new Date(startsAt.getTime() + 4 * 3_600_000);
    unit = await t.as('business-unit');
    const home = await unit.get('/');
    expect(home.body).toContain('Registers to take');
    expect(home.body).toContain(`/partnership/training/sessions/${sessionId}/register`);
    const form = await unit.get(`/partnership/training/sessions/${sessionId}/register`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Sam Teacher');
    const bad = await unit.post(`/partnership/training/sessions/${sessionId}/register`, {});
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select whether Sam Teacher attended');
    const res = await unit.post(`/partnership/training/sessions/${sessionId}/register`, { [`b_${bookingId}`]: 'attended' });
    expect(res.statusCode).toBe(303);
    const b = await one<{ status: string; impact_due_on: string }>(db, sql`select status, impact_due_on::text as impact_due_on from training_booking where id = ${bookingId}`);
    expect(b!.status).toBe('attended');
    const p = londonParts(startsAt);
    const due = new Date(Date.UTC(Number(p.year), Number(p.month) - 1 + 3, 1));
    expect(b!.impact_due_on.slice(0, 7)).toBe(due.toISOString().slice(0, 7));
    expect(await count(sql`select count(*)::int as n from training_session where id = ${sessionId} and status = 'held' and register_taken_at is not null`)).toBe(1);
  });

  it('records the end-of-course evaluation from the form, refusing a score out of range', async () => {
    const bad = await unit.post(`/partnership/training/bookings/${bookingId}/evaluation`, { confidenceBefore: '0', confidenceAfter: '4', usefulness: '5' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select how confident they felt before the course, from 1 to 5');
    const res = await unit.post(`/partnership/training/bookings/${bookingId}/evaluation`, { confidenceBefore: '2', confidenceAfter: '4', usefulness: '5', comments: 'Very practical.' });
    expect(res.statusCode).toBe(303);
  });

  it('the job sends one impact email when it is due, with a link whose token only its hash is kept', async () => {
    const mine = sql`select recipient, personalisation from outbox_message where template = 'training.impact' and recipient = 'sam.teacher@school.example'`;
    // The demo's own attendees whose checks are due are sent theirs too, up to 200 a run: the job runs until it has
    // nothing left to send, as the server's timer would over a few runs.
    const drain = async () => {
      let total = 0;
      for (let run = 0; run < 50; run += 1) {
        const { sent } = await t.app.services.training.sendDueImpactChecks();
        if (sent === 0) break;
        total += sent;
      }
      return total;
    };
    await drain();
    expect(await rows(db, mine)).toHaveLength(0);
    clock = new Date(startsAt.getTime() + 95 * DAY);
    expect(await drain()).toBeGreaterThanOrEqual(1);
    expect((await t.app.services.training.sendDueImpactChecks()).sent).toBe(0);
    const mail = await rows<{ recipient: string; personalisation: { link: string; deadline: string } }>(db, mine);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.recipient).toBe('sam.teacher@school.example');
    const link = mail[0]!.personalisation.link;
    expect(link).toMatch(/\/training\/impact\/[A-Za-z0-9_-]{43}$/);
    token = link.split('/').pop()!;
    const stored = await one<{ impact_token_hash: string }>(db, sql`select impact_token_hash from training_booking where id = ${bookingId}`);
    expect(stored!.impact_token_hash).toBe(sha256(token));
    expect(stored!.impact_token_hash).not.toContain(token);
  });

  let anon: TestClient;

  it('the attendee answers without signing in; bad input is a 400 with an error summary', async () => {
    anon = t.client();
    const page = await anon.get(`/training/impact/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Have you used what you learned in your work?');
    const bad = await anon.post(`/training/impact/${token}`, { used: 'yes', example: '', confidenceNow: '7' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('Give an example of how it changed your practice');
    expect(bad.body).toContain('Select how confident you feel now, from 1 to 5');
    expect(await count(sql`select count(*)::int as n from training_booking where id = ${bookingId} and impact is not null`)).toBe(0);
    const res = await anon.post(`/training/impact/${token}`, { used: 'yes', example: 'I asked about coercive control at a parents’ evening and referred to the IDVA.', confidenceNow: '4', moreHelp: 'A refresher on MARAC' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Thank you for your answers');
  });

  it('a second use of the link says it is already answered, never a server error', async () => {
    // the same browser sends the form again (the questionnaire still open in another tab)
    const post = await anon.post(`/training/impact/${token}`, { used: 'no', confidenceNow: '1' });
    expect(post.statusCode).toBe(200);
    expect(post.body).toContain('You have already answered');
    const again = await anon.get(`/training/impact/${token}`);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('You have already answered');
    expect((await anon.get(`/training/impact/${'x'.repeat(43)}`)).statusCode).toBe(404);
    expect((await anon.get('/training/impact/not-a-token')).statusCode).toBe(404);
  });

  it('the course page shows the impact, without the attendee’s name', async () => {
    const follower = await t.as('analyst');
    const page = await follower.get(`/partnership/training/courses/${courseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('100% (1 of 1)');
    expect(page.body).toContain('I asked about coercive control at a parents’ evening and referred to the IDVA.');
    expect(page.body).toContain('2.0 out of 5');
    expect(page.body).toContain('4.0 out of 5');
    expect(page.body).not.toContain('Sam Teacher');
    const audited = await rows<{ action: string }>(db, sql`select action from audit_event where record_id in (${bookingId}, ${sessionId}) and action like 'training.%' and action not like '%viewed' order by occurred_at, action`);
    expect(audited.map((a) => a.action).sort()).toEqual(['training.evaluation_recorded', 'training.impact_answered', 'training.impact_check_sent', 'training.place_booked', 'training.register_taken', 'training.session_added']);
  });
});

describe('the training needs analysis', () => {
  it('adds a line by agency and role and shows the gap by theme', async () => {
    const u = await t.as('business-unit');
    // a year the demo has no needs or sessions in, so the gap is this line's alone
    const year = 2031;
    const page = await u.get(`/partnership/training/needs?year=${year}`);
    expect(page.statusCode).toBe(200);
    const agency = await one<{ agency_id: string }>(db, sql`select agency_id from app_user where email = 'dsl@demo.threshold.test'`);
    const bad = await u.post(`/partnership/training/needs?year=${year}`, { year: String(year), agencyId: agency!.agency_id, jobRole: '', theme: 'neglect', staffCount: 'lots', priority: 'high' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter how many staff need it');
    const res = await u.post(`/partnership/training/needs?year=${year}`, { year: String(year), agencyId: agency!.agency_id, jobRole: 'Teaching assistant', theme: 'neglect', staffCount: '12', priority: 'high' });
    expect(res.statusCode).toBe(303);
    const after = await u.get(`/partnership/training/needs?year=${year}`);
    expect(after.body).toContain('Teaching assistant');
    expect(after.body).toContain('12 more places needed');
    const school = await t.as('dsl');
    expect((await school.get(`/partnership/training/needs?year=${year}`)).statusCode).toBe(200);
    expect((await school.post(`/partnership/training/needs?year=${year}`, { year: String(year) })).statusCode).toBe(403);
  });
});
