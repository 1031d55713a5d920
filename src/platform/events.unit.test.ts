import { describe, expect, it } from 'vitest';
import { type Database } from '../db/client.js';
import { Topic } from './events.js';

const tx = {} as Database;

describe('Topic', () => {
  it('prepares every subscriber side by side and keeps only what was prepared', async () => {
    const topic = new Topic<{ n: number }, { n: number }>('t');
    topic.subscribe({ name: 'a', prepare: async (b) => b.n * 2, handle: async () => undefined });
    topic.subscribe({ name: 'b', prepare: async () => undefined, handle: async () => undefined });
    topic.subscribe({ name: 'c', handle: async () => undefined });
    const prepared = await topic.prepare({ n: 21 });
    expect([...prepared.byName]).toEqual([['a', 42]]);
  });

  it('hands the event to subscribers in the order they subscribed, with what each prepared, and collects their reports', async () => {
    const order: string[] = [];
    const topic = new Topic<null, { kind: string }>('t');
    topic.subscribe<string>({ name: 'first', prepare: async () => 'ctx', handle: async (_tx, e, p) => void order.push(`first:${e.kind}:${p}`) });
    topic.subscribe({ name: 'second', handle: async (_tx, e) => (order.push(`second:${e.kind}`), { saw: e.kind }) });
    topic.subscribe({ name: 'empty', handle: async () => ({}) });
    const reported = await topic.publish(tx, { kind: 'x' }, await topic.prepare(null));
    expect(order).toEqual(['first:x:ctx', 'second:x']);
    expect(reported).toEqual({ second: { saw: 'x' } });
  });

  it('skips subscribers that do not want an event, and says whether anyone does', async () => {
    const topic = new Topic<null, { kind: string }>('t');
    let handled = 0;
    topic.subscribe({ name: 'only-y', wants: (e) => e.kind === 'y', handle: async () => void (handled += 1) });
    expect(topic.wanted({ kind: 'x' })).toBe(false);
    expect(topic.wanted({ kind: 'y' })).toBe(true);
    await topic.publish(tx, { kind: 'x' }, await topic.prepare(null));
    await topic.publish(tx, { kind: 'y' }, await topic.prepare(null));
    expect(handled).toBe(1);
    expect(new Topic<null, null>('none').wanted(null)).toBe(false);
  });

  it('lets a failure through (the caller’s transaction rolls back) and stops later subscribers', async () => {
    const topic = new Topic<null, null>('t');
    let later = false;
    topic.subscribe({ name: 'fails', handle: async () => Promise.reject(new Error('no')) });
    topic.subscribe({ name: 'later', handle: async () => void (later = true) });
    await expect(topic.publish(tx, null, await topic.prepare(null))).rejects.toThrow('no');
    expect(later).toBe(false);
  });

  it('refuses a second subscriber of the same name, and unsubscribes', async () => {
    const topic = new Topic<null, null>('t');
    const off = topic.subscribe({ name: 'a', handle: async () => undefined });
    expect(() => topic.subscribe({ name: 'a', handle: async () => undefined })).toThrow(/already registered/);
    expect(topic.subscriberNames).toEqual(['a']);
    off();
    expect(topic.subscriberNames).toEqual([]);
    topic.subscribe({ name: 'a', handle: async () => undefined });
  });
});
