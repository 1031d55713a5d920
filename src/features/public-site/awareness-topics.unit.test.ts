/**
 * The signs-of-abuse topics as data: both groups complete (the children's kinds from Working Together and KCSIE,
 * the adults' the Care Act guidance's ten types), each slug and page key once, every message in the English
 * catalogue with a list of signs, and the Easy Read page's points all there.
 */
import { describe, expect, it } from 'vitest';
import { EASY_READ_POINTS } from './awareness-routes.js';
import { SIGNS_GROUPS, SIGNS_TOPICS, findTopic, topicByPageKey, topicPath, topicsOf } from './awareness-topics.js';
import { readCatalogue } from './i18n.js';

const english = readCatalogue('en');

describe('the signs-of-abuse topics', () => {
  it('has ten kinds of abuse in each group, each slug and page key once', () => {
    for (const g of SIGNS_GROUPS) expect(topicsOf(g)).toHaveLength(10);
    const addresses = SIGNS_TOPICS.map((t) => `${t.group}/${t.slug}`);
    expect(new Set(addresses).size).toBe(addresses.length);
    expect(new Set(SIGNS_TOPICS.map((t) => t.pageKey)).size).toBe(SIGNS_TOPICS.length);
    for (const t of SIGNS_TOPICS) {
      expect(t.slug).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(t.pageKey).toBe(`signs.${t.group}.${t.slug}`);
    }
  });

  it('names the Care Act’s types for adults, self-neglect and modern slavery among them', () => {
    expect(topicsOf('adults').map((t) => t.slug)).toEqual(['physical', 'domestic-abuse', 'sexual', 'psychological', 'financial', 'modern-slavery', 'discriminatory', 'organisational', 'neglect', 'self-neglect']);
    expect(topicsOf('children').map((t) => t.slug)).toEqual(expect.arrayContaining(['neglect', 'sexual-exploitation', 'criminal-exploitation', 'fgm', 'online', 'radicalisation']));
  });

  it('has every message in the English catalogue: a name, a summary, what it is and at least four signs', () => {
    for (const t of SIGNS_TOPICS) {
      for (const key of Object.values(t.messages)) expect(english[key], key).toBeTruthy();
      expect(typeof english[t.messages.name]).toBe('string');
      expect(typeof english[t.messages.summary]).toBe('string');
      expect(Array.isArray(english[t.messages.what])).toBe(true);
      expect((english[t.messages.signs] as string[]).length).toBeGreaterThanOrEqual(4);
    }
    const names = SIGNS_TOPICS.map((t) => `${t.group}:${english[t.messages.name] as string}`);
    expect(new Set(names).size).toBe(names.length);
    for (const g of SIGNS_GROUPS) {
      expect(english[`signs.groups.${g}.title`]).toBeTruthy();
      expect(english[`signs.todo.${g}`]).toBeTruthy();
      expect(english[`signs.topic.caption.${g}`]).toBeTruthy();
    }
    for (const p of EASY_READ_POINTS) expect(english[p.key], p.key).toBeTruthy();
  });

  it('finds a topic by its address or page key, and nothing else', () => {
    expect(findTopic('adults', 'financial')?.pageKey).toBe('signs.adults.financial');
    expect(findTopic('children', 'financial')).toBeUndefined();
    expect(findTopic('adults', 'constructor')).toBeUndefined();
    expect(topicByPageKey('signs.children.neglect')?.group).toBe('children');
    expect(topicByPageKey('signs.nothing')).toBeUndefined();
    expect(topicPath('ur', findTopic('children', 'fgm')!)).toBe('/help/ur/signs-of-abuse/children/fgm');
  });
});
