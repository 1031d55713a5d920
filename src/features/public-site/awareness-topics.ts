/**
 * The signs-of-abuse pages as data: each kind of abuse of children (Working Together to Safeguard Children 2023 and
 * Keeping Children Safe in Education) and of adults (the Care and Support statutory guidance, chapter 14: the Care
 * Act 2014's types), with its address, the page key its views are counted under and its messages in the public
 * site's catalogue (`messages/en/signs.json`). The words are the partnership's own, in plain English.
 */
import { publicPath } from './paths.js';

export const SIGNS_GROUPS = ['children', 'adults'] as const;
export type SignsGroup = (typeof SIGNS_GROUPS)[number];

export interface SignsTopic {
  group: SignsGroup;
  /** In the address: `/help/<lang>/signs-of-abuse/<group>/<slug>`. */
  slug: string;
  /** Counted in `public_page_count` as `signs.<group>.<slug>` (a campaign points to a topic by this key). */
  pageKey: string;
  /** Its messages: `<base>.name`, `.summary`, `.what` (paragraphs), `.signs` (a list) and, for some, `.more` (paragraphs). */
  messages: { name: string; summary: string; what: string; signs: string; more?: string };
}

/** Each topic has a name, a one-line summary, what it is and its signs; `more` where there is something particular to do. */
function topic(group: SignsGroup, slug: string, key: string, more = false): SignsTopic {
  const base = `signs.${group}.${key}`;
  return {
    group,
    slug,
    pageKey: `signs.${group}.${slug}`,
    messages: { name: `${base}.name`, summary: `${base}.summary`, what: `${base}.what`, signs: `${base}.signs`, ...(more ? { more: `${base}.more` } : {}) },
  };
}

export const SIGNS_TOPICS: readonly SignsTopic[] = [
  topic('children', 'physical', 'physical'),
  topic('children', 'emotional', 'emotional'),
  topic('children', 'sexual', 'sexual'),
  topic('children', 'neglect', 'neglect'),
  topic('children', 'sexual-exploitation', 'sexualExploitation'),
  topic('children', 'criminal-exploitation', 'criminalExploitation', true),
  topic('children', 'fgm', 'fgm', true),
  topic('children', 'online', 'online', true),
  topic('children', 'domestic-abuse', 'domesticAbuse'),
  topic('children', 'radicalisation', 'radicalisation', true),
  topic('adults', 'physical', 'physical'),
  topic('adults', 'domestic-abuse', 'domesticAbuse', true),
  topic('adults', 'sexual', 'sexual'),
  topic('adults', 'psychological', 'psychological'),
  topic('adults', 'financial', 'financial', true),
  topic('adults', 'modern-slavery', 'modernSlavery', true),
  topic('adults', 'discriminatory', 'discriminatory'),
  topic('adults', 'organisational', 'organisational'),
  topic('adults', 'neglect', 'neglect'),
  topic('adults', 'self-neglect', 'selfNeglect', true),
];

export function isSignsGroup(x: string): x is SignsGroup {
  return (SIGNS_GROUPS as readonly string[]).includes(x);
}

/** The topic at an address, if there is one. */
export function findTopic(group: string, slug: string): SignsTopic | undefined {
  return SIGNS_TOPICS.find((t) => t.group === group && t.slug === slug);
}

/** The topic counted under a page key ("signs.adults.financial"), for a campaign that points to one. */
export function topicByPageKey(pageKey: string): SignsTopic | undefined {
  return SIGNS_TOPICS.find((t) => t.pageKey === pageKey);
}

export function topicsOf(group: SignsGroup): SignsTopic[] {
  return SIGNS_TOPICS.filter((t) => t.group === group);
}

export function topicPath(lang: string, t: SignsTopic): string {
  return publicPath('signsTopic', { lang, group: t.group, topic: t.slug });
}
