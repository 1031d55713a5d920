/**
 * The public site's directory and campaigns as data: the needs a service can meet (the gaps the peer review named
 * among them: male victims, LGBT+ victims, forced marriage and honour-based abuse), who it is for, where, and when an
 * entry has grown old and must be checked again.
 */
import { list } from './codes.js';
import { addDays } from './time.js';

export const HELP_NEEDS = list({
  domestic_abuse: 'Domestic abuse',
  idva: 'Independent domestic violence advisers (IDVA)',
  male_victims: 'Male victims',
  lgbt: 'LGBT+ victims',
  sexual_violence: 'Rape and sexual violence',
  forced_marriage: 'Forced marriage and honour-based abuse',
  children: 'Worried about a child',
  early_help: 'Early help for families',
  adults: 'Worried about an adult',
  mental_health: 'Mental health',
  housing: 'Housing and homelessness',
  exploitation: 'Exploitation and modern slavery',
  perpetrators: 'Help to change abusive behaviour',
});

export const HELP_AGES = list({
  children: 'Children (under 13)',
  young_people: 'Young people (13 to 25)',
  adults: 'Adults',
  older_people: 'Older people',
});

export const HELP_AREAS = list({
  national: 'National (anywhere in the country)',
  borough: 'The whole borough',
  north: 'North of the borough',
  south: 'South of the borough',
  east: 'East of the borough',
  west: 'West of the borough',
  central: 'Town centre',
});

export const CAMPAIGN_BOARDS = list({
  children: 'Children’s safeguarding partnership',
  adults: 'Safeguarding adults board',
  community_safety: 'Community safety partnership (domestic abuse)',
});

/** An entry unchecked for this many days is out of date: it is marked on the business unit's pages and a reminder is sent. */
export const HELP_ENTRY_STALE_AFTER_DAYS = 183;

/** The day an entry checked on `lastCheckedOn` falls out of date. */
export function staleFrom(lastCheckedOn: string): string {
  return addDays(lastCheckedOn, HELP_ENTRY_STALE_AFTER_DAYS);
}

export function isStale(lastCheckedOn: string, today: string): boolean {
  return staleFrom(lastCheckedOn) <= today;
}

/** A reminder is due when the entry is out of date and none has been sent since it was last checked. */
export function reminderDue(entry: { lastCheckedOn: string; reminderSentOn: string | null; archived: boolean }, today: string): boolean {
  if (entry.archived || !isStale(entry.lastCheckedOn, today)) return false;
  return entry.reminderSentOn === null || entry.reminderSentOn < entry.lastCheckedOn;
}

/** A campaign is live from its first day to its last, inclusive. */
export function campaignState(c: { startsOn: string; endsOn: string }, today: string): 'upcoming' | 'live' | 'ended' {
  if (today < c.startsOn) return 'upcoming';
  return today > c.endsOn ? 'ended' : 'live';
}
