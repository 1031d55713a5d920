/**
 * Bounded report submissions: at most so many from one source (address) and from everyone in an hour. Counted in
 * memory by a salted hash of the address, so no address is kept or logged; the salt is this process's own, so the
 * hashes mean nothing elsewhere. Per instance (ADR 0015).
 */
import { randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { sha256 } from '../../platform/crypto.js';

const HOUR_MS = 3_600_000;
/** Sources remembered at most (older windows are dropped first); beyond this a new source is counted as busy. */
const MAX_SOURCES = 100_000;

interface Window {
  start: number;
  count: number;
}

export class SubmissionLimiter {
  private readonly salt = randomBytes(16).toString('hex');
  private sources = new Map<string, Window>();
  private everyone: Window = { start: 0, count: 0 };

  constructor(
    private readonly perSource: number,
    private readonly overall: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The source's key: a salted hash of its address (an IPv6 address's /64 network, see `sourceKey`). */
  sourceOf(address: string): string {
    return sha256(`${this.salt}:${sourceKey(address)}`).slice(0, 32);
  }

  /** Takes one submission for the source; false (nothing taken) when the source or everyone has had their hour's share. */
  take(source: string): boolean {
    const at = this.now();
    if (at - this.everyone.start >= HOUR_MS) this.everyone = { start: at, count: 0 };
    let mine = this.sources.get(source);
    if (!mine || at - mine.start >= HOUR_MS) {
      if (!mine && this.sources.size >= MAX_SOURCES) this.prune(at);
      if (!mine && this.sources.size >= MAX_SOURCES) return false;
      mine = { start: at, count: 0 };
      this.sources.set(source, mine);
    }
    if (mine.count >= this.perSource || this.everyone.count >= this.overall) return false;
    mine.count += 1;
    this.everyone.count += 1;
    return true;
  }

  /** Gives back a submission that was not received (the database could not be reached), so the reporter may try again. */
  giveBack(source: string): void {
    const mine = this.sources.get(source);
    if (mine && mine.count > 0) mine.count -= 1;
    if (this.everyone.count > 0) this.everyone.count -= 1;
  }

  private prune(at: number): void {
    for (const [key, w] of this.sources) if (at - w.start >= HOUR_MS) this.sources.delete(key);
  }
}

/**
 * The source an address counts as: an IPv4 address itself (an IPv4-mapped IPv6 address as its IPv4 address); an IPv6
 * address its /64 network, which one home or phone is given whole, so changing the last 64 bits is not a new source
 * (the page limits group IPv6 addresses the same way).
 */
export function sourceKey(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!isIPv6(a)) return a;
  const [head = '', tail = ''] = a.split('%')[0]!.split('::') as [string?, string?];
  const left = head ? head.split(':') : [];
  const right = a.includes('::') && tail ? tail.split(':') : [];
  const groups = a.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}
