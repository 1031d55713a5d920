/**
 * Sign-in throttling that neither reveals which accounts exist nor lets anyone lock an officer out.
 *
 * Failed passwords and second-factor codes are counted in three scopes, in PostgreSQL (so every app process sees
 * the same counts), each forgotten `windowMinutes` after its last failure:
 *
 * - **pair**: one account (the normalised email address typed, whether or not an account has it) from one source.
 *   The source is the browser's *known device* cookie when it carries one issued to that account after a
 *   successful sign-in, otherwise the client address (an IPv6 address counts by its /64).
 * - **source**: one client address, across accounts (an address spraying many accounts).
 * - **account**: one account, across addresses, counting only attempts from devices not known for it (many
 *   addresses guessing one account's password).
 *
 * After `freeAttempts` (pair), `sourceFreeAttempts` or `accountFreeAttempts` failures, the next attempt in that
 * scope must wait `baseDelaySeconds`, doubling with each further failure up to `maxDelaySeconds`; an attempt made
 * sooner is answered 429 with Retry-After without checking the password. Attempts from the account's known device
 * are counted only in their own pair, so an attacker elsewhere cannot slow the officer at their own desk. There
 * is no lock: every delay ends.
 *
 * Unknown accounts take exactly the same path: the counters are keyed by what was typed, never by whether it
 * exists. Keys are HMACs under a key derived from THRESHOLD_SECRET, so no email or IP address is stored in clear.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type SignInThrottleConfig } from '../../config.js';
import { type Database, asDate, rows } from '../../db/client.js';
import { deriveKey, randomToken } from '../../platform/crypto.js';

export type ThrottleScope = 'pair' | 'source' | 'account';

/** Where an attempt comes from: the client address, and the known-device cookie's value (already unsigned). */
export interface AttemptSource {
  ip: string;
  device: string | undefined;
}

/** One attempt's counters: which keys it is checked against and counted in. */
export interface ThrottleSubject {
  /** HMAC of the normalised email address: an opaque id for the account tried, known or not. */
  accountHash: string;
  /** The browser holds a known-device cookie issued to this account. */
  deviceKnown: boolean;
  keys: { scope: ThrottleScope; keyHash: string }[];
}

export interface Wait {
  seconds: number;
  scope: ThrottleScope;
}

/** The cookie that marks a browser as one this account has signed in from. */
export const DEVICE_COOKIE = 'threshold_device';
export const DEVICE_COOKIE_DAYS = 180;

/** The email address as counted: Unicode-normalised, trimmed and lower-case, so variants share one counter. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** An address as a source: IPv4 as given (IPv4-mapped IPv6 unwrapped), IPv6 by its /64. */
export function sourceAddress(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::', 2);
  const groups = (part: string) => (part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const full = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${full
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export class SignInThrottle {
  private readonly key: Buffer;

  constructor(
    private readonly db: Database,
    private readonly config: SignInThrottleConfig,
    secret: string,
    private readonly now: () => Date,
  ) {
    this.key = deriveKey(secret, 'sign-in-throttle');
  }

  private mac(...parts: string[]): string {
    return createHmac('sha256', this.key).update(parts.join('\n')).digest('base64url');
  }

  /** The tag that binds a known-device cookie to one account. */
  private deviceTag(accountHash: string): string {
    return this.mac('device', accountHash).slice(0, 22);
  }

  accountHash(email: string): string {
    return this.mac('account', normaliseEmail(email));
  }

  /** The counters an attempt at `email` from `source` is checked against and counted in. */
  subject(email: string, source: AttemptSource): ThrottleSubject {
    const accountHash = this.accountHash(email);
    const deviceId = this.knownDevice(accountHash, source.device);
    const address = sourceAddress(source.ip);
    const from = deviceId ? `device:${deviceId}` : `ip:${address}`;
    const keys: ThrottleSubject['keys'] = [{ scope: 'pair', keyHash: this.mac('pair', accountHash, from) }];
    if (!deviceId) {
      keys.push({ scope: 'source', keyHash: this.mac('source', address) });
      keys.push({ scope: 'account', keyHash: this.mac('account-wide', accountHash) });
    }
    return { accountHash, deviceKnown: deviceId !== null, keys };
  }

  /** The device id in a known-device cookie, if the cookie was issued to this account. */
  private knownDevice(accountHash: string, cookie: string | undefined): string | null {
    if (typeof cookie !== 'string') return null;
    const m = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(cookie);
    if (!m) return null;
    const expected = Buffer.from(this.deviceTag(accountHash));
    const given = Buffer.from(m[1]!);
    return expected.length === given.length && timingSafeEqual(expected, given) ? m[2]! : null;
  }

  /** The known-device cookie's value for this account: the browser's device id is kept if it had one for it. */
  deviceCookie(email: string, existing: string | undefined): string {
    const accountHash = this.accountHash(email);
    const id = this.knownDevice(accountHash, existing) ?? randomToken(16);
    return `${this.deviceTag(accountHash)}.${id}`;
  }

  private threshold(scope: ThrottleScope): number {
    return scope === 'pair' ? this.config.freeAttempts : scope === 'source' ? this.config.sourceFreeAttempts : this.config.accountFreeAttempts;
  }

  /** The delay after `failures` failures in a scope: none until its allowance is used, then doubling to the cap. */
  delaySeconds(scope: ThrottleScope, failures: number): number {
    const over = failures - this.threshold(scope);
    if (over < 0) return 0;
    return Math.min(this.config.maxDelaySeconds, this.config.baseDelaySeconds * 2 ** Math.min(over, 30));
  }

  /** How long this attempt must wait (the longest of its scopes), or null when it may go ahead. */
  async wait(subject: ThrottleSubject): Promise<Wait | null> {
    const now = this.now();
    const found = await rows<{ scope: ThrottleScope; blocked_until: string | Date }>(
      this.db,
      sql`select scope, blocked_until from sign_in_throttle
           where key_hash in (${sql.join(subject.keys.map((k) => sql`${k.keyHash}`), sql`, `)})
             and expires_at > ${now} and blocked_until > ${now}`,
    );
    let longest: Wait | null = null;
    for (const row of found) {
      const seconds = Math.max(1, Math.ceil((asDate(row.blocked_until).getTime() - now.getTime()) / 1000));
      if (!longest || seconds > longest.seconds) longest = { seconds, scope: row.scope };
    }
    return longest;
  }

  /**
   * Counts a failure in every scope of the attempt, inside the caller's transaction. Returns the scopes whose
   * allowance this failure used up (their delays start now), for the audit trail.
   */
  async fail(tx: Database, subject: ThrottleSubject, userId: string | null): Promise<ThrottleScope[]> {
    const now = this.now();
    const expires = new Date(now.getTime() + this.config.windowMinutes * 60_000);
    const started: ThrottleScope[] = [];
    for (const { scope, keyHash } of subject.keys) {
      const accountHash = scope === 'source' ? null : subject.accountHash;
      const [row] = await rows<{ failures: number }>(
        tx,
        sql`insert into sign_in_throttle as t (key_hash, scope, account_hash, user_id, failures, blocked_until, last_failure_at, expires_at)
            values (${keyHash}, ${scope}, ${accountHash}, ${scope === 'source' ? null : userId}, 1, null, ${now}, ${expires})
            on conflict (key_hash) do update set
              failures = case when t.expires_at <= ${now} then 1 else t.failures + 1 end,
              blocked_until = case when t.expires_at <= ${now} then null else t.blocked_until end,
              user_id = coalesce(excluded.user_id, t.user_id),
              last_failure_at = excluded.last_failure_at,
              expires_at = excluded.expires_at
            returning failures`,
      );
      const failures = Number(row?.failures ?? 1);
      const delay = this.delaySeconds(scope, failures);
      if (delay > 0) {
        const until = new Date(now.getTime() + delay * 1000);
        await tx.execute(sql`update sign_in_throttle set blocked_until = greatest(coalesce(blocked_until, ${until}), ${until}) where key_hash = ${keyHash}`);
        if (failures === this.threshold(scope)) started.push(scope);
      }
    }
    // Forget counters whose window has passed (a few at a time, so no attempt pays for many).
    await tx.execute(sql`delete from sign_in_throttle where key_hash in (select key_hash from sign_in_throttle where expires_at <= ${now} limit 50)`);
    return started;
  }

  /** A completed sign-in: the counter for this account from this source starts again. */
  async succeed(tx: Database, subject: ThrottleSubject): Promise<void> {
    const pair = subject.keys.find((k) => k.scope === 'pair');
    if (pair) await tx.execute(sql`delete from sign_in_throttle where key_hash = ${pair.keyHash}`);
  }

  /** Clears every counter for an account (an administrator's decision): its pairs and its account-wide count. */
  async clearAccount(tx: Database, email: string, userId: string): Promise<number> {
    const cleared = await rows<{ key_hash: string }>(
      tx,
      sql`delete from sign_in_throttle where account_hash = ${this.accountHash(email)} or user_id = ${userId} returning key_hash`,
    );
    return cleared.length;
  }
}
