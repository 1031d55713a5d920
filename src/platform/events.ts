/**
 * Domain events raised inside a transaction and handled by subscribers in the same transaction, so a subscriber's
 * work commits or rolls back with the change that raised it (ADR 0010).
 *
 * A capability publishes a topic (`new Topic<Before, Event>('contact.received')`); another capability subscribes to
 * it in the composition root (`services.ts`), never by being called from inside the publisher's code. A
 * subscriber has two steps:
 *
 * - `prepare(before)`: reads what it needs before the transaction opens (areas' set-up, calendars, users to tell).
 *   On PGlite there is one connection, so nothing may read through the shared handle once a transaction holds it;
 *   `prepare` is where those reads go. It returns `undefined` when the subscriber has nothing to do.
 * - `handle(tx, event, prepared)`: writes through `tx`. What it returns is merged into the publisher's audit event
 *   under the subscriber's name, so one event accounts for everything the change started.
 *
 * A subscriber that throws rolls the whole transaction back: the publisher's change is not made without it.
 */
import { type Database } from '../db/client.js';

export interface Subscriber<Before, Event, Prepared = unknown> {
  /** Names the subscriber in audit details and in errors (e.g. "domesticAbuse"). */
  readonly name: string;
  /** Whether this event concerns the subscriber at all (decided from the event, before any read). */
  wants?(event: Event): boolean;
  prepare?(before: Before): Promise<Prepared | undefined>;
  handle(tx: Database, event: Event, prepared: Prepared | undefined): Promise<Record<string, unknown> | void>;
}

/** What every subscriber prepared for one transaction (or for a run of them, e.g. a chunk of a police file). */
export class Prepared {
  constructor(readonly byName: ReadonlyMap<string, unknown>) {}
}

export class Topic<Before, Event> {
  private readonly subscribers: Subscriber<Before, Event, never>[] = [];

  constructor(readonly name: string) {}

  /** Adds a subscriber; returns a function that removes it (tests). */
  subscribe<P>(subscriber: Subscriber<Before, Event, P>): () => void {
    if (this.subscribers.some((s) => s.name === subscriber.name)) throw new Error(`${this.name}: a subscriber named ${subscriber.name} is already registered`);
    const s = subscriber as unknown as Subscriber<Before, Event, never>;
    this.subscribers.push(s);
    return () => {
      const i = this.subscribers.indexOf(s);
      if (i >= 0) this.subscribers.splice(i, 1);
    };
  }

  get subscriberNames(): string[] {
    return this.subscribers.map((s) => s.name);
  }

  /** Whether any subscriber wants this event (publishers use it to skip work done only for subscribers). */
  wanted(event: Event): boolean {
    return this.subscribers.some((s) => !s.wants || s.wants(event));
  }

  /** Runs every subscriber's `prepare`, side by side, before the transaction. */
  async prepare(before: Before): Promise<Prepared> {
    const entries = await Promise.all(this.subscribers.map(async (s) => [s.name, s.prepare ? await s.prepare(before) : undefined] as const));
    return new Prepared(new Map(entries.filter(([, v]) => v !== undefined)));
  }

  /**
   * Hands the event to every subscriber that wants it, one after another in the order they subscribed, inside
   * `tx`. Returns what they reported, keyed by subscriber name (only those that reported something).
   */
  async publish(tx: Database, event: Event, prepared: Prepared): Promise<Record<string, Record<string, unknown>>> {
    const reported: Record<string, Record<string, unknown>> = {};
    for (const s of [...this.subscribers]) {
      if (s.wants && !s.wants(event)) continue;
      const result = await s.handle(tx, event, prepared.byName.get(s.name) as never);
      if (result && Object.keys(result).length > 0) reported[s.name] = result;
    }
    return reported;
  }
}
