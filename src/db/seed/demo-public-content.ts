/**
 * Demo content for Fernmoor's public site (issue 18): the "Find help" directory and the partnership's awareness
 * campaigns.
 *
 * - About 40 services covering every need the directory knows — domestic abuse helplines and the borough's IDVA
 *   service, early help, adult social care, children's services (the front door), mental health, housing, sexual
 *   violence, forced marriage and honour-based abuse, male victims, LGBT+ victims, exploitation and programmes for
 *   people who harm — national and local. National helplines carry their well-known public numbers (organisations,
 *   not people); local services are invented: "Fernmoor …", phone numbers in Ofcom's drama range (01632 960xxx),
 *   emails at example.org and websites under https://example.org/. Each was last checked on a day in the past year,
 *   a few more than six months ago (out of date, so the reminder and the "Out of date" tag have something to show);
 *   one is archived.
 * - The year's campaigns with real-feeling dates: the adults' board's "Recognise, Respond, Report" across the
 *   year, Safer Internet Day (the second Tuesday of February), a children's board campaign on neglect, Safeguarding
 *   Adults Week in November, 16 Days of Action against domestic abuse (25 November to 10 December), last year's
 *   16 Days (ended) and one about scams still to come. Each annual campaign is this year's when it has not ended,
 *   else next year's.
 *
 * Deterministic; every row is marked synthetic.
 */
import { sql } from 'drizzle-orm';
import { type Database } from '../client.js';
import { addDays, dayOfWeek, formatLocalDate, londonDate, parseLocalDate } from '../../domain/time.js';

export interface PublicContentSeedInput {
  tenantId: string;
  /** The part before @ of the demo users' emails → user id. */
  userIds: ReadonlyMap<string, string>;
  now: Date;
  log: (message: string) => void;
}

interface Entry {
  name: string;
  summary: string;
  needs: string[];
  ages: string[];
  areas: string[];
  phone?: string;
  text?: string;
  email?: string;
  website?: string;
  hours?: string;
  open24?: boolean;
  languages?: string;
  archived?: boolean;
}

const ALL_AGES = ['children', 'young_people', 'adults', 'older_people'];
const ADULTS = ['adults', 'older_people'];
const YOUNG_AND_ADULTS = ['young_people', 'adults', 'older_people'];
const OFFICE = 'Monday to Friday, 9am to 5pm';

const ENTRIES: Entry[] = [
  // ——— national helplines (organisations' public numbers) ———
  { name: 'National Domestic Abuse Helpline', summary: 'Free, confidential support for anyone experiencing domestic abuse, and for those worried about someone. It can help you find a safe place to stay.', needs: ['domestic_abuse'], ages: YOUNG_AND_ADULTS, areas: ['national'], phone: '0808 2000 247', website: 'https://www.nationaldahelpline.org.uk', open24: true, hours: 'Live chat Monday to Friday, 3pm to 10pm', languages: 'Interpreters for any language, and British Sign Language' },
  { name: 'Men’s Advice Line', summary: 'Confidential help and advice for men experiencing domestic abuse from a partner, ex-partner or family member.', needs: ['domestic_abuse', 'male_victims'], ages: YOUNG_AND_ADULTS, areas: ['national'], phone: '0808 8010 327', website: 'https://mensadviceline.org.uk', hours: 'Monday to Friday, 10am to 8pm', languages: 'Interpreters on request' },
  { name: 'ManKind Initiative', summary: 'Information and support for men who are victims of domestic abuse, and for their friends and family.', needs: ['domestic_abuse', 'male_victims'], ages: ADULTS, areas: ['national'], phone: '01823 334244', website: 'https://www.mankind.org.uk', hours: 'Monday to Friday, 10am to 4pm' },
  { name: 'Galop: LGBT+ Domestic Abuse Helpline', summary: 'Emotional and practical support for LGBT+ people experiencing domestic abuse, including from family members, and for those facing conversion practices.', needs: ['domestic_abuse', 'lgbt'], ages: YOUNG_AND_ADULTS, areas: ['national'], phone: '0800 999 5428', website: 'https://galop.org.uk', hours: 'Monday to Thursday, 10am to 8pm; Friday, 10am to 5pm' },
  { name: 'Forced Marriage Unit', summary: 'Government advice and help if you are worried you or someone you know will be forced into marriage, in the UK or abroad.', needs: ['forced_marriage'], ages: ['young_people', 'adults'], areas: ['national'], phone: '020 7008 0151', website: 'https://www.gov.uk/guidance/forced-marriage', hours: 'Monday to Friday, 9am to 5pm. Out of hours, call 020 7008 5000' },
  { name: 'Karma Nirvana: Honour-Based Abuse Helpline', summary: 'Support for anyone affected by honour-based abuse or forced marriage, and advice for professionals.', needs: ['forced_marriage', 'domestic_abuse'], ages: YOUNG_AND_ADULTS, areas: ['national'], phone: '0800 5999 247', website: 'https://karmanirvana.org.uk', hours: 'Monday to Friday, 9am to 5pm', languages: 'Interpreters on request' },
  { name: 'Rape Crisis 24/7 Support Line', summary: 'Free, confidential support for anyone aged 16 or over affected by rape, sexual abuse or sexual harassment, whenever it happened.', needs: ['sexual_violence'], ages: YOUNG_AND_ADULTS, areas: ['national'], phone: '0808 500 2222', website: 'https://247sexualabusesupport.org.uk', open24: true },
  { name: 'Samaritans', summary: 'Someone to talk to, whatever you are going through. You do not have to be suicidal to call.', needs: ['mental_health'], ages: ALL_AGES, areas: ['national'], phone: '116 123', website: 'https://www.samaritans.org', open24: true },
  { name: 'Shout', summary: 'A free, confidential text service for anyone struggling to cope.', needs: ['mental_health'], ages: ['young_people', 'adults'], areas: ['national'], text: '85258', website: 'https://giveusashout.org', open24: true },
  { name: 'Childline', summary: 'Free, private help for children and young people under 19, about anything that is worrying them.', needs: ['children', 'mental_health', 'sexual_violence'], ages: ['children', 'young_people'], areas: ['national'], phone: '0800 1111', website: 'https://www.childline.org.uk', open24: true, hours: 'Online chat 9am to midnight' },
  { name: 'NSPCC Helpline', summary: 'Advice for adults worried about a child. You can stay anonymous.', needs: ['children'], ages: ['children', 'young_people'], areas: ['national'], phone: '0808 800 5000', website: 'https://www.nspcc.org.uk', hours: 'Monday to Friday, 10am to 8pm; weekends, 9am to 6pm' },
  { name: 'Respect Phoneline', summary: 'Confidential help for people who are abusive towards a partner or family member and want to stop.', needs: ['perpetrators', 'domestic_abuse'], ages: ADULTS, areas: ['national'], phone: '0808 802 4040', website: 'https://respectphoneline.org.uk', hours: 'Monday to Friday, 10am to 5pm' },
  { name: 'Stop It Now', summary: 'Confidential help for anyone worried about their own sexual thoughts or behaviour towards children, or someone else’s.', needs: ['perpetrators', 'children'], ages: ADULTS, areas: ['national'], phone: '0808 1000 900', website: 'https://www.stopitnow.org.uk', hours: 'Monday to Thursday, 9am to 9pm; Friday, 9am to 5pm' },
  { name: 'Modern Slavery and Exploitation Helpline', summary: 'Report a worry about modern slavery or exploitation, or get help if it is happening to you.', needs: ['exploitation'], ages: ALL_AGES, areas: ['national'], phone: '08000 121 700', website: 'https://www.modernslaveryhelpline.org', open24: true, languages: 'Interpreters for over 200 languages' },
  { name: 'Shelter Emergency Helpline', summary: 'Advice if you are homeless, about to lose your home or living somewhere unsafe.', needs: ['housing'], ages: ADULTS, areas: ['national'], phone: '0808 800 4444', website: 'https://england.shelter.org.uk', hours: 'Monday to Friday, 8am to 8pm; weekends, 9am to 5pm' },
  { name: 'Hourglass', summary: 'Support for older people experiencing abuse or neglect, and for anyone worried about an older person.', needs: ['adults', 'domestic_abuse'], ages: ['older_people'], areas: ['national'], phone: '0808 808 8141', website: 'https://wearehourglass.org', open24: true },
  { name: 'Revenge Porn Helpline', summary: 'Help for adults whose intimate images have been shared without their consent, or who are threatened with it.', needs: ['sexual_violence', 'domestic_abuse'], ages: ['adults'], areas: ['national'], phone: '0345 6000 459', website: 'https://revengepornhelpline.org.uk', hours: 'Monday to Friday, 10am to 4pm' },
  { name: 'The Mix', summary: 'Free, confidential support for young people under 25 about anything, from mental health to money and relationships.', needs: ['mental_health', 'housing'], ages: ['young_people'], areas: ['national'], phone: '0808 808 4994', text: '85258', website: 'https://www.themix.org.uk', hours: 'Every day, 3pm to midnight' },

  // ——— Fernmoor's services (invented) ———
  { name: 'Fernmoor Children’s Services Front Door', summary: 'Tell us if you are worried that a child is being harmed or neglected. Our multi-agency team decides what help the family needs.', needs: ['children'], ages: ['children', 'young_people'], areas: ['borough'], phone: '01632 960 100', email: 'childrens.frontdoor@example.org', website: 'https://example.org/fernmoor/children', hours: 'Monday to Thursday, 8:45am to 5:15pm; Friday, 8:45am to 4:45pm. At other times call 01632 960 199', languages: 'Interpreters for any language' },
  { name: 'Fernmoor Adult Social Care: Safeguarding Adults', summary: 'Tell us if you are worried that an adult with care and support needs is being abused or neglected.', needs: ['adults'], ages: ADULTS, areas: ['borough'], phone: '01632 960 200', email: 'safeguarding.adults@example.org', website: 'https://example.org/fernmoor/adults', hours: 'Monday to Friday, 9am to 5pm. At other times call 01632 960 199', languages: 'Interpreters for any language' },
  { name: 'Fernmoor Emergency Duty Team', summary: 'Urgent social care help for children and adults in the evening, at weekends and on bank holidays.', needs: ['children', 'adults'], ages: ALL_AGES, areas: ['borough'], phone: '01632 960 199', hours: 'Weekdays 5pm to 9am, and all day at weekends and on bank holidays' },
  { name: 'Fernmoor Domestic Abuse Service (IDVA)', summary: 'Independent domestic violence advisers (IDVAs) support people at high risk of harm from a partner or family member: safety planning, court and housing.', needs: ['domestic_abuse', 'idva'], ages: ['young_people', 'adults', 'older_people'], areas: ['borough'], phone: '01632 960 300', email: 'idva.service@example.org', website: 'https://example.org/fernmoor/idva', hours: OFFICE, languages: 'Polish and Urdu speaking advisers; interpreters for other languages' },
  { name: 'Fernmoor Women’s Aid', summary: 'Outreach, drop-ins, a women’s refuge and groups for women and children affected by domestic abuse.', needs: ['domestic_abuse', 'housing'], ages: ['children', 'young_people', 'adults'], areas: ['borough'], phone: '01632 960 310', email: 'womens.aid@example.org', website: 'https://example.org/fernmoor/womens-aid', open24: true, hours: 'Refuge line open 24 hours. Drop-in Tuesday and Thursday, 10am to 2pm', languages: 'Polish, Romanian and Arabic' },
  { name: 'Fernmoor Men’s Domestic Abuse Support', summary: 'One-to-one support and a weekly group for men experiencing abuse from a partner or family member.', needs: ['domestic_abuse', 'male_victims'], ages: ADULTS, areas: ['borough'], phone: '01632 960 320', email: 'men.support@example.org', hours: 'Monday to Friday, 9am to 5pm; group Wednesday evenings' },
  { name: 'Fernmoor Pride Outreach', summary: 'Domestic abuse and hate crime support for LGBT+ people who live or work in the borough.', needs: ['domestic_abuse', 'lgbt'], ages: YOUNG_AND_ADULTS, areas: ['borough'], phone: '01632 960 330', email: 'pride.outreach@example.org', website: 'https://example.org/fernmoor/pride', hours: 'Tuesday to Friday, 10am to 6pm' },
  { name: 'Fernmoor Honour Project', summary: 'Confidential help for anyone facing forced marriage, honour-based abuse or female genital mutilation, in their own language.', needs: ['forced_marriage', 'domestic_abuse'], ages: ['young_people', 'adults'], areas: ['borough'], phone: '01632 960 340', email: 'honour.project@example.org', hours: OFFICE, languages: 'Urdu, Punjabi, Bengali, Arabic and Somali' },
  { name: 'Fernmoor Sexual Assault Referral Centre', summary: 'Medical care, forensic examinations and emotional support after rape or sexual assault, whether or not you tell the police.', needs: ['sexual_violence'], ages: ALL_AGES, areas: ['borough'], phone: '01632 960 350', website: 'https://example.org/fernmoor/sarc', open24: true },
  { name: 'Fernmoor Rape and Sexual Abuse Support', summary: 'Counselling and advocacy (ISVAs) for people of any age affected by sexual violence, recent or in the past.', needs: ['sexual_violence', 'male_victims'], ages: ALL_AGES, areas: ['borough'], phone: '01632 960 360', email: 'sexual.abuse.support@example.org', hours: 'Monday to Friday, 9am to 7pm' },
  { name: 'Fernmoor Young People’s Relationship Service', summary: 'Support for 13 to 19 year olds about healthy relationships, abuse by a boyfriend or girlfriend, and abuse at home.', needs: ['domestic_abuse', 'children'], ages: ['young_people'], areas: ['borough'], phone: '01632 960 370', text: '07700 900 370', email: 'young.people@example.org', hours: 'Monday to Friday, 10am to 6pm' },
  { name: 'Fernmoor Change Programme', summary: 'A group programme for men and women who have been abusive to a partner and want to change, with support for their partners.', needs: ['perpetrators', 'domestic_abuse'], ages: ADULTS, areas: ['borough'], phone: '01632 960 380', email: 'change.programme@example.org', hours: OFFICE },
  { name: 'Fernmoor Exploitation Hub', summary: 'Help for young people at risk of criminal or sexual exploitation, county lines or trafficking, and for their families.', needs: ['exploitation', 'children'], ages: ['children', 'young_people'], areas: ['borough'], phone: '01632 960 390', email: 'exploitation.hub@example.org', hours: OFFICE },
  { name: 'Fernmoor Early Help Hub: North', summary: 'Family support workers who help with parenting, school attendance, money worries and more, before things reach crisis.', needs: ['early_help'], ages: ['children', 'young_people'], areas: ['north'], phone: '01632 960 410', email: 'earlyhelp.north@example.org', website: 'https://example.org/fernmoor/early-help', hours: OFFICE },
  { name: 'Fernmoor Early Help Hub: South', summary: 'Family support workers who help with parenting, school attendance, money worries and more, before things reach crisis.', needs: ['early_help'], ages: ['children', 'young_people'], areas: ['south', 'west'], phone: '01632 960 420', email: 'earlyhelp.south@example.org', website: 'https://example.org/fernmoor/early-help', hours: OFFICE },
  { name: 'Fernmoor Family Hub: Town Centre', summary: 'Groups for babies and toddlers, parenting courses, health visitors and advice for families, all in one place.', needs: ['early_help'], ages: ['children'], areas: ['central', 'east'], phone: '01632 960 430', email: 'familyhub.central@example.org', hours: 'Monday to Friday, 9am to 4:30pm; Saturday, 10am to 1pm', languages: 'Polish, Slovak and Romanian speaking staff' },
  { name: 'Fernmoor Talking Therapies', summary: 'Free NHS talking therapies for anxiety, low mood and stress. You can refer yourself.', needs: ['mental_health'], ages: ['young_people', 'adults', 'older_people'], areas: ['borough'], phone: '01632 960 440', website: 'https://example.org/fernmoor/talking-therapies', hours: 'Monday to Friday, 8am to 8pm', languages: 'Interpreters for any language' },
  { name: 'Fernmoor Mental Health Crisis Line', summary: 'Urgent help if you or someone you care for is in a mental health crisis.', needs: ['mental_health'], ages: ALL_AGES, areas: ['borough'], phone: '01632 960 450', open24: true },
  { name: 'Fernmoor Housing Options', summary: 'Help if you are homeless or about to be, including safe housing if you are fleeing domestic abuse.', needs: ['housing', 'domestic_abuse'], ages: ['young_people', 'adults', 'older_people'], areas: ['borough'], phone: '01632 960 460', email: 'housing.options@example.org', website: 'https://example.org/fernmoor/housing', hours: 'Monday to Friday, 9am to 5pm. Out of hours, call 01632 960 199' },
  { name: 'Fernmoor Sanctuary Scheme', summary: 'Extra security for your home so you can stay there safely if you are at risk of domestic abuse.', needs: ['housing', 'domestic_abuse'], ages: ADULTS, areas: ['north', 'east', 'central'], phone: '01632 960 470', email: 'sanctuary@example.org', hours: OFFICE },
  { name: 'Fernmoor Older People’s Advice', summary: 'Advice, befriending and help to stay safe at home for people over 60, including from scams and financial abuse.', needs: ['adults'], ages: ['older_people'], areas: ['borough'], phone: '01632 960 480', email: 'older.people@example.org', hours: 'Monday to Friday, 9:30am to 4pm' },
  { name: 'Fernmoor Youth Counselling', summary: 'Free counselling for young people aged 11 to 25, in person in the town centre or online.', needs: ['mental_health'], ages: ['young_people'], areas: ['central'], phone: '01632 960 490', text: '07700 900 490', website: 'https://example.org/fernmoor/youth-counselling', hours: 'Monday to Friday, 12pm to 8pm' },
  { name: 'Fernmoor Women’s Drop-in (closed)', summary: 'A weekly drop-in for women affected by abuse. It closed in the spring: Fernmoor Women’s Aid runs drop-ins instead.', needs: ['domestic_abuse'], ages: ['adults'], areas: ['west'], phone: '01632 960 499', hours: 'Fridays, 10am to 12pm', archived: true },
];

/** Entries last checked more than six months ago (out of date in the demo), by position. */
const OUT_OF_DATE = new Set([4, 13, 22, 30, 36]);

function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  let d = formatLocalDate(year, month, 1);
  while (dayOfWeek(d) !== weekday) d = addDays(d, 1);
  return addDays(d, 7 * (n - 1));
}

function onOrAfter(date: string, weekday: number): string {
  let d = date;
  while (dayOfWeek(d) !== weekday) d = addDays(d, 1);
  return d;
}

export async function seedPublicContentDemo(db: Database, input: PublicContentSeedInput): Promise<{ services: number; campaigns: number }> {
  const { tenantId, now } = input;
  const today = londonDate(now);
  const checker = input.userIds.get('business-unit') ?? null;
  const services = ENTRIES.map((e, i) => {
    const ago = OUT_OF_DATE.has(i) ? 190 + ((i * 41) % 160) : (i * 23) % 170;
    return {
      tenant_id: tenantId,
      name: e.name,
      summary: e.summary,
      needs: e.needs,
      ages: e.ages,
      areas: e.areas,
      phone: e.phone ?? null,
      text_number: e.text ?? null,
      email: e.email ?? null,
      website: e.website ?? null,
      opening_hours: e.hours ?? null,
      open_24_hours: e.open24 ?? false,
      languages: e.languages ?? null,
      last_checked_on: addDays(today, -ago),
      last_checked_by_user_id: checker,
      archived_at: e.archived ? `${addDays(today, -120)}T10:00:00Z` : null,
      synthetic: true,
    };
  });
  await db.execute(sql`insert into help_service (tenant_id, name, summary, needs, ages, areas, phone, text_number, email, website, opening_hours, open_24_hours, languages,
      last_checked_on, last_checked_by_user_id, archived_at, synthetic)
    select tenant_id, name, summary, needs, ages, areas, phone, text_number, email, website, opening_hours, open_24_hours, languages, last_checked_on, last_checked_by_user_id, archived_at, synthetic
      from json_populate_recordset(null::help_service, ${JSON.stringify(services)}::json)`);

  // The next occurrence of an annual campaign: this year's unless it has ended.
  const year = parseLocalDate(today).year;
  const annual = (dates: (y: number) => [string, string]): [string, string] => {
    const [s, e] = dates(year);
    return e >= today ? [s, e] : dates(year + 1);
  };
  const fy = parseLocalDate(today).month >= 4 ? year : year - 1;
  const sixteenDays = (y: number): [string, string] => [formatLocalDate(y, 11, 25), formatLocalDate(y, 12, 10)];
  const lastSixteen = sixteenDays(year)[1] < today ? sixteenDays(year) : sixteenDays(year - 1);
  const campaigns: { board: string; title: string; summary: string; dates: [string, string]; pageKey: string | null }[] = [
    {
      board: 'adults',
      title: 'Recognise, Respond, Report',
      summary: 'Abuse and neglect of adults can happen anywhere: at home, in a care home or online. Learn to recognise the signs, respond kindly and report your worry. You do not have to be sure.',
      dates: [formatLocalDate(fy, 4, 1), formatLocalDate(fy + 1, 3, 31)],
      pageKey: 'signs.adults.neglect',
    },
    {
      board: 'children',
      title: 'Safer Internet Day',
      summary: 'Talk to the children in your life about what they do online, who they talk to and what to do if something worries them.',
      dates: annual((y) => {
        const d = nthWeekday(y, 2, 2, 2);
        return [d, d];
      }),
      pageKey: 'signs.children.online',
    },
    {
      board: 'children',
      title: 'Neglect: see it, say it',
      summary: 'A child who is often hungry, dirty, left alone or missing school may be neglected. If you are worried, tell us: early help can stop things getting worse.',
      dates: annual((y) => [formatLocalDate(y, 10, 1), formatLocalDate(y, 10, 31)]),
      pageKey: 'signs.children.neglect',
    },
    {
      board: 'adults',
      title: 'Safeguarding Adults Week',
      summary: 'A week of events and free sessions on keeping adults safe, from scams and financial abuse to self-neglect.',
      dates: annual((y) => {
        const s = onOrAfter(formatLocalDate(y, 11, 16), 1);
        return [s, addDays(s, 6)];
      }),
      pageKey: 'signs.adults.financial',
    },
    {
      board: 'community_safety',
      title: '16 Days of Action against domestic abuse',
      summary: 'From 25 November to 10 December we ask everyone to learn the signs of domestic abuse, including coercive control, and where to get help.',
      dates: annual(sixteenDays),
      pageKey: 'signs.adults.domestic-abuse',
    },
    {
      board: 'community_safety',
      title: '16 Days of Action against domestic abuse (last year)',
      summary: 'Last year’s 16 Days of Action: events across the borough and a campaign on coercive control.',
      dates: lastSixteen,
      pageKey: null,
    },
    {
      board: 'adults',
      title: 'Stop the scammers',
      summary: 'Scams cost older people their savings and their confidence. Find out how to spot a scam and how to help someone who has been targeted.',
      dates: [addDays(today, 21), addDays(today, 34)],
      pageKey: 'signs.adults.financial',
    },
  ];
  const rows = campaigns
    .filter((c, i, all) => all.findIndex((o) => o.title === c.title && o.dates[0] === c.dates[0]) === i)
    .map((c) => ({ tenant_id: tenantId, board: c.board, title: c.title, summary: c.summary, starts_on: c.dates[0], ends_on: c.dates[1], page_key: c.pageKey, synthetic: true }));
  await db.execute(sql`insert into awareness_campaign (tenant_id, board, title, summary, starts_on, ends_on, page_key, synthetic)
    select tenant_id, board, title, summary, starts_on, ends_on, page_key, synthetic from json_populate_recordset(null::awareness_campaign, ${JSON.stringify(rows)}::json)`);
  input.log(`public content: ${services.length} Find help entries (${OUT_OF_DATE.size} out of date), ${rows.length} campaigns`);
  return { services: services.length, campaigns: rows.length };
}
