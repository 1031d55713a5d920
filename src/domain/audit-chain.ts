/**
 * The audit trail is a hash chain: each event's hash covers its own fields and the previous event's hash, so an
 * altered, inserted or deleted row breaks every hash after it. Events are written unsealed and the sealer gives
 * them their place in the chain shortly after, in the order they committed; keyed checkpoints then name each
 * chain's head, so a chain recomputed without the key, or one whose newest events were removed, is found too
 * (docs/adr/0008-audit-without-a-lock.md). Pure functions: hashing and the keyed MAC are injected.
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

/** A chain's newest sealed event: where the next sealed event continues from. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export const GENESIS_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** An event as it is written: every field but its place in the chain, which the sealer gives it later. */
export type UnsealedEvent = Omit<AuditFields, 'seq'>;

/**
 * Seals events into one chain after `head`, in the order given (the order the sealer saw them committed): each
 * gets the next sequence number, the previous event's hash and its own hash.
 */
export function sealEvents(head: ChainHead, events: readonly UnsealedEvent[], sha256: (text: string) => string): ChainRow[] {
  const sealed: ChainRow[] = [];
  let prev = head;
  for (const event of events) {
    const fields: AuditFields = { ...event, seq: prev.seq + 1 };
    const hash = sha256(auditPayload(fields, prev.hash));
    sealed.push({ ...fields, prevHash: prev.hash, hash });
    prev = { seq: fields.seq, hash };
  }
  return sealed;
}

/*
 * Keyed checkpoints. Each time the sealer extends a chain it appends a checkpoint naming the chain's new head,
 * with an HMAC under a key held outside the database. Checkpoints are numbered across all chains and each carries
 * the previous checkpoint's MAC, so they form one keyed chain of their own: without the key nobody can recompute
 * an audit chain and its checkpoints, remove a checkpoint from the middle, or add one.
 */

/** An HMAC-SHA256 under the checkpoint key, as lowercase hex. */
export type Hmac = (text: string) => string;

export const GENESIS_MAC = '0'.repeat(64);

export interface CheckpointFields {
  /** 1, 2, 3… across all chains. */
  counter: number;
  chain: string;
  /** The chain's head when the checkpoint was made. */
  seq: number;
  headHash: string;
  madeAt: string; // ISO 8601
  /** Names the key that made the MAC (not secret): tells "another key" apart from "forged". */
  keyId: string;
  prevMac: string;
}

export interface Checkpoint extends CheckpointFields {
  mac: string;
}

export function checkpointPayload(fields: CheckpointFields): string {
  return canonicalJson(fields);
}

/** A short public name for a key, derived from it. */
export function checkpointKeyId(hmac: Hmac): string {
  return hmac('threshold audit checkpoint key id').slice(0, 16);
}

/** The next checkpoint after `previous` (null for the first). */
export function makeCheckpoint(
  previous: { counter: number; mac: string } | null,
  head: { chain: string; seq: number; headHash: string; madeAt: string },
  hmac: Hmac,
): Checkpoint {
  const fields: CheckpointFields = {
    counter: (previous?.counter ?? 0) + 1,
    chain: head.chain,
    seq: head.seq,
    headHash: head.headHash,
    madeAt: head.madeAt,
    keyId: checkpointKeyId(hmac),
    prevMac: previous?.mac ?? GENESIS_MAC,
  };
  return { ...fields, mac: hmac(checkpointPayload(fields)) };
}

/** Whether a checkpoint's MAC is right under this key. */
export function checkpointIsGenuine(c: Checkpoint, hmac: Hmac): boolean {
  const fields: CheckpointFields = { counter: c.counter, chain: c.chain, seq: c.seq, headHash: c.headHash, madeAt: c.madeAt, keyId: c.keyId, prevMac: c.prevMac };
  return hmac(checkpointPayload(fields)) === c.mac;
}

/** A checkpoint as stored, with the hash the chain holds now at the checkpoint's seq (null: no such event). */
export interface StoredCheckpoint extends Checkpoint {
  eventHash: string | null;
}

export interface AuditProblem extends ChainProblem {
  chain: string;
}

/**
 * Walks the checkpoints in counter order and reports every break: a gap in the numbers (removed), a checkpoint
 * that does not follow the one before (changed or removed), a MAC that does not match under the key (forged,
 * or a chain recomputed by someone without the key), and a checkpoint whose event the chain no longer holds
 * (removed or rewritten). Without a key everything but the MACs is checked.
 */
export function verifyCheckpoints(
  checkpoints: readonly StoredCheckpoint[],
  hmac: Hmac | null,
  after: { counter: number; mac: string } = { counter: 0, mac: GENESIS_MAC },
): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const keyId = hmac ? checkpointKeyId(hmac) : null;
  let expectedCounter = after.counter + 1;
  let expectedPrev = after.mac;
  for (const c of checkpoints) {
    const at = { chain: c.chain, seq: c.seq };
    if (c.counter !== expectedCounter) {
      problems.push({ ...at, problem: `checkpoint numbers jump from ${expectedCounter - 1} to ${c.counter}: checkpoints were removed` });
    }
    if (c.prevMac !== expectedPrev) {
      problems.push({ ...at, problem: `checkpoint ${c.counter} does not follow the checkpoint before it (that one was changed or removed)` });
    }
    if (hmac && keyId !== null) {
      if (c.keyId !== keyId) {
        problems.push({ ...at, problem: `checkpoint ${c.counter} names another key (${c.keyId}, not ${keyId}): it was forged, or this is not the key that made it` });
      } else if (!checkpointIsGenuine(c, hmac)) {
        problems.push({ ...at, problem: `checkpoint ${c.counter} does not match its MAC: it was forged or altered (a chain recomputed without the key)` });
      }
    }
    if (c.eventHash === null) {
      problems.push({ ...at, problem: `checkpoint ${c.counter} names event ${c.seq}, which the chain no longer holds: events were removed` });
    } else if (c.eventHash !== c.headHash) {
      problems.push({ ...at, problem: `checkpoint ${c.counter} names event ${c.seq} with another hash: the chain was rewritten from that event or before` });
    }
    expectedCounter = c.counter + 1;
    expectedPrev = c.mac;
  }
  return problems;
}

/**
 * Every chain's sealed head must be exactly where its newest checkpoint is: sealing and checkpointing happen in
 * one transaction, so a head beyond the newest checkpoint was sealed without the key, and a head before it lost
 * its newest events.
 */
export function compareHeads(heads: ReadonlyMap<string, ChainHead>, newest: ReadonlyMap<string, Pick<Checkpoint, 'counter' | 'seq'>>): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const chains = [...new Set([...heads.keys(), ...newest.keys()])].sort();
  for (const chain of chains) {
    const head = heads.get(chain);
    const checkpoint = newest.get(chain);
    const headSeq = head?.seq ?? 0;
    const coveredSeq = checkpoint?.seq ?? 0;
    if (headSeq > coveredSeq) {
      problems.push({
        chain,
        seq: coveredSeq + 1,
        problem: `events ${coveredSeq + 1} to ${headSeq} are sealed but no checkpoint covers them: they were sealed without the key, or their checkpoints were removed`,
      });
    } else if (checkpoint && headSeq < coveredSeq) {
      problems.push({
        chain,
        seq: coveredSeq,
        problem: `the chain ends at event ${headSeq} but its newest checkpoint (${checkpoint.counter}) is at event ${coveredSeq}: events at the end were removed`,
      });
    }
  }
  return problems;
}
