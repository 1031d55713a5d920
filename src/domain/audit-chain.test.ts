import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AuditFields, type ChainRow, GENESIS_HASH, auditPayload, canonicalJson, verifyChain } from './audit-chain.js';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

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
