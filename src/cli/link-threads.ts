/**
 * A large file linked on two threads. The helper thread reads and prepares the file for itself while this thread
 * does (sending records between threads would cost more than reading them twice), works out the blocking keys
 * while this thread estimates the model, and scores half of the candidate pairs while this thread scores the
 * other half. This thread then clusters all the links. The result is the same as on one thread: the same keys, the
 * same model, every candidate pair scored once.
 */
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { type RuleKeys, blocksFromKeys, keysOfRule, rulesComparing, wouldCompare } from '../domain/matching/blocking.js';
import { type ScoredLink } from '../domain/matching/cluster.js';
import { type LinkOptions, type LinkResult, clusterLinks, estimateWithReport, nameFrequencies, rulesFor, scoreCandidates } from '../domain/matching/link.js';
import { MatchModel, type ModelParams } from '../domain/matching/model.js';
import { type Prepared } from '../domain/matching/record.js';

/** Files of at least this many rows are linked on two threads (below it, starting a thread costs more than it saves). */
export const PARALLEL_FROM = 100_000;
/** A file this large (bytes) probably has PARALLEL_FROM rows: the helper starts reading at once. */
const LIKELY_LARGE = 6_000_000;

/** What the helper thread sends back. */
export type FromHelper =
  | { type: 'keys'; rows: number; keys: { rule: number; offsets: Int32Array; values: Int32Array }[] }
  | { type: 'links'; i: Int32Array; j: Int32Array; weight: Float64Array; candidatePairs: number; pairsByRule: number[] }
  | { type: 'failed'; message: string };

/** What this thread sends the helper. */
export type ToHelper = { type: 'score'; params: ModelParams; keys: { rule: number; offsets: Int32Array; values: Int32Array }[]; threshold: number };

export interface Helper {
  next(): Promise<FromHelper>;
  send(message: ToHelper): void;
  stop(): Promise<void>;
}

/** Starts the helper thread for a file that looks large enough, on a machine with a second core; else undefined. */
export function startHelper(input: string, map: string, log: (message: string) => void, options: { force?: boolean } = {}): Helper | undefined {
  if (!options.force && (availableParallelism() < 2 || process.env.THRESHOLD_LINK_THREADS === '1')) return undefined;
  let size: number;
  try {
    size = statSync(input).size;
  } catch {
    return undefined;
  }
  if (size < LIKELY_LARGE && !options.force) return undefined;
  log('reading the file on a second thread too');
  // Run from TypeScript source (npm run link), the thread registers the TypeScript loader before loading itself.
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./link-worker${fromSource ? '.ts' : '.js'}`, import.meta.url);
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true, workerData: { input, map } })
    : new Worker(entry, { workerData: { input, map } });
  const inbox: FromHelper[] = [];
  const waiting: ((m: FromHelper) => void)[] = [];
  const deliver = (m: FromHelper) => {
    const w = waiting.shift();
    if (w) w(m);
    else inbox.push(m);
  };
  worker.on('message', deliver);
  worker.on('error', (err) => deliver({ type: 'failed', message: err.message }));
  worker.on('messageerror', (err) => deliver({ type: 'failed', message: `a message from the second thread could not be read: ${err.message}` }));
  worker.on('exit', (code) => {
    if (code !== 0) deliver({ type: 'failed', message: `the second thread stopped (exit code ${code})` });
  });
  return {
    next: () => new Promise((resolve) => (inbox.length ? resolve(inbox.shift()!) : waiting.push(resolve))),
    send: (message) => worker.postMessage(message),
    stop: async () => {
      await worker.terminate();
    },
  };
}

async function expect<T extends FromHelper['type']>(helper: Helper, type: T): Promise<Extract<FromHelper, { type: T }>> {
  const m = await helper.next();
  if (m.type === 'failed') throw new Error(`linking on two threads failed: ${m.message}`);
  if (m.type !== type) throw new Error(`linking on two threads: expected ${type}, got ${m.type}`);
  return m as Extract<FromHelper, { type: T }>;
}

/**
 * Which rules' keys the helper works out: all of them, while this thread estimates the model (the helper has
 * nothing else to do then); this thread works out none.
 */
export const helperRules = (count: number) => Array.from({ length: count }, (_, r) => r);

/** Links records on this thread and the helper: the same answer as link(records, options). */
export async function linkOnTwoThreads(
  records: readonly Prepared[],
  /** Custom rules, block caps and switching off name frequencies are one-thread options (the helper uses the defaults). */
  options: Omit<LinkOptions, 'rules' | 'maxBlock' | 'useFrequencies'>,
  helper: Helper,
): Promise<LinkResult> {
  try {
    const rules = rulesFor(options.comparisons);
    let params = options.params;
    let sessions: LinkResult['sessions'] = [];
    let priorFrom: string | undefined;
    if (!params) {
      const estimated = estimateWithReport(records, options);
      params = estimated.params;
      sessions = estimated.sessions;
      priorFrom = estimated.priorFrom;
    }
    options.onProgress?.('blocking (two threads)');
    const mine = rules.map((_, r) => r).filter((r) => !helperRules(rules.length).includes(r));
    const ownKeys = mine.map((r) => ({ rule: r, ...keysOfRule(records, rules[r]!) }));
    const theirs = await expect(helper, 'keys');
    if (theirs.rows !== records.length) throw new Error(`the second thread read ${theirs.rows} rows, this one ${records.length}`);
    helper.send({ type: 'score', params, threshold: options.threshold, keys: ownKeys.map((k) => ({ rule: k.rule, offsets: k.offsets.slice(), values: k.values.slice() })) });
    // (This thread works out no keys at present: see helperRules.)
    const keys: RuleKeys[] = new Array(rules.length);
    for (const k of [...ownKeys, ...theirs.keys]) keys[k.rule] = { offsets: k.offsets, values: k.values };
    const blocks = blocksFromKeys(records.length, rules, keys);
    const model = new MatchModel(options.comparisons, params, { population: records.length });
    const freq = nameFrequencies(records, options.comparisons);
    options.onProgress?.('scoring candidate pairs (two threads)');
    const own = scoreCandidates(records, blocks, model, freq, options.threshold, [0, 2]);
    const other = await expect(helper, 'links');
    const links: ScoredLink[] = own.links;
    for (let x = 0; x < other.i.length; x += 1) links.push({ i: other.i[x]!, j: other.j[x]!, weight: other.weight[x]! });
    options.onProgress?.('clustering');
    const clusters = clusterLinks(records, links, model, freq, options);
    return {
      labels: clusters.labels,
      params,
      candidatePairs: own.candidatePairs + other.candidatePairs,
      links: links.length,
      blocking: own.stats.map((s, r) => ({ ...s, pairs: s.pairs + (other.pairsByRule[r] ?? 0) })),
      wouldCompare: (i, j) => wouldCompare(blocks, i, j),
      rulesComparing: (i, j) => rulesComparing(blocks, i, j),
      sessions,
      ...(priorFrom ? { priorFrom } : {}),
      review: clusters.review,
    };
  } finally {
    await helper.stop();
  }
}
