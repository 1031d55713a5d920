/**
 * Demo leads: one lead agency and team for every person with open safeguarding work, and the transitions list.
 *
 * - a couple of transfers accepted in the last year, with their reasons: young adults named in children's contacts,
 *   whose lead moved from the children's front door (MASH) to the adult safeguarding hub;
 * - an open lead for each person named in an open contact (open or awaiting authorisation) or an open DA case (its
 *   contact still open, or not yet decided at the daily triage): the contact's owning agency and its front-door team
 *   (the MASH), from the day the contact or case was received, the earliest work first (a DA case before the contact
 *   it came from); and for each adult with an open adult safeguarding concern or enquiry, the adult front door's hub
 *   (when the adult seed made any);
 * - a handful of the demo's children aged 17½ to 18 with open work, led by the MASH, so they are on both front doors'
 *   transitions lists; the oldest of them with a transfer to the adult safeguarding hub waiting for an answer (and
 *   the hub's users told).
 *
 * Runs last: it reads what the other demo seeds made. Deterministic (no random choices: people are taken in date of
 * birth order). Everything is invented.
 */
import { sql } from 'drizzle-orm';
import { type Database, asDate, one, rows } from '../client.js';
import { transitionsFrom } from '../../domain/safeguarding-lead.js';
import { ageOn, londonDate } from '../../domain/time.js';
import { transferPath } from '../../features/safeguarding-lead/paths.js';

export interface LeadsSeedInput {
  tenantId: string;
  agencyIds: ReadonlyMap<string, string>;
  userIds: ReadonlyMap<string, string>;
  people: readonly { id: string; name: string; dob: string; child: boolean }[];
  now: Date;
  log: (message: string) => void;
}

const DAY = 86_400_000;

async function teamOf(db: Database, userId: string): Promise<string | null> {
  return (await one<{ team_id: string | null }>(db, sql`select team_id from app_user where id = ${userId}`))?.team_id ?? null;
}

async function insertLead(
  db: Database,
  v: { tenantId: string; personId: string; agencyId: string; teamId: string | null; workKind: string; workId: string | null; since: Date; until?: Date | null; reason: string; setBy: string | null },
): Promise<string | null> {
  const row = await one<{ id: string }>(
    db,
    sql`insert into safeguarding_lead (tenant_id, person_id, agency_id, team_id, work_kind, work_id, since, until, reason, set_by_user_id)
        values (${v.tenantId}, ${v.personId}, ${v.agencyId}, ${v.teamId}, ${v.workKind}, ${v.workId}, ${v.since.toISOString()}, ${v.until?.toISOString() ?? null}, ${v.reason}, ${v.setBy})
        on conflict (person_id) where until is null do nothing returning id`,
  );
  return row?.id ?? null;
}

export async function seedLeadsDemo(db: Database, input: LeadsSeedInput): Promise<void> {
  const { tenantId, agencyIds, userIds, now } = input;
  const csc = agencyIds.get('csc')!;
  const asc = agencyIds.get('asc')!;
  const manager = userIds.get('manager')!;
  const adultsManager = userIds.get('adults-manager')!;
  const mash = await teamOf(db, manager);
  const hub = await teamOf(db, adultsManager);
  const today = londonDate(now);

  // ——— transfers accepted in the last year: the youngest adults named in a contact ———
  const youngAdults = await rows<{ person_id: string; date_of_birth: string; contact_id: string; reference: string; received_at: string }>(
    db,
    sql`select distinct on (p.id) p.id as person_id, p.date_of_birth::text as date_of_birth, c.id as contact_id, c.reference, c.received_at
          from person p join contact_subject cs on cs.person_id = p.id join contact c on c.id = cs.contact_id
         where p.tenant_id = ${tenantId} and p.date_of_birth is not null and p.merged_into_person_id is null and not p.restricted
           and cs.role <> 'subject_child' and c.reference is not null and c.received_at < ${new Date(now.getTime() - 150 * DAY).toISOString()}
         order by p.id, c.received_at`,
  );
  const chosen = youngAdults
    .filter((r) => ageOn(r.date_of_birth, today) >= 18)
    .sort((a, b) => (a.date_of_birth < b.date_of_birth ? 1 : a.date_of_birth > b.date_of_birth ? -1 : a.person_id.localeCompare(b.person_id)))
    .slice(0, 2);
  const reasons = [
    'She is the victim of her partner’s abuse and has care and support needs of her own. The children’s plan continues with the children; adult safeguarding should lead her safety work.',
    'He is an adult with a learning disability at risk of financial exploitation. Children’s services have closed their work with the household; adult safeguarding should lead.',
  ];
  let accepted = 0;
  for (const [i, r] of chosen.entries()) {
    const since = new Date(Math.min(asDate(r.received_at).getTime(), now.getTime() - 150 * DAY));
    const proposedAt = new Date(now.getTime() - (120 - i * 50) * DAY);
    const acceptedAt = new Date(proposedAt.getTime() + (2 + i) * DAY + 3 * 3_600_000);
    await insertLead(db, { tenantId, personId: r.person_id, agencyId: csc, teamId: mash, workKind: 'contact', workId: r.contact_id, since, until: acceptedAt, reason: `The children’s front door received contact ${r.reference}`, setBy: null });
    const transfer = await one<{ id: string }>(
      db,
      sql`insert into lead_transfer (tenant_id, person_id, from_agency_id, from_team_id, to_agency_id, to_team_id, reason, proposed_by_user_id, proposed_at, status, responded_by_user_id, responded_at, response_note)
          values (${tenantId}, ${r.person_id}, ${csc}, ${mash}, ${asc}, ${hub}, ${reasons[i]!}, ${manager}, ${proposedAt.toISOString()}, 'accepted', ${adultsManager}, ${acceptedAt.toISOString()},
                  ${i === 0 ? 'Agreed at the transitions meeting. Ash Worker will lead the section 42 enquiry.' : null})
          returning id`,
    );
    await insertLead(db, { tenantId, personId: r.person_id, agencyId: asc, teamId: hub, workKind: 'lead_transfer', workId: transfer!.id, since: acceptedAt, reason: reasons[i]!, setBy: adultsManager });
    accepted += 1;
  }

  // ——— an open lead for everyone named in open work, the earliest work first ———
  const team = sql`case when x.agency_id = ${csc} then ${mash}::uuid when x.agency_id = ${asc} then ${hub}::uuid end`;
  const opened = await one<{ n: number }>(
    db,
    sql`with work as (
          select cs.person_id, c.owning_agency_id as agency_id, 'contact' as work_kind, c.id as work_id, c.received_at as since,
                 'The ' || case when c.contact_type = 'adult' then 'adults’' else 'children’s' end || ' front door received contact ' || c.reference as reason
            from contact c join contact_subject cs on cs.contact_id = c.id
           where c.tenant_id = ${tenantId} and c.status in ('open', 'awaiting_authorisation') and c.reference is not null
          union all
          select dp.person_id, c.owning_agency_id, 'da_case', d.id, d.received_at,
                 'The children’s front door received a police domestic abuse notification (' || coalesce(c.reference, 'no reference') || ')'
            from da_case d join contact c on c.id = d.contact_id join da_person dp on dp.da_case_id = d.id
           where d.tenant_id = ${tenantId} and dp.person_id is not null
             and (c.status in ('open', 'awaiting_authorisation') or not exists (select 1 from mada_decision m where m.da_case_id = d.id))
          union all
          select ac.person_id, ac.owning_agency_id, 'adult_concern', ac.id, ac.received_at, 'The adults’ front door received adult safeguarding concern ' || ac.reference
            from adult_concern ac
           where ac.tenant_id = ${tenantId} and ac.person_id is not null
             and (ac.status in ('open', 'awaiting_authorisation') or exists (select 1 from adult_enquiry e where e.concern_id = ac.id and e.status = 'open'))
        ), firsts as (
          select distinct on (w.person_id) w.* from work w join person p on p.id = w.person_id and p.merged_into_person_id is null
           order by w.person_id, w.since, (w.work_kind = 'contact'), w.work_kind
        ), made as (
          insert into safeguarding_lead (tenant_id, person_id, agency_id, team_id, work_kind, work_id, since, reason)
          select ${tenantId}, x.person_id, x.agency_id, ${team}, x.work_kind, x.work_id, x.since, x.reason from firsts x
          on conflict (person_id) where until is null do nothing returning 1)
        select count(*)::int as n from made`,
  );

  // ——— the transitions list: children aged 17½ to 18 with open work, led by the MASH ———
  const nearly18 = input.people
    .filter((p) => p.child && transitionsFrom(p.dob) <= today && ageOn(p.dob, today) < 18)
    .sort((a, b) => (a.dob < b.dob ? -1 : a.dob > b.dob ? 1 : a.id.localeCompare(b.id)))
    .slice(0, 5);
  let listed = 0;
  for (const p of nearly18) {
    const last = await one<{ id: string; reference: string; received_at: string }>(
      db,
      sql`select c.id, c.reference, c.received_at from contact c join contact_subject cs on cs.contact_id = c.id
           where cs.person_id = ${p.id} and c.reference is not null order by c.received_at desc limit 1`,
    );
    const since = last ? asDate(last.received_at) : new Date(now.getTime() - 60 * DAY);
    const made = await insertLead(db, {
      tenantId,
      personId: p.id,
      agencyId: csc,
      teamId: mash,
      workKind: 'contact',
      workId: last?.id ?? null,
      // the lead began while they were a child (the transitions list is for those who were)
      since: ageOn(p.dob, londonDate(since)) < 18 ? since : new Date(now.getTime() - 30 * DAY),
      reason: last ? `Children’s social care work after contact ${last.reference}` : 'Children’s social care: child in need work',
      setBy: manager,
    });
    const open = await one<{ agency_id: string }>(db, sql`select agency_id from safeguarding_lead where person_id = ${p.id} and until is null`);
    if (made || open?.agency_id === csc) listed += 1;
  }
  const oldest = nearly18[0];
  let waiting = 0;
  if (oldest) {
    const open = await one<{ agency_id: string; team_id: string | null }>(db, sql`select agency_id, team_id from safeguarding_lead where person_id = ${oldest.id} and until is null`);
    if (open?.agency_id === csc) {
      const proposedAt = new Date(now.getTime() - 2 * DAY);
      const t = await one<{ id: string }>(
        db,
        sql`insert into lead_transfer (tenant_id, person_id, from_agency_id, from_team_id, to_agency_id, to_team_id, reason, proposed_by_user_id, proposed_at, status)
            values (${tenantId}, ${oldest.id}, ${csc}, ${open.team_id}, ${asc}, ${hub},
                    'They turn 18 within six months and the risks at home continue: they will need adult safeguarding after their birthday. We propose the adult safeguarding hub leads from now, after a joint visit.',
                    ${manager}, ${proposedAt.toISOString()}, 'proposed') returning id`,
      );
      for (const u of ['adults', 'adults-manager']) {
        const userId = userIds.get(u);
        if (!userId) continue;
        await db.execute(sql`insert into notification (tenant_id, user_id, title, body, link, created_at)
                             values (${tenantId}, ${userId}, 'Fernmoor Children’s Services asks your agency to take the lead',
                                     'A transfer of the lead for a person’s safeguarding work is waiting for your answer: accept or decline it.', ${transferPath(t!.id)}, ${proposedAt.toISOString()})`);
      }
      waiting = 1;
    }
  }
  input.log(`leads: ${opened?.n ?? 0} open from open work, ${listed} on the transitions list (${waiting} transfer waiting), ${accepted} transfers accepted in the last year`);
}
