/**
 * The estimated model in words and numbers, for `npm run link -- --explain`: how the prior was found, each EM
 * session (the rule its pairs came from, how many, whether it converged, the share judged matches), and for every
 * comparison level its m, u and the evidence it carries in bits.
 */
import { type Comparison } from './comparisons.js';
import { type SessionReport } from './estimate.js';
import { type ModelParams } from './model.js';

const pct = (x: number) => `${(x * 100).toFixed(x < 0.001 ? 4 : x < 0.01 ? 3 : 1)}%`;

export function explainModel(comparisons: readonly Comparison[], params: ModelParams, sessions: readonly SessionReport[], priorFrom?: string): string[] {
  const lines: string[] = [];
  lines.push(`Parameters: ${params.source ?? 'given'}`);
  lines.push(`Prior: ${params.prior.toExponential(3)} that two records taken at random are one person, in ${params.population.toLocaleString('en-GB')} records${priorFrom ? ` (${priorFrom})` : ''}`);
  if (params.household) {
    lines.push(`Households (same surname, same house): ${pct(params.household.share)} of such pairs are one person; relatives share a birthday ${pct(params.household.sameBirthday)} of the time`);
  }
  if (sessions.length === 0) lines.push('EM sessions: none (parameters were not estimated from this file)');
  for (const s of sessions) {
    lines.push(
      `EM on pairs with ${s.rule}: ${s.sampled.toLocaleString('en-GB')} of ${s.pairs.toLocaleString('en-GB')} pairs, ${s.iterations} iteration(s), ${s.converged ? 'converged' : 'did NOT converge'}; ${pct(s.matchShare)} judged the same person; ${s.learned ? `estimated ${s.estimated.join(', ')}` : 'too few matches to learn from: not used'}`,
    );
  }
  lines.push('');
  lines.push('comparison / level                                      m (same person)   u (different)   evidence');
  for (const c of comparisons) {
    const p = params.comparisons.find((x) => x.name === c.name);
    if (!p) continue;
    lines.push(`${c.title} (${c.name})`);
    c.levels.forEach((level, l) => {
      const bits = Math.log2(p.m[l]! / p.u[l]!);
      lines.push(`  ${level.padEnd(54)}${pct(p.m[l]!).padStart(10)}${pct(p.u[l]!).padStart(16)}${`${bits >= 0 ? '+' : ''}${bits.toFixed(1)} bits`.padStart(13)}`);
    });
  }
  return lines;
}
