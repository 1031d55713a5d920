import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type AuditFields,
  type ChainRow,
  type Checkpoint,
  type StoredCheckpoint,
  type UnsealedEvent,
  GENESIS_HASH,
  GENESIS_HEAD,
  GENESIS_MAC,
  auditPayload,
  canonicalJson,
  checkpointIsGenuine,
  checkpointKeyId,
  compareHeads,
  makeCheckpoint,
  sealEvents,
  verifyChain,
  verifyCheckpoints,
} from './audit-chain.js';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');
const hmacWith = (key: string) => (t: string) => createHmac('sha256', key).update(t).digest('hex');
const hmac = hmacWith('the-checkpoint-key-held-outside-the-database');

function chain(n: number): ChainRow[] {
  const out: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i += 1) {
    const fields: AuditFields = {
      chain: 't', seq: i, occurredAt: `2026-01-01T00:00:0${i % 10}.000Z`, tenantId: 't', userId: 'u', roles: 'r', agencyId: 'a',
      action: 'x.view', recordType: 'contact', recordId: `c${i}`, reason: null, requestId: `r${i}`, details: { b: 1, a: [i] },
    };
    const hash = sha(auditPayload(fields, prev));
    out.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('the audit hash chain', () => {
  it('serialises objects the same whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('verifies an intact chain', () => {
    expect(verifyChain(chain(5), sha)).toEqual([]);
  });

  it('finds an altered row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, recordId: 'someone-else' };
    expect(verifyChain(rows, sha)).toEqual([{ seq: 3, problem: 'contents do not match its hash (the row was altered)' }]);
  });

  it('finds a removed row', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    const problems = verifyChain(rows, sha);
    expect(problems.map((p) => p.seq)).toEqual([3, 3]);
    expect(problems[0]!.problem).toContain('rows are missing');
  });

  it('finds a row whose hash was recomputed after altering it (the next row no longer follows)', () => {
    const rows = chain(5);
    const forged = { ...rows[1]!, recordId: 'forged' };
    const { prevHash, hash: _h, ...fields } = forged;
    rows[1] = { ...forged, hash: sha(auditPayload(fields, prevHash)) };
    expect(verifyChain(rows, sha)).toEqual([{ seq: 3, problem: 'does not follow the previous row (a row before it was changed or removed)' }]);
  });

  it('continues from a checked row when verifying in batches', () => {
    const rows = chain(6);
    expect(verifyChain(rows.slice(3), sha, { seq: 3, hash: rows[2]!.hash })).toEqual([]);
  });
});

function unsealed(n: number, from = 1): UnsealedEvent[] {
  return Array.from({ length: n }, (_, k) => ({
    chain: 't', occurredAt: `2026-01-01T00:00:0${(from + k) % 10}.000Z`, tenantId: 't', userId: 'u', roles: 'r', agencyId: 'a',
    action: 'x.view', recordType: 'contact', recordId: `c${from + k}`, reason: null, requestId: `r${from + k}`, details: { b: 1, a: [from + k] },
  }));
}

/** Checkpoints as the sealer makes them: one after each batch, naming the chain's head then. */
function checkpointsFor(rows: readonly ChainRow[], every: number, key = hmac): StoredCheckpoint[] {
  const out: StoredCheckpoint[] = [];
  let previous: Checkpoint | null = null;
  for (let i = every - 1; i < rows.length; i += every) {
    const head = rows[i]!;
    previous = makeCheckpoint(previous, { chain: head.chain, seq: head.seq, headHash: head.hash, madeAt: '2026-01-01T00:01:00.000Z' }, key);
    out.push({ ...previous, eventHash: head.hash });
  }
  return out;
}

describe('sealing events into the chain', () => {
  it('numbers events after the head and links each to the one before, as the verifier expects', () => {
    const first = sealEvents(GENESIS_HEAD, unsealed(3), sha);
    const more = sealEvents({ seq: 3, hash: first[2]!.hash }, unsealed(2, 4), sha);
    expect([...first, ...more].map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(verifyChain([...first, ...more], sha)).toEqual([]);
  });

  it('seals the same events the same way as the chain of single appends did before', () => {
    expect(sealEvents(GENESIS_HEAD, unsealed(5), sha).map((r) => r.hash)).toEqual(chain(5).map((r) => r.hash));
  });
});

describe('keyed checkpoints', () => {
  const head = { chain: 't', seq: 5, headHash: 'a'.repeat(64), madeAt: '2026-01-01T00:01:00.000Z' };

  it('numbers checkpoints and links each to the MAC of the one before', () => {
    const one = makeCheckpoint(null, head, hmac);
    const two = makeCheckpoint(one, { ...head, seq: 6 }, hmac);
    expect([one.counter, two.counter]).toEqual([1, 2]);
    expect(one.prevMac).toBe(GENESIS_MAC);
    expect(two.prevMac).toBe(one.mac);
    expect(checkpointIsGenuine(two, hmac)).toBe(true);
  });

  it('gives a MAC only the key can make: any changed field, or another key, does not match', () => {
    const c = makeCheckpoint(null, head, hmac);
    expect(checkpointIsGenuine({ ...c, seq: 4 }, hmac)).toBe(false);
    expect(checkpointIsGenuine({ ...c, headHash: 'b'.repeat(64) }, hmac)).toBe(false);
    expect(checkpointIsGenuine({ ...c, madeAt: '2026-01-02T00:00:00.000Z' }, hmac)).toBe(false);
    expect(checkpointIsGenuine(c, hmacWith('another-key-another-key-another-key'))).toBe(false);
    expect(c.keyId).toBe(checkpointKeyId(hmac));
    expect(c.keyId).not.toBe(checkpointKeyId(hmacWith('another-key-another-key-another-key')));
  });

  it('verifies intact checkpoints, in batches too', () => {
    const rows = chain(9);
    const cps = checkpointsFor(rows, 3);
    expect(verifyCheckpoints(cps, hmac)).toEqual([]);
    expect(verifyCheckpoints(cps.slice(1), hmac, { counter: 1, mac: cps[0]!.mac })).toEqual([]);
  });

  it('finds a checkpoint removed from the middle', () => {
    const cps = checkpointsFor(chain(9), 3);
    const problems = verifyCheckpoints([cps[0]!, cps[2]!], hmac);
    expect(problems.map((p) => p.problem)).toEqual([
      'checkpoint numbers jump from 1 to 3: checkpoints were removed',
      'checkpoint 3 does not follow the checkpoint before it (that one was changed or removed)',
    ]);
  });

  it('finds a forged checkpoint, and says when it names another key', () => {
    const cps = checkpointsFor(chain(6), 3);
    const forged = { ...cps[1]!, seq: 5 };
    expect(verifyCheckpoints([cps[0]!, forged], hmac).map((p) => p.problem)).toContain(
      'checkpoint 2 does not match its MAC: it was forged or altered (a chain recomputed without the key)',
    );
    const other = checkpointsFor(chain(6), 3, hmacWith('another-key-another-key-another-key'));
    expect(verifyCheckpoints(other, hmac)[0]!.problem).toMatch(/^checkpoint 1 names another key/);
  });

  it('without the key checks everything but the MACs', () => {
    const cps = checkpointsFor(chain(6), 3);
    expect(verifyCheckpoints([{ ...cps[0]!, mac: 'f'.repeat(64) }], null)).toEqual([]);
    expect(verifyCheckpoints([{ ...cps[0]!, eventHash: null }], null)).toHaveLength(1);
  });

  it('finds a chain recomputed from an altered event: the checkpoints no longer name its events', () => {
    const rows = chain(6);
    const cps = checkpointsFor(rows, 3);
    // The attacker alters event 2 and recomputes every hash after it, as anyone can without the key.
    const altered = sealEvents({ seq: 1, hash: rows[0]!.hash }, rows.slice(1).map(({ seq: _s, prevHash: _p, hash: _h, ...f }, i) => ({ ...f, recordId: i === 0 ? 'forged' : f.recordId })), sha);
    const rewritten = [rows[0]!, ...altered];
    expect(verifyChain(rewritten, sha)).toEqual([]);
    const stored = cps.map((c) => ({ ...c, eventHash: rewritten[c.seq - 1]!.hash }));
    expect(verifyCheckpoints(stored, hmac).map((p) => p.problem)).toEqual([
      'checkpoint 1 names event 3 with another hash: the chain was rewritten from that event or before',
      'checkpoint 2 names event 6 with another hash: the chain was rewritten from that event or before',
    ]);
    // Rewriting the checkpoints to match needs the key.
    const reforged = stored.map((c) => ({ ...c, headHash: c.eventHash! }));
    expect(verifyCheckpoints(reforged, hmac).filter((p) => p.problem.includes('does not match its MAC'))).toHaveLength(2);
  });

  it('finds removed newest events: the chain ends before its newest checkpoint', () => {
    expect(compareHeads(new Map([['t', { seq: 5, hash: 'x' }]]), new Map([['t', { counter: 9, seq: 6 }]]))).toEqual([
      { chain: 't', seq: 6, problem: 'the chain ends at event 5 but its newest checkpoint (9) is at event 6: events at the end were removed' },
    ]);
    expect(compareHeads(new Map(), new Map([['t', { counter: 9, seq: 6 }]]))[0]!.problem).toContain('ends at event 0');
  });

  it('finds sealed events no checkpoint covers (sealed without the key)', () => {
    expect(compareHeads(new Map([['t', { seq: 8, hash: 'x' }]]), new Map([['t', { counter: 9, seq: 6 }]]))).toEqual([
      { chain: 't', seq: 7, problem: 'events 7 to 8 are sealed but no checkpoint covers them: they were sealed without the key, or their checkpoints were removed' },
    ]);
    expect(compareHeads(new Map([['s', { seq: 2, hash: 'x' }]]), new Map())[0]!.seq).toBe(1);
  });

  it('accepts every chain ending exactly at its newest checkpoint', () => {
    expect(compareHeads(new Map([['t', { seq: 6, hash: 'x' }], ['s', { seq: 1, hash: 'y' }]]), new Map([['t', { counter: 9, seq: 6 }], ['s', { counter: 4, seq: 1 }]]))).toEqual([]);
  });
});
