/**
 * The helper thread of a large `npm run link` (see link-threads.ts): reads and prepares the same file, works out
 * the blocking keys, then scores every other group of candidate pairs with the model it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { blocksFromKeys, keysOfRule, type RuleKeys } from '../domain/matching/blocking.js';
import { nameFrequencies, rulesFor, scoreCandidates } from '../domain/matching/link.js';
import { MatchModel } from '../domain/matching/model.js';
import { comparisonsOf, parseMapping, readPeople } from './link-input.js';
import { type FromHelper, type ToHelper, helperRules } from './link-threads.js';

const port = parentPort!;
const { input, map } = workerData as { input: string; map: string };
const send = (m: FromHelper, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function run(): Promise<void> {
  const mapping = parseMapping(map);
  const comparisons = comparisonsOf(mapping);
  const { records } = await readPeople(input, mapping);
  const rules = rulesFor(comparisons);
  const mine = helperRules(rules.length).map((r) => ({ rule: r, ...keysOfRule(records, rules[r]!) }));
  // A copy of each rule's keys goes to the main thread, moved rather than copied again on the way.
  const copies = mine.map((k) => ({ rule: k.rule, offsets: k.offsets.slice(), values: k.values.slice() }));
  send({ type: 'keys', rows: records.length, keys: copies }, copies.flatMap((k) => [k.offsets.buffer as ArrayBuffer, k.values.buffer as ArrayBuffer]));
  const order = await new Promise<ToHelper>((resolve) => port.once('message', resolve));
  const keys: RuleKeys[] = new Array(rules.length);
  for (const k of [...mine, ...order.keys]) keys[k.rule] = { offsets: k.offsets, values: k.values };
  const blocks = blocksFromKeys(records.length, rules, keys);
  const model = new MatchModel(comparisons, order.params, { population: records.length });
  const scored = scoreCandidates(records, blocks, model, nameFrequencies(records, comparisons), order.threshold, [1, 2]);
  const i = Int32Array.from(scored.links, (l) => l.i);
  const j = Int32Array.from(scored.links, (l) => l.j);
  const weight = Float64Array.from(scored.links, (l) => l.weight);
  send({ type: 'links', i, j, weight, candidatePairs: scored.candidatePairs, pairsByRule: scored.stats.map((s) => s.pairs) }, [i.buffer as ArrayBuffer, j.buffer as ArrayBuffer, weight.buffer as ArrayBuffer]);
}

run().catch((err: unknown) => send({ type: 'failed', message: err instanceof Error ? err.message : String(err) }));
