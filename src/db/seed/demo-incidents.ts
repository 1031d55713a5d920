/**
 * Demo possible same incidents and late notifications, from the demo's own police notifications:
 *
 * - a few second police forms about a call-out already reported (a Gen 117 sent apart from the DASH, with its own
 *   police reference and a child's name spelt differently), over the year: the two most recent still waiting for
 *   the screener's answer, the older ones answered, some attached as the same incident and some kept apart;
 * - every notification received later after its incident than Threshold's default lags, recorded as late, with
 *   the managers told in the app of those in the last fortnight.
 *
 * Deterministic: a seeded generator of its own, so the rest of the demo is unchanged by it. The reasons shown are
 * worked out by the same rules as the front door's (domain/incidents.ts). Everything is invented.
 */
import { sql } from 'drizzle-orm';
import { type Database, one, rows } from '../client.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { DEFAULT_LATE_LAGS, type IncidentPerson, comparePeople, lagWords, lateness, possibleSameIncident, possibleSameIncidentRule } from '../../domain/incidents.js';
import { normalisePoliceReference, personKey } from '../../domain/intake.js';
import { timescaleDeadline } from '../../domain/timescales.js';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE } from './names.js';
import { Random } from './random.js';

export interface IncidentsSeedInput {
  tenantId: string;
  agencyIds: ReadonlyMap<string, string>;
  userIds: ReadonlyMap<string, string>;
  now: Date;
  calendar: WorkingCalendar;
  scale: number;
  log: (message: string) => void;
}

const SEED = 20_261_206;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

/** Spellings a second form might give a name: each must still be the same person to the identity engine's comparisons. */
function misspellings(name: string): string[] {
  const out = new Set<string>();
  if (/x/i.test(name)) out.add(name.replace(/x/, 'ks'));
  if (/ph/i.test(name)) out.add(name.replace(/ph/, 'f'));
  const doubled = /([a-z])\1/i.exec(name);
  if (doubled) out.add(name.slice(0, doubled.index) + name.slice(doubled.index + 1));
  if (/y$/.test(name)) out.add(`${name.slice(0, -1)}ie`);
  if (/ie$/.test(name)) out.add(`${name.slice(0, -2)}y`);
  if (/ey$/.test(name)) out.add(`${name.slice(0, -2)}y`);
  const m = /^(.+?[aeiou])([bcdfglmnprstv])([aeiouy].*)$/i.exec(name);
  if (m) out.add(`${m[1]}${m[2]}${m[2]}${m[3]}`);
  if (name.length > 4) out.add(name.slice(0, 2) + name[3] + name[2] + name.slice(4));
  out.delete(name);
  return [...out];
}

interface Candidate {
  incident_id: string;
  police_reference: string | null;
  occurred_at: string;
  postcode: string;
  contact_id: string;
  reference: string;
  received_at: string;
  status: string;
}

interface Subject {
  person_id: string;
  role: string;
  given_names: string;
  family_name: string;
  date_of_birth: string | null;
  dob_precision: string;
  gender: string;
  child_voice: string | null;
  child_demeanour: string | null;
}

export async function seedIncidentsDemo(db: Database, input: IncidentsSeedInput): Promise<void> {
  const { tenantId, now, calendar } = input;
  const random = new Random(SEED);
  const rule = possibleSameIncidentRule();
  const screener = input.userIds.get('screener')!;
  const screener2 = input.userIds.get('screener2') ?? screener;
  const manager = input.userIds.get('manager')!;
  const police = input.agencyIds.get('police')!;

  // ——— possible same incidents ———
  const candidates = await rows<Candidate>(
    db,
    sql`select i.id as incident_id, i.police_reference, i.occurred_at, i.postcode, c.id as contact_id, c.reference, c.received_at, c.status
          from incident i join contact c on c.id = i.contact_id
         where i.tenant_id = ${tenantId} and i.postcode is not null and i.occurred_at is not null and c.status in ('open', 'decided')
           and not c.restricted and c.received_at < ${new Date(now.getTime() - 2 * HOUR)}
         order by i.occurred_at, i.id`,
  );
  const recent = candidates.filter((c) => new Date(c.received_at).getTime() > now.getTime() - 6 * DAY).slice(-2);
  const older = candidates.filter((c) => new Date(c.received_at).getTime() < now.getTime() - 30 * DAY);
  const wanted = Math.max(2, Math.round(6 * input.scale)) - recent.length;
  const spaced = Array.from({ length: Math.max(0, wanted) }, (_, k) => older[Math.floor(((k + 0.5) * older.length) / Math.max(1, wanted))]).filter((c): c is Candidate => !!c);
  let made = 0;
  let decision = 0;
  for (const c of [...spaced, ...recent]) {
    const subjects = await rows<Subject>(
      db,
      sql`select cs.person_id, cs.role, n.given_names, n.family_name, p.date_of_birth, p.dob_precision, p.gender, cs.child_voice, cs.child_demeanour
            from contact_subject cs join person p on p.id = cs.person_id join person_name n on n.person_id = p.id and n.is_primary
           where cs.contact_id = ${c.contact_id} and not p.restricted and p.date_of_birth is not null
           order by cs.role desc, p.date_of_birth, p.id`,
    );
    const child = subjects.find((s) => s.role === 'subject_child');
    const adult = subjects.find((s) => s.role !== 'subject_child');
    if (!child || !adult) continue;
    const asPerson = (s: Subject, givenNames = s.given_names): IncidentPerson => ({ givenNames, familyName: s.family_name, dateOfBirth: s.date_of_birth, dobPrecision: s.dob_precision, gender: s.gender, role: s.role });
    const spelt = misspellings(child.given_names).find((v) => comparePeople(asPerson(child), asPerson(child, v)).same);
    if (!spelt) continue;
    const isRecent = recent.includes(c);
    const outcome: 'open' | 'same' | 'different' = isRecent ? 'open' : decision++ % 2 === 0 ? 'same' : 'different';
    const occurredA = new Date(c.occurred_at);
    const occurredB = new Date(occurredA.getTime() + random.int(15, 150) * MINUTE);
    const receivedA = new Date(c.received_at);
    const receivedB = new Date(Math.min(now.getTime() - 30 * MINUTE, Math.max(receivedA.getTime(), occurredB.getTime()) + random.int(1, 8) * HOUR));
    const referenceB = `FM99/G117/${calendar.dateOf(occurredB).slice(2, 4)}/${String(random.int(10_000, 99_999))}`;
    const ours = { policeReference: referenceB, occurredAt: occurredB, postcode: c.postcode, people: [asPerson(adult), asPerson(child, spelt)] };
    const theirs = { policeReference: c.police_reference, occurredAt: occurredA, postcode: c.postcode, people: subjects.map((s) => asPerson(s)) };
    const result = possibleSameIncident(rule, ours, theirs);
    if (!result.possible) continue;

    const contactId = crypto.randomUUID();
    const incidentId = crypto.randomUUID();
    const n = (await one<{ n: number }>(db, sql`select nextval('contact_reference_seq') as n`))!.n;
    const reference = `C-${calendar.dateOf(receivedB).slice(0, 4)}-${String(n).padStart(6, '0')}`;
    const status = outcome === 'open' ? 'open' : outcome === 'same' ? 'merged' : 'decided';
    const decidedAt = new Date(Math.min(now.getTime() - 10 * MINUTE, receivedB.getTime() + random.int(1, 5) * HOUR));
    const narrative = 'A Gen 117 from the attending officer about the same call-out, sent separately from the DASH with its own reference.';
    await db.execute(sql`
      insert into contact (id, tenant_id, reference, status, contact_type, owning_agency_id, source_agency_id, source_code, referrer_name, referrer_role,
                           received_at, incident_at, concerns, narrative, consent, consent_lawful_basis, consent_reason, decision_due_at, restricted,
                           channel, rag, risk_level, incident_id, created_by_user_id, synthetic, created_at, submitted_at, updated_at)
      select ${contactId}, tenant_id, ${reference}, ${status}, contact_type, owning_agency_id, source_agency_id, source_code,
             ${`${random.pick([...GIVEN_FEMALE, ...GIVEN_MALE])} ${random.pick(FAMILY)}`}, 'Police constable', ${receivedB}, ${occurredB}, concerns,
             ${narrative}, consent, consent_lawful_basis, consent_reason, ${timescaleDeadline(calendar, receivedB, { amount: 1, unit: 'working_days' })}, false,
             'api', rag, risk_level, ${incidentId}, created_by_user_id, true, ${receivedB}, ${receivedB}, ${status === 'open' ? receivedB : decidedAt}
        from contact where id = ${c.contact_id}`);
    const named = [
      { s: adult, given: adult.given_names },
      { s: child, given: spelt },
    ];
    for (const [position, p] of named.entries()) {
      const resolved = status === 'decided';
      await db.execute(sql`
        insert into contact_named_person (tenant_id, contact_id, role, given_names, family_name, date_of_birth, dob_precision, gender, child_voice, child_demeanour,
                                          person_id, resolution, resolved_by_user_id, resolved_at, position)
        values (${tenantId}, ${contactId}, ${p.s.role}, ${p.given}, ${p.s.family_name}, ${p.s.date_of_birth}, ${p.s.dob_precision}, ${p.s.gender},
                ${p.s.role === 'subject_child' ? (p.s.child_voice ?? 'Not spoken to: asleep when officers attended.') : null},
                ${p.s.role === 'subject_child' ? (p.s.child_demeanour ?? 'Not seen awake.') : null},
                ${resolved ? p.s.person_id : null}, ${resolved ? 'chosen' : null}, ${resolved ? screener : null}, ${resolved ? decidedAt : null}, ${position})`);
      if (resolved) {
        await db.execute(sql`insert into contact_subject (tenant_id, contact_id, person_id, role, child_voice, child_demeanour, created_at)
                             values (${tenantId}, ${contactId}, ${p.s.person_id}, ${p.s.role}, ${p.s.role === 'subject_child' ? (p.s.child_voice ?? 'Not spoken to: asleep when officers attended.') : null},
                                     ${p.s.role === 'subject_child' ? (p.s.child_demeanour ?? 'Not seen awake.') : null}, ${decidedAt})`);
      }
    }
    const keys = named.map((p) => personKey({ givenNames: p.given, familyName: p.s.family_name, dateOfBirth: p.s.date_of_birth })).filter((k): k is string => !!k);
    await db.execute(sql`insert into incident (id, tenant_id, police_reference, occurred_at, postcode, place, contact_id, people_keys, created_at)
                         values (${incidentId}, ${tenantId}, ${normalisePoliceReference(referenceB)}, ${occurredB}, ${c.postcode}, 'Home address',
                                 ${outcome === 'same' ? c.contact_id : contactId}, ${sql.param(keys)}::text[], ${receivedB})`);
    let updateId: string | null = null;
    if (outcome === 'same') {
      updateId = crypto.randomUUID();
      const payload = {
        people: named.map((p) => ({ role: p.s.role, givenNames: p.given, familyName: p.s.family_name, dateOfBirth: p.s.date_of_birth, dobPrecision: p.s.dob_precision, gender: p.s.gender })),
        concerns: ['domestic_abuse'],
        policeReference: referenceB,
        occurredAt: occurredB.toISOString(),
        fromContactId: contactId,
        fromReference: reference,
      };
      await db.execute(sql`insert into contact_update (id, tenant_id, contact_id, incident_id, channel, notification_type, source_agency_id, referrer_name, received_at, risk_level, narrative, matched_by, payload, created_at)
                           select ${updateId}, ${tenantId}, ${c.contact_id}, ${c.incident_id}, 'api', 'gen117', source_agency_id, referrer_name, received_at, risk_level, narrative,
                                  'same_incident_review', ${JSON.stringify(payload)}::jsonb, ${decidedAt}
                             from contact where id = ${contactId}`);
    }
    if (outcome === 'different') {
      await db.execute(sql`insert into screening_decision (tenant_id, contact_id, threshold_level, outcome, rationale, decided_by_user_id, decided_at, authorisation, authorised_by_user_id, authorised_at)
                           values (${tenantId}, ${contactId}, 2, 'nfa_advice', 'A separate, earlier argument the same evening, already known to the family’s worker: advice given.', ${screener2}, ${decidedAt}, 'authorised', ${manager}, ${new Date(Math.min(now.getTime() - 5 * MINUTE, decidedAt.getTime() + HOUR))})`);
    }
    const details = {
      postcode: result.postcode,
      minutesApart: result.minutesApart,
      withinHours: rule.withinHours,
      references: result.references,
      ours: { occurredAt: occurredB.toISOString(), notificationType: 'gen117', reference },
      theirs: { occurredAt: occurredA.toISOString(), reference: c.reference },
      people: result.people.map((p) => ({
        ours: { name: `${p.ours.givenNames} ${p.ours.familyName}`, dateOfBirth: p.ours.dateOfBirth, role: p.ours.role ?? null },
        theirs: { name: `${p.theirs.givenNames} ${p.theirs.familyName}`, dateOfBirth: p.theirs.dateOfBirth, role: p.theirs.role ?? null },
        reasons: p.reasons,
        exact: p.exact,
      })),
      reasons: result.reasons,
    };
    await db.execute(sql`
      insert into incident_review (tenant_id, contact_id, other_contact_id, incident_id, other_incident_id, status, details, decided_by_user_id, decided_at, reason, update_id, created_at)
      values (${tenantId}, ${contactId}, ${c.contact_id}, ${incidentId}, ${c.incident_id}, ${outcome}, ${JSON.stringify(details)}::jsonb,
              ${outcome === 'open' ? null : screener2}, ${outcome === 'open' ? null : decidedAt},
              ${outcome === 'same' ? 'The Gen 117 and the DASH are the same call-out: one officer each.' : outcome === 'different' ? 'Two call-outs that evening: this one was earlier, before the family went out.' : null},
              ${updateId}, ${receivedB})`);
    made += 1;
  }
  input.log(`possible same incidents: ${made}`);

  // ——— late notifications ———
  const received = await rows<{ contact_id: string; update_id: string | null; reference: string; source_agency_id: string | null; risk_level: string | null; occurred_at: string; received_at: string }>(
    db,
    sql`select c.id as contact_id, null::uuid as update_id, c.reference, c.source_agency_id, c.risk_level, c.incident_at as occurred_at, c.received_at
          from contact c where c.tenant_id = ${tenantId} and c.status not in ('draft', 'merged') and c.incident_at is not null
        union all
        select u.contact_id, u.id, c.reference, u.source_agency_id, u.risk_level, (u.payload->>'occurredAt')::timestamptz, u.received_at
          from contact_update u join contact c on c.id = u.contact_id
         where u.tenant_id = ${tenantId} and coalesce(u.payload->>'occurredAt', '') <> ''`,
  );
  const partnerManagers = await rows<{ id: string; agency_id: string }>(
    db,
    sql`select u.id, u.agency_id from app_user u join role_assignment ra on ra.user_id = u.id where u.tenant_id = ${tenantId} and ra.role = 'partner_manager'`,
  );
  let late = 0;
  let told = 0;
  for (const r of received) {
    const occurred = new Date(r.occurred_at);
    const at = new Date(r.received_at);
    const judged = lateness(occurred, at, r.risk_level, DEFAULT_LATE_LAGS);
    if (!judged?.late) continue;
    const senders = partnerManagers.filter((m) => m.agency_id === r.source_agency_id);
    await db.execute(sql`
      insert into late_notification (tenant_id, contact_id, update_id, source_agency_id, risk_level, occurred_at, received_at, lag_minutes, allowed_hours, told, created_at)
      values (${tenantId}, ${r.contact_id}, ${r.update_id}, ${r.source_agency_id}, ${judged.riskLevel}, ${occurred}, ${at}, ${Math.round(judged.lagHours * 60)}, ${judged.allowedHours},
              ${1 + senders.length}, ${at})
      on conflict do nothing`);
    late += 1;
    // The managers were told when it arrived: the last fortnight's are still in their notifications.
    if (at.getTime() > now.getTime() - 14 * DAY) {
      const words = `received ${lagWords(judged.lagHours)} after the incident: late (${judged.riskLevel === 'not_graded' ? 'notifications without a risk grading are' : `${judged.riskLevel} risk notifications are`} expected within ${judged.allowedHours} hours).`;
      await db.execute(sql`insert into notification (tenant_id, user_id, title, body, link, created_at)
                           values (${tenantId}, ${manager}, ${`Late notification: ${r.reference}`}, ${`This notification was ${words}`}, ${`/contacts/${r.contact_id}#late-notification`}, ${at})`);
      for (const s of senders) {
        await db.execute(sql`insert into notification (tenant_id, user_id, title, body, link, created_at)
                             values (${tenantId}, ${s.id}, ${`Late notification: ${r.reference}`}, ${`A notification your agency sent was ${words}`}, ${r.source_agency_id === police && !r.update_id ? `/contacts/${r.contact_id}` : null}, ${at})`);
      }
      told += 1;
    }
  }
  input.log(`late notifications: ${late} (${told} in the last fortnight, managers told)`);
}
