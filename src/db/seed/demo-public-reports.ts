/**
 * Demo reports from Fernmoor's public site (issue 18): some of the year's contacts from family members and
 * anonymous members of the public (CIN sources 1A and 9) arrived through the website rather than by phone. Each
 * becomes a contact on channel "public" with its report as given (`public_report`), in the reporter's own words —
 * mostly English, some in Polish, Romanian, Slovak, Urdu and Arabic, never translated — and a narrative composed as
 * the live site composes it. The concerns follow what the reporter describes. Deterministic (a seeded generator).
 */
import { sql } from 'drizzle-orm';
import { type Database, rows } from '../client.js';
import { composeNarrative, type ReportAnswers } from '../../domain/public-report.js';
import { ageOn, londonDate } from '../../domain/time.js';
import { Random } from './random.js';

export interface PublicReportsSeedInput {
  tenantId: string;
  now: Date;
  log: (message: string) => void;
}

/** What members of the public write, by the concern it describes (synthetic; no one real). */
const WORRIES: Record<string, Record<string, readonly string[]>> = {
  neglect: {
    en: [
      'The children next door are often outside late in the evening with no coat. I have not seen an adult with them for hours and they asked me for food twice this week.',
      'The house smells and the windows have been broken for weeks. The youngest is often in the same dirty clothes and looks thin.',
    ],
    pl: ['Dzieci z sąsiedztwa często są same na dworze do późna, bez kurtek. Dwa razy w tym tygodniu prosiły mnie o jedzenie. Nie widzę przy nich dorosłych.'],
    ro: ['Copiii vecinilor stau adesea singuri afară până seara târziu, fără haine groase. Mi-au cerut de mâncare de două ori săptămâna aceasta.'],
    sk: ['Deti od susedov sú často samé vonku do neskorého večera, bez bundy. Tento týždeň ma dvakrát prosili o jedlo.'],
    ur: ['پڑوس کے بچے اکثر رات دیر تک بغیر جیکٹ کے باہر اکیلے ہوتے ہیں۔ اس ہفتے انہوں نے دو بار مجھ سے کھانا مانگا۔'],
    ar: ['أطفال الجيران يبقون غالباً وحدهم في الخارج حتى وقت متأخر من الليل بدون معاطف. طلبوا مني الطعام مرتين هذا الأسبوع.'],
  },
  domestic_abuse: {
    en: [
      'I hear shouting and banging through the wall most nights, and last night a woman was screaming for him to stop. The children were crying.',
      'My sister’s partner checks her phone, takes her money and she has bruises she will not talk about. Her little boy is frightened of him.',
    ],
    pl: ['Prawie każdej nocy słyszę przez ścianę krzyki i uderzenia. Wczoraj kobieta krzyczała, żeby przestał. Dzieci płakały.'],
    ro: ['Aproape în fiecare noapte aud țipete și bufnituri prin perete. Aseară o femeie striga să se oprească. Copiii plângeau.'],
    sk: ['Takmer každú noc počujem cez stenu krik a búchanie. Včera žena kričala, aby prestal. Deti plakali.'],
    ur: ['تقریباً ہر رات دیوار کے پار سے چیخنے اور مارنے کی آوازیں آتی ہیں۔ کل رات ایک عورت چیخ رہی تھی کہ رک جاؤ۔ بچے رو رہے تھے۔'],
    ar: ['أسمع صراخاً وضرباً عبر الجدار معظم الليالي، والليلة الماضية كانت امرأة تصرخ ليتوقف. كان الأطفال يبكون.'],
  },
  physical_abuse: {
    en: ['My niece had a mark on her face and said her mum’s boyfriend hit her when she spilled a drink. She asked me not to tell anyone.'],
    pl: ['Moja siostrzenica miała ślad na twarzy i powiedziała, że chłopak jej mamy ją uderzył. Prosiła, żebym nikomu nie mówiła.'],
    ro: ['Nepoata mea avea o vânătaie pe față și a spus că prietenul mamei ei a lovit-o. M-a rugat să nu spun nimănui.'],
  },
  emotional_abuse: {
    en: ['The father next door screams at his son every day, calls him stupid and useless, and locks him out in the garden as a punishment.'],
    ur: ['ساتھ والے گھر میں باپ ہر روز اپنے بیٹے پر چیختا ہے، اسے بیوقوف کہتا ہے اور سزا کے طور پر باغ میں باہر بند کر دیتا ہے۔'],
  },
  alcohol_misuse: {
    en: ['The parents upstairs are drunk most afternoons and there are people coming and going all night. The children are left to look after themselves.'],
    pl: ['Rodzice z góry są pijani prawie każdego popołudnia, a w nocy ciągle ktoś przychodzi. Dzieci zostają same.'],
  },
};

const LANGUAGE_WEIGHTS: readonly (readonly [string, number])[] = [['en', 84], ['pl', 5], ['ro', 4], ['sk', 2], ['ur', 2.5], ['ar', 2.5]];
const LANGUAGE_NAMES: Record<string, string> = { en: 'English', pl: 'Polish', ro: 'Romanian', sk: 'Slovak', ur: 'Urdu', ar: 'Arabic' };

export async function seedPublicReportsDemo(db: Database, input: PublicReportsSeedInput): Promise<number> {
  const random = new Random(18_18);
  const today = londonDate(input.now);
  // Family members' and anonymous contacts about a child: about two in five came through the website.
  const candidates = await rows<{ id: string; source_code: string; referrer_name: string | null; received_at: Date; given_names: string; family_name: string; date_of_birth: string | null; gender: string | null; postcode: string | null }>(
    db,
    sql`select c.id, c.source_code, c.referrer_name, c.received_at, pn.given_names, pn.family_name, p.date_of_birth::text as date_of_birth, p.gender,
               (select pa.postcode from person_address pa where pa.person_id = p.id order by pa.from_date desc nulls last limit 1) as postcode
          from contact c
          join lateral (select cs.person_id from contact_subject cs where cs.contact_id = c.id and cs.role = 'subject_child' order by cs.created_at, cs.id limit 1) s on true
          join person p on p.id = s.person_id
          join person_name pn on pn.person_id = p.id and pn.is_primary
         where c.tenant_id = ${input.tenantId} and c.source_code in ('1A', '9') and c.channel <> 'public'
         order by md5(c.id::text)`,
  );
  const chosen = candidates.filter(() => random.chance(0.42));
  const reports: unknown[] = [];
  for (const c of chosen) {
    let lang = random.weighted(LANGUAGE_WEIGHTS);
    const receivedOn = londonDate(new Date(c.received_at));
    const age = c.date_of_birth ? ageOn(c.date_of_birth, receivedOn) : null;
    // What the reporter saw fits the child: the niece who was hit is a girl old enough to say so, the son shouted at a boy.
    const concern = random.weighted(
      ([['neglect', 4], ['domestic_abuse', 4], ['physical_abuse', 1.5], ['emotional_abuse', 1], ['alcohol_misuse', 1]] as const).filter(
        ([code]) => (code !== 'physical_abuse' || (c.gender === 'female' && (age ?? 0) >= 4)) && (code !== 'emotional_abuse' || (c.gender === 'male' && (age ?? 0) >= 5)),
      ),
    );
    const bank = WORRIES[concern]!;
    if (!bank[lang]) lang = 'en';
    const anonymous = c.source_code === '9' || random.chance(0.3);
    const knowsName = random.chance(0.6);
    const answers: ReportAnswers = {
      about: 'child',
      danger: 'no',
      who: c.source_code === '1A' ? 'family' : random.pick(['neighbour', 'neighbour', 'public'] as const),
      happening: random.pick(bank[lang]!.filter((text) => !text.includes('little boy') || (c.gender === 'male' && (age ?? 99) < 10))),
      subject: {
        givenNames: knowsName ? c.given_names : '',
        familyName: knowsName && random.chance(0.7) ? c.family_name : '',
        nameUnknown: !knowsName,
        age: age !== null && random.chance(0.7) ? String(age) : '',
        dobDay: '',
        dobMonth: '',
        dobYear: '',
        address: c.postcode ? `Near ${c.postcode}` : '',
        school: '',
      },
      aboutYou: anonymous
        ? { giveName: 'no', name: '', relationship: c.source_code === '1A' ? 'Family' : random.pick(['Neighbour', 'I live on the same road', '']) }
        : { giveName: 'yes', name: c.referrer_name ?? 'Not given', relationship: 'Family' },
      contact: anonymous || random.chance(0.5) ? { contactMe: 'no', phone: '', phoneSafe: '', email: '', emailSafe: '', when: '' } : { contactMe: 'yes', phone: `01632 96${random.int(1000, 9999)}`, phoneSafe: 'yes', email: '', emailSafe: '', when: random.pick(['Weekday mornings', 'After 6pm', 'Any time']) },
    };
    reports.push({
      id: c.id,
      language: lang,
      concern,
      anonymous,
      narrative: composeNarrative(answers, LANGUAGE_NAMES[lang]!),
      referrer: anonymous ? null : c.referrer_name,
      answers,
    });
  }
  if (reports.length === 0) return 0;
  const doc = JSON.stringify(reports);
  // One statement each: the contacts become the website's (their words, language and concerns), and the reports as given.
  await db.execute(sql`update contact c set channel = 'public', language = nullif(r.language, 'en'), narrative = r.narrative, concerns = array[r.concern],
                              referrer_name = r.referrer, referrer_role = null, source_code = case when r.anonymous and c.source_code = '9' then '9' else c.source_code end
                         from jsonb_to_recordset(${doc}::jsonb) as r(id uuid, language text, concern text, anonymous boolean, narrative text, referrer text)
                        where c.id = r.id`);
  await db.execute(sql`insert into public_report (tenant_id, contact_id, draft_id, language, about, answers, anonymous, received_at)
                       select ${input.tenantId}, r.id, gen_random_uuid(), r.language, 'child', r.answers, r.anonymous, c.received_at
                         from jsonb_to_recordset(${doc}::jsonb) as r(id uuid, language text, anonymous boolean, answers jsonb)
                         join contact c on c.id = r.id`);
  input.log(`public reports: ${reports.length} (${today})`);
  return reports.length;
}
