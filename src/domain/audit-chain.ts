/**
 * The audit trail is a hash chain: each event's hash covers its own fields and the previous event's hash, so an
 * altered, inserted or deleted row breaks every hash after it. Pure functions: hashing is injected.
 */

export interface AuditFields {
  chain: string;
  seq: number;
  occurredAt: string; // ISO 8601
  tenantId: string | null;
  userId: string | null;
  roles: string | null;
  agencyId: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  reason: string | null;
  requestId: string | null;
  details: unknown;
}

/** Canonical JSON: object keys sorted at every level, so the same event always serialises the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const GENESIS_HASH = '0'.repeat(64);

export function auditPayload(fields: AuditFields, prevHash: string): string {
  return canonicalJson({ ...fields, prevHash });
}

export interface ChainRow extends AuditFields {
  prevHash: string;
  hash: string;
}

export interface ChainProblem {
  seq: number;
  problem: string;
}

/**
 * Walks one chain in sequence order and reports every break. `after` continues from an already-checked row
 * (for checking a long chain in batches); by default the chain starts at its genesis.
 */
export function verifyChain(
  rows: readonly ChainRow[],
  sha256: (text: string) => string,
  after: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let expectedPrev = after.hash;
  let expectedSeq = after.seq + 1;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      problems.push({ seq: row.seq, problem: `sequence jumps from ${expectedSeq - 1} to ${row.seq}: rows are missing` });
    }
    if (row.prevHash !== expectedPrev) {
      problems.push({ seq: row.seq, problem: 'does not follow the previous row (a row before it was changed or removed)' });
    }
    const { prevHash: _p, hash: _h, ...fields } = row;
    if (sha256(auditPayload(fields, row.prevHash)) !== row.hash) {
      problems.push({ seq: row.seq, problem: 'contents do not match its hash (the row was altered)' });
    }
    expectedPrev = row.hash;
    expectedSeq = row.seq + 1;
  }
  return problems;
}
