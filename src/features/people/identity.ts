/**
 * Identity resolution over the register: the same engine as `npm run link`, with candidates found in PostgreSQL
 * through indexed blocking keys (written with every change to a person) instead of in memory.
 *
 * - `candidates`: a ranked list for "search before create", each with its probability and, field by field, why.
 * - `resolveByIdentifier`: automatic linking, only on a verified identifier held by exactly one person.
 * - `train`: m and u estimated from the register itself (EM, unsupervised) and stored; below 5,000 people, from a
 *   synthetic register (households and duplicates included) instead, which small registers cannot outdo.
 * - `scanDuplicates`: the possible-duplicates queue.
 */
import { type Database, transaction } from '../../db/client.js';
import { defaultRules, hashKey } from '../../domain/matching/blocking.js';
import { type Comparison, comparisonsFor } from '../../domain/matching/comparisons.js';
import { estimateParams, pairsAbove } from '../../domain/matching/link.js';
import { type FieldExplanation, type Frequencies, MatchModel, type ModelParams } from '../../domain/matching/model.js';
import { type PersonFields, type Prepared, prepare } from '../../domain/matching/record.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import * as repo from './identity-repository.js';
import { MIN_RECORDS_TO_LEARN, syntheticParams, syntheticRecords } from './synthetic-model.js';

export const IDENTIFIER_TYPES_MATCHED = ['nhs_number', 'upn', 'pnc', 'local'] as const;

export const REGISTER_COMPARISONS: readonly Comparison[] = comparisonsFor({
  given: true,
  family: true,
  dob: true,
  gender: true,
  postcode: true,
  streetNumber: true,
  street: true,
  locality: true,
  identifiers: [
    { type: 'nhs_number', title: 'NHS number' },
    { type: 'upn', title: 'Unique pupil number' },
    { type: 'pnc', title: 'PNC ID' },
    { type: 'local', title: 'Agency’s own ID' },
  ],
});

const RULES = defaultRules([...IDENTIFIER_TYPES_MATCHED]);

/** Blocking keys for the database: the rule number is part of the key, so two rules' keys never coincide. */
export function keysOf(r: Prepared): number[] {
  const out: number[] = [];
  RULES.forEach((rule, i) => {
    for (const k of rule.keys(r)) out.push(hashKey(`${i}:${k}`));
  });
  return [...new Set(out)];
}

/** The date of birth as others might have written it: day and month swapped, a year or a day out. */
export function dobVariants(dob: string): string[] {
  if (!/^\d{8}$/.test(dob)) return [];
  const y = dob.slice(0, 4);
  const m = dob.slice(4, 6);
  const d = dob.slice(6, 8);
  const out = new Set<string>();
  if (Number(d) <= 12) out.add(`${y}${d}${m}`);
  out.add(`${Number(y) - 1}${m}${d}`);
  out.add(`${Number(y) + 1}${m}${d}`);
  out.add(`${y.slice(0, 2)}${y[3]}${y[2]}${m}${d}`);
  const day = Number(d);
  if (day > 1) out.add(`${y}${m}${String(day - 1).padStart(2, '0')}`);
  if (day < 31) out.add(`${y}${m}${String(day + 1).padStart(2, '0')}`);
  out.delete(dob);
  return [...out];
}

function queryKeys(r: Prepared): number[] {
  const keys = new Set(keysOf(r));
  for (const variant of dobVariants(r.dob)) {
    const shifted = { ...r, dob: variant, dobYear: Number(variant.slice(0, 4)) };
    RULES.forEach((rule, i) => {
      if (!rule.uses.includes('dob')) return;
      for (const k of rule.keys(shifted)) keys.add(hashKey(`${i}:${k}`));
    });
  }
  return [...keys];
}

interface StoredFrequencies {
  population: number;
  given: Record<string, number>;
  family: Record<string, number>;
}

function frequenciesOf(records: readonly Prepared[], top = 20_000): StoredFrequencies {
  const count = (pick: (r: Prepared) => string[]) => {
    const m = new Map<string, number>();
    for (const r of records) for (const t of new Set(pick(r))) m.set(t, (m.get(t) ?? 0) + 1);
    return Object.fromEntries([...m].sort((a, b) => b[1] - a[1]).slice(0, top));
  };
  return { population: records.length, given: count((r) => r.given), family: count((r) => r.family) };
}

function asFrequencies(stored: StoredFrequencies): Frequencies {
  // Names outside the stored list are rare: count them as seen once.
  const rare = 1 / Math.max(stored.population, 1);
  return {
    given: (t) => (stored.given[t] ?? 1) / stored.population || rare,
    family: (t) => (stored.family[t] ?? 1) / stored.population || rare,
  };
}

export interface Candidate {
  personId: string;
  probability: number;
  weight: number;
  fields: FieldExplanation[];
}

interface LoadedModel {
  model: MatchModel;
  frequencies: Frequencies;
  source: string;
  trainedAt: Date | null;
  at: number;
}

/** Below this many people the register is too small to learn from: parameters come from a synthetic register. */
export const MIN_REGISTER_FOR_TRAINING = MIN_RECORDS_TO_LEARN;

export class IdentityService {
  private cache = new Map<string, LoadedModel>();
  private bootstrap: { params: ModelParams; frequencies: StoredFrequencies } | undefined;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly now: () => Date,
  ) {}

  /** Recomputes what the engine knows of these people (in the caller's transaction when given). */
  async refresh(tenantId: string, personIds: readonly string[], tx: Database = this.db): Promise<void> {
    const fields = await repo.readFields(tx, personIds);
    const entries = [...fields].map(([personId, f]) => ({ personId, fields: f, keys: keysOf(prepare(f)) }));
    await repo.saveProfiles(tx, tenantId, entries);
  }

  /** Profiles for everyone who has none yet (after an upgrade, or a bulk load). Returns how many were built. */
  async rebuildMissing(tenantId: string): Promise<number> {
    let built = 0;
    let after: string | undefined;
    for (;;) {
      const ids = await repo.peopleWithoutProfile(this.db, tenantId, 2000, after);
      if (ids.length === 0) return built;
      await transaction(this.db, (tx) => this.refresh(tenantId, ids, tx));
      built += ids.length;
      after = ids[ids.length - 1];
    }
  }

  async dropProfile(personId: string, tx: Database): Promise<void> {
    await repo.dropProfile(tx, personId);
  }

  private bootstrapParams() {
    this.bootstrap ??= { params: syntheticParams(REGISTER_COMPARISONS), frequencies: frequenciesOf(syntheticRecords()) };
    return this.bootstrap;
  }

  /** The model for an area: its own estimate if it has one, else one from a synthetic register. */
  async modelFor(tenantId: string): Promise<LoadedModel> {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < 5 * 60_000) return hit;
    const stored = await repo.latestModel(this.db, tenantId);
    const size = await repo.registerSize(this.db, tenantId);
    let loaded: LoadedModel;
    if (stored) {
      const params = stored.params as ModelParams;
      loaded = {
        model: new MatchModel(REGISTER_COMPARISONS, params, { population: Math.max(size, 2) }),
        frequencies: asFrequencies(stored.frequencies as StoredFrequencies),
        source: stored.source,
        trainedAt: stored.trainedAt,
        at: Date.now(),
      };
    } else {
      const b = this.bootstrapParams();
      loaded = {
        model: new MatchModel(REGISTER_COMPARISONS, b.params, { population: Math.max(size, 2) }),
        frequencies: asFrequencies(b.frequencies),
        source: b.params.source ?? 'synthetic',
        trainedAt: null,
        at: Date.now(),
      };
    }
    this.cache.set(tenantId, loaded);
    return loaded;
  }

  /** Estimates the parameters from the area's register (EM, no labels) and stores them. */
  async train(actor: Actor, tenantId: string): Promise<{ trained: boolean; source: string }> {
    const records: Prepared[] = [];
    for await (const page of repo.allProfiles(this.db, tenantId)) for (const p of page) records.push(prepare(p.fields));
    if (records.length < MIN_REGISTER_FOR_TRAINING) {
      return { trained: false, source: `the register has ${records.length} people; at least ${MIN_REGISTER_FOR_TRAINING} are needed` };
    }
    const params = estimateParams(records, { comparisons: REGISTER_COMPARISONS, fallback: this.bootstrapParams().params });
    const source = `estimated from this area’s register of ${records.length.toLocaleString('en-GB')} people (${params.source ?? ''})`;
    await transaction(this.db, async (tx) => {
      await repo.saveModel(tx, { tenantId, params, frequencies: frequenciesOf(records), source, trainedAt: this.now() });
      await this.audit.record(tx, { ...actor, tenantId }, { action: 'matching.model_trained', details: { people: records.length } });
    });
    this.cache.delete(tenantId);
    return { trained: true, source };
  }

  /** Ranked candidates for someone described by `query`, best first, with why. */
  async candidates(tenantId: string, query: PersonFields, options: { limit?: number; minProbability?: number; exclude?: readonly string[] } = {}): Promise<Candidate[]> {
    const ids = await repo.candidateIds(this.db, tenantId, queryKeys(prepare(query)), 300);
    return this.rank(tenantId, query, ids.filter((id) => !options.exclude?.includes(id)), options);
  }

  /** Scores given people against `query`, best first (for search results found by other means too). */
  async rank(tenantId: string, query: PersonFields, personIds: readonly string[], options: { limit?: number; minProbability?: number } = {}): Promise<Candidate[]> {
    const probe = prepare(query);
    const found = await repo.profiles(this.db, personIds);
    const { model, frequencies } = await this.modelFor(tenantId);
    const scored: Candidate[] = [];
    for (const [personId, fields] of found) {
      const { score, fields: why } = model.explain(probe, prepare(fields), frequencies);
      if (score.probability >= (options.minProbability ?? 0)) scored.push({ personId, probability: score.probability, weight: score.weight, fields: why });
    }
    // Equal weights by person id, so the same search pages the same way twice (profiles come back in no set order).
    scored.sort((a, b) => b.weight - a.weight || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
    return scored.slice(0, options.limit ?? 10);
  }

  /**
   * Automatic linking: only a verified identifier (an NHS number that passes its check, a UPN) held by exactly one
   * person in the area. Anything else goes to a person to decide.
   */
  async resolveByIdentifier(tenantId: string, type: 'nhs_number' | 'upn', value: string): Promise<string | null> {
    const holders = await repo.holdersOf(this.db, tenantId, type, value);
    return holders.length === 1 ? holders[0]! : null;
  }

  /** Finds possible duplicates across the area's register and queues the new ones. */
  async scanDuplicates(actor: Actor, tenantId: string, probability = 0.5): Promise<{ people: number; queued: number }> {
    const ids: string[] = [];
    const records: Prepared[] = [];
    for await (const page of repo.allProfiles(this.db, tenantId)) {
      for (const p of page) {
        ids.push(p.personId);
        records.push(prepare(p.fields));
      }
    }
    const { model, frequencies } = await this.modelFor(tenantId);
    const pairs = pairsAbove(records, { comparisons: REGISTER_COMPARISONS, params: model.params, probability, frequencies });
    const queued = await transaction(this.db, async (tx) => {
      const n = await repo.addDuplicateCandidates(
        tx,
        tenantId,
        pairs.map((p) => ({ a: ids[p.i]!, b: ids[p.j]!, probability: p.probability })),
      );
      await this.audit.record(tx, { ...actor, tenantId }, { action: 'matching.duplicates_scanned', details: { people: records.length, pairs: pairs.length } });
      return n;
    });
    return { people: records.length, queued };
  }

  /** Queues likely duplicates of one person (after they are created or changed). */
  async checkForDuplicatesOf(tenantId: string, personId: string, tx: Database = this.db, probability = 0.5): Promise<number> {
    const [fields] = (await repo.readFields(tx, [personId])).values();
    if (!fields) return 0;
    const found = await this.candidates(tenantId, fields, { limit: 5, minProbability: probability, exclude: [personId] });
    return repo.addDuplicateCandidates(tx, tenantId, found.map((c) => ({ a: personId, b: c.personId, probability: c.probability })));
  }

  openDuplicates(tenantId: string, limit = 50, offset = 0) {
    return repo.openDuplicates(this.db, tenantId, limit, offset);
  }

  countOpenDuplicates(tenantId: string) {
    return repo.countOpenDuplicates(this.db, tenantId);
  }

  duplicate(tenantId: string, id: string) {
    return repo.getDuplicate(this.db, tenantId, id);
  }

  /** Why the engine thinks two people may be the same. */
  async compare(tenantId: string, a: string, b: string) {
    const found = await repo.readFields(this.db, [a, b]);
    const fa = found.get(a);
    const fb = found.get(b);
    if (!fa || !fb) return undefined;
    const { model, frequencies } = await this.modelFor(tenantId);
    const { score, fields } = model.explain(prepare(fa), prepare(fb), frequencies);
    return { probability: score.probability, fields };
  }
}
