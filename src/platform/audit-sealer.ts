/**
 * The audit sealer. `AuditTrail.record` writes events unsealed, with no lock; the sealer gives them their place in
 * their chain shortly after, in the order it sees them committed (id order of what is committed when it looks; an
 * event committed later is sealed in a later pass), and in the same transaction appends a keyed checkpoint naming
 * each extended chain's new head. See docs/adr/0008-audit-without-a-lock.md.
 *
 * Every app process runs one (`start`); on PostgreSQL only one process seals at a time
 * (`pg_try_advisory_xact_lock`), the others skip their turn. Batches are bounded and the loop yields between
 * them, so sealing never holds anything long, and on PGlite (one connection) requests go between batches.
 *
 * The sealer will not continue a chain it cannot trust: a chain whose sealed head is not where its newest
 * checkpoint says is left unsealed and reported; and if the newest checkpoint's MAC is wrong under this key, or a
 * checkpoint this process wrote has gone, it stops sealing altogether (until restarted), so it never puts a fresh
 * checkpoint over a removed tail. Events are still written and read meanwhile; `npm run audit:verify` says why.
 */
import { sql } from 'drizzle-orm';
import { type Database, asDate, one, rows, transaction } from '../db/client.js';
import {
  type ChainHead,
  type Checkpoint,
  type ChainRow,
  type Hmac,
  type UnsealedEvent,
  GENESIS_HEAD,
  checkpointIsGenuine,
  makeCheckpoint,
  sealEvents,
} from '../domain/audit-chain.js';
import { EVENT_COLUMNS, type EventRow, checkpointHmac, eventFields } from './audit.js';
import { sha256 } from './crypto.js';
import { safeErrorMessage } from './log-safety.js';

export interface AuditSealerOptions {
  now?: () => Date;
  /** Events sealed per transaction (default 5,000). */
  batchSize?: number;
  /** When nothing has been sealed for this long, re-attest every chain's head (default 10 minutes). */
  heartbeatMs?: number;
  /** Info: each checkpoint (chain, counter, seq, MAC: ids and hashes only), so a copy exists outside the database. */
  log?: (message: string, fields: Record<string, unknown>) => void;
  /** Errors: a chain or checkpoint the sealer will not continue, or a pass that failed. */
  error?: (message: string, fields: Record<string, unknown>) => void;
}

export interface SealResult {
  sealed: number;
  checkpoints: number;
  /** Another process was sealing: nothing was done here. */
  busy: boolean;
  /** Chains left unsealed because they no longer end at their newest checkpoint. */
  refused: string[];
  /** Why sealing has stopped in this process, if it has. */
  halted: string | null;
}

/** One sealer per database at a time, across processes. */
const SEALER_LOCK = 'threshold:audit-sealer';

interface CheckpointRow {
  counter: number;
  chain: string;
  seq: number;
  head_hash: string;
  made_at: string;
  key_id: string;
  prev_mac: string;
  mac: string;
}

function fromRow(r: CheckpointRow): Checkpoint {
  return {
    counter: Number(r.counter),
    chain: r.chain,
    seq: Number(r.seq),
    headHash: r.head_hash,
    madeAt: asDate(r.made_at).toISOString(),
    keyId: r.key_id,
    prevMac: r.prev_mac,
    mac: r.mac,
  };
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export class AuditSealer {
  private readonly hmac: Hmac;
  private readonly now: () => Date;
  private readonly batchSize: number;
  private readonly heartbeatMs: number;
  private readonly log: (message: string, fields: Record<string, unknown>) => void;
  private readonly error: (message: string, fields: Record<string, unknown>) => void;
  /** Passes run one after another in this process. */
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private loop: object | undefined;
  /** The newest checkpoint this process wrote: it must still be there next time. */
  private lastWritten: { counter: number; mac: string } | undefined;
  private halted: string | null = null;
  private readonly reported = new Set<string>();

  constructor(
    private readonly db: Database,
    key: Buffer,
    options: AuditSealerOptions = {},
  ) {
    if (key.length < 32) throw new RangeError('the audit checkpoint key must be at least 32 bytes');
    this.hmac = checkpointHmac(key);
    this.now = options.now ?? (() => new Date());
    this.batchSize = options.batchSize ?? 5000;
    this.heartbeatMs = options.heartbeatMs ?? 10 * 60_000;
    this.log = options.log ?? (() => {});
    this.error = options.error ?? (() => {});
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('batchSize must be a whole number of at least 1');
    if (!(this.heartbeatMs > 0)) throw new RangeError('heartbeatMs must be more than 0');
  }

  /**
   * Seals every event committed by now, batch after batch (yielding between them), and waits for a pass already
   * running in this process first. On PostgreSQL, if another process is sealing, returns `busy` at once.
   */
  sealNow(): Promise<SealResult> {
    const run = this.queue.then(() => this.pass());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Seals in the background every `intervalMs` (at once again while there is a full batch waiting). */
  start(intervalMs = 1000): void {
    if (this.loop) return;
    const loop = {};
    this.loop = loop;
    const tick = async () => {
      this.timer = undefined;
      if (this.loop !== loop) return;
      try {
        await this.sealNow();
      } catch (err) {
        this.error('audit sealing failed', { error: safeErrorMessage(err) });
      }
      if (this.loop === loop) {
        this.timer = setTimeout(tick, intervalMs);
        this.timer.unref();
      }
    };
    this.timer = setTimeout(tick, 0);
    this.timer.unref();
  }

  /** Stops the background loop, waits for a pass in flight, and seals once more. */
  async stop(): Promise<SealResult> {
    this.loop = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.sealNow();
  }

  private async pass(): Promise<SealResult> {
    const result: SealResult = { sealed: 0, checkpoints: 0, busy: false, refused: [], halted: this.halted };
    if (this.halted) return result;
    const refused = new Set<string>();
    let first = true;
    for (;;) {
      if (!first) await yieldToOthers();
      const batch = await this.batch(refused, first);
      first = false;
      result.sealed += batch.sealed;
      result.checkpoints += batch.checkpoints.length;
      for (const c of batch.checkpoints) this.log('audit checkpoint', { chain: c.chain, counter: c.counter, seq: c.seq, mac: c.mac });
      const last = batch.checkpoints[batch.checkpoints.length - 1];
      if (last) this.lastWritten = { counter: last.counter, mac: last.mac };
      if (batch.busy) result.busy = true;
      if (batch.halted) {
        this.halted = batch.halted;
        this.error('audit sealing stopped', { reason: batch.halted });
      }
      if (batch.busy || batch.halted || !batch.full) break;
    }
    result.refused = [...refused];
    result.halted = this.halted;
    return result;
  }

  /** One transaction: seal up to a batch of committed events and checkpoint each chain it extends. */
  private batch(refused: Set<string>, mayHeartbeat: boolean): Promise<{ sealed: number; checkpoints: Checkpoint[]; busy: boolean; halted: string | null; full: boolean }> {
    return transaction(this.db, async (tx) => {
      const none = { sealed: 0, checkpoints: [] as Checkpoint[], busy: false, halted: null as string | null, full: false };
      const lock = await one<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(hashtext(${SEALER_LOCK})) as ok`);
      if (!lock?.ok) return { ...none, busy: true };

      const newestRow = await one<CheckpointRow>(tx, sql`select * from audit_checkpoint order by counter desc limit 1`);
      let previous = newestRow ? fromRow(newestRow) : null;
      if (this.lastWritten) {
        const mine = await one<{ mac: string }>(tx, sql`select mac from audit_checkpoint where counter = ${this.lastWritten.counter}`);
        if (!mine || mine.mac !== this.lastWritten.mac) {
          return { ...none, halted: `checkpoint ${this.lastWritten.counter}, written by this process, is no longer there: the trail was cut back` };
        }
      }
      if (previous && !checkpointIsGenuine(previous, this.hmac)) {
        return { ...none, halted: `the newest checkpoint (${previous.counter}) does not match its MAC under this key: it was forged, or the key changed` };
      }

      const made: Checkpoint[] = [];
      const madeAt = this.now().toISOString();
      const checkpoint = (chain: string, head: ChainHead) => {
        const c = makeCheckpoint(previous, { chain, seq: head.seq, headHash: head.hash, madeAt }, this.hmac);
        made.push(c);
        previous = c;
        return c;
      };

      if (!previous) {
        // No checkpoint yet: the first pass after the upgrade to sealed checkpoints. Attest the heads as they are.
        const heads = await this.headsOf(tx, await this.allChains(tx));
        for (const [chain, head] of heads) if (head) checkpoint(chain, head);
      }

      const exclude = JSON.stringify([...refused]);
      const pending = await rows<EventRow>(
        tx,
        sql`select ${EVENT_COLUMNS} from audit_event
             where seq is null and chain not in (select jsonb_array_elements_text(${exclude}::jsonb))
             order by id limit ${this.batchSize}`,
      );

      if (pending.length === 0) {
        // Idle: re-attest every head now and then, so a checkpoint log cut back shows as stale.
        const quiet = previous ? this.now().getTime() - new Date(previous.madeAt).getTime() : 0;
        if (mayHeartbeat && previous && made.length === 0 && quiet >= this.heartbeatMs) {
          const chains = await this.allChains(tx);
          const heads = await this.headsOf(tx, chains);
          const covered = await this.newestCheckpoints(tx, chains);
          for (const [chain, head] of heads) {
            if (head && this.consistent(chain, head, covered.get(chain) ?? null)) checkpoint(chain, head);
            else if (head) refused.add(chain);
          }
        }
        await this.insertCheckpoints(tx, made);
        return { ...none, checkpoints: made };
      }

      const byChain = new Map<string, { id: number; event: UnsealedEvent }[]>();
      for (const r of pending) {
        const list = byChain.get(r.chain) ?? [];
        list.push({ id: Number(r.id), event: eventFields(r) });
        byChain.set(r.chain, list);
      }
      const chains = [...byChain.keys()].sort();
      const heads = await this.headsOf(tx, chains);
      // Attested a moment ago when there was no checkpoint at all; otherwise as stored.
      const covered = await this.newestCheckpoints(tx, chains);
      for (const c of made) covered.set(c.chain, { seq: c.seq, hash: c.headHash });

      const sealedRows: { id: number; seq: number; prev_hash: string; hash: string }[] = [];
      for (const chain of chains) {
        const head = heads.get(chain) ?? null;
        if (!this.consistent(chain, head, covered.get(chain) ?? null)) {
          refused.add(chain);
          continue;
        }
        const events = byChain.get(chain)!;
        const sealed: ChainRow[] = sealEvents(head ?? GENESIS_HEAD, events.map((e) => e.event), sha256);
        sealed.forEach((row, i) => sealedRows.push({ id: events[i]!.id, seq: row.seq, prev_hash: row.prevHash, hash: row.hash }));
        const last = sealed[sealed.length - 1]!;
        checkpoint(chain, { seq: last.seq, hash: last.hash });
      }
      if (sealedRows.length > 0) {
        const updated = await rows<{ id: number }>(
          tx,
          sql`update audit_event e set seq = x.seq, prev_hash = x.prev_hash, hash = x.hash
                from jsonb_to_recordset(${JSON.stringify(sealedRows)}::jsonb) as x(id bigint, seq bigint, prev_hash text, hash text)
               where e.id = x.id and e.seq is null
              returning e.id`,
        );
        if (updated.length !== sealedRows.length) throw new Error(`sealed ${updated.length} of ${sealedRows.length} audit events: another sealer is running without the lock`);
      }
      await this.insertCheckpoints(tx, made);
      return { ...none, sealed: sealedRows.length, checkpoints: made, full: pending.length >= this.batchSize };
    });
  }

  /** A chain may be extended only from exactly where its newest checkpoint says it ends. */
  private consistent(chain: string, head: ChainHead | null, covered: ChainHead | null): boolean {
    const ok = head === null ? covered === null : covered !== null && covered.seq === head.seq && covered.hash === head.hash;
    if (!ok && !this.reported.has(chain)) {
      this.reported.add(chain);
      this.error('audit chain not sealed: it no longer ends at its newest checkpoint (run npm run audit:verify)', {
        chain,
        headSeq: head?.seq ?? 0,
        checkpointSeq: covered?.seq ?? 0,
      });
    }
    return ok;
  }

  /** Every chain with an event, found through the (chain, seq) index without reading the events. */
  private async allChains(tx: Database): Promise<string[]> {
    const found = await rows<{ chain: string }>(
      tx,
      sql`with recursive c(chain) as (
            (select chain from audit_event order by chain limit 1)
            union all
            select (select e.chain from audit_event e where e.chain > c.chain order by e.chain limit 1) from c where c.chain is not null
          )
          select chain from c where chain is not null`,
    );
    return found.map((r) => r.chain);
  }

  /** Each chain's newest sealed event (null: nothing sealed yet). */
  private async headsOf(tx: Database, chains: readonly string[]): Promise<Map<string, ChainHead | null>> {
    const found = await rows<{ chain: string; seq: number | null; hash: string | null }>(
      tx,
      sql`select c.chain, h.seq, h.hash
            from jsonb_array_elements_text(${JSON.stringify(chains)}::jsonb) as c(chain)
            left join lateral (
              select seq, hash from audit_event e where e.chain = c.chain and e.seq is not null order by e.seq desc limit 1
            ) h on true`,
    );
    return new Map(found.map((r) => [r.chain, r.seq === null || r.hash === null ? null : { seq: Number(r.seq), hash: r.hash }]));
  }

  /** Each chain's newest checkpoint, as the head it names. */
  private async newestCheckpoints(tx: Database, chains: readonly string[]): Promise<Map<string, ChainHead>> {
    const found = await rows<{ chain: string; seq: number | null; head_hash: string | null }>(
      tx,
      sql`select c.chain, k.seq, k.head_hash
            from jsonb_array_elements_text(${JSON.stringify(chains)}::jsonb) as c(chain)
            left join lateral (
              select seq, head_hash from audit_checkpoint k where k.chain = c.chain order by k.counter desc limit 1
            ) k on true`,
    );
    const out = new Map<string, ChainHead>();
    for (const r of found) if (r.seq !== null && r.head_hash !== null) out.set(r.chain, { seq: Number(r.seq), hash: r.head_hash });
    return out;
  }

  private async insertCheckpoints(tx: Database, made: readonly Checkpoint[]): Promise<void> {
    if (made.length === 0) return;
    const values = made.map((c) => ({
      counter: c.counter, chain: c.chain, seq: c.seq, head_hash: c.headHash, made_at: c.madeAt, key_id: c.keyId, prev_mac: c.prevMac, mac: c.mac,
    }));
    await tx.execute(sql`
      insert into audit_checkpoint (counter, chain, seq, head_hash, made_at, key_id, prev_mac, mac)
      select counter, chain, seq, head_hash, made_at, key_id, prev_mac, mac
        from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
          as x(counter bigint, chain text, seq bigint, head_hash text, made_at timestamptz, key_id text, prev_mac text, mac text)`);
  }
}
