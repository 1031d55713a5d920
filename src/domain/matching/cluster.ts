/** Clusters from links: union–find with path halving and union by size. */
export class DisjointSets {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i += 1) this.parent[i] = i;
  }

  find(i: number): number {
    let x = i;
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]!]!;
      x = this.parent[x]!;
    }
    return x;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }

  /** A cluster number per element: 0, 1, 2… in order of first appearance. */
  labels(): Int32Array {
    const n = this.parent.length;
    const out = new Int32Array(n);
    const ids = new Map<number, number>();
    for (let i = 0; i < n; i += 1) {
      const root = this.find(i);
      let id = ids.get(root);
      if (id === undefined) ids.set(root, (id = ids.size));
      out[i] = id;
    }
    return out;
  }
}

/** A pair judged the same person, with its match weight (bits). */
export interface ScoredLink {
  i: number;
  j: number;
  weight: number;
}

/** A merge the cluster check refused, for a person to look at (the possible-duplicates queue). */
export interface ReviewItem {
  i: number;
  j: number;
  weight: number;
  reason: 'records strongly disagree' | 'weak link between groups' | 'group too large to check';
}

export interface ClusterCheck {
  /** The match weight of any two records (the full score, names swapped if better). */
  weight(i: number, j: number): number;
  /**
   * Whether two records (of two groups being joined), with their match weight, are so clearly two people that the
   * groups must not join (different dates of birth or identifiers, not outweighed by the rest).
   */
  conflict(i: number, j: number, weight: number): boolean;
  /** Whether two groups, as wholes, are two people (each group's agreed date of birth says so). */
  groupsConflict?(a: readonly number[], b: readonly number[]): boolean;
  /** Two groups join only when the mean match probability over all their cross pairs reaches this. */
  minCohesion: number;
  /** Groups whose cross pairs number more than this are not joined but sent for review. */
  maxCrossPairs: number;
}

/**
 * Clusters from links, checking each merge at cluster level: links are taken strongest first; two records join
 * when they do not conflict; two groups join only when no record of one conflicts with a record of the other and
 * their records agree on the whole (mean match probability over every cross pair at least `minCohesion`). A chain
 * of weak links through a record with no date of birth, or a name that is only a title, cannot pull two different
 * people's groups together: the refused link goes for review instead.
 */
export function checkedClusters(n: number, links: readonly ScoredLink[], check: ClusterCheck): { labels: Int32Array; review: ReviewItem[]; merges: number } {
  const sets = new DisjointSets(n);
  const members = new Map<number, number[]>();
  const group = (root: number, i: number) => members.get(root) ?? [i];
  const review: ReviewItem[] = [];
  let merges = 0;
  // Strongest first; ties in a fixed order, so the clusters never depend on the order links were found in.
  const sorted = [...links].sort((a, b) => b.weight - a.weight || a.i - b.i || a.j - b.j);
  for (const link of sorted) {
    const ra = sets.find(link.i);
    const rb = sets.find(link.j);
    if (ra === rb) continue;
    const a = group(ra, link.i);
    const b = group(rb, link.j);
    if (a.length * b.length > check.maxCrossPairs) {
      review.push({ ...link, reason: 'group too large to check' });
      continue;
    }
    if (a.length === 1 && b.length === 1 && check.conflict(link.i, link.j, link.weight)) {
      review.push({ ...link, reason: 'records strongly disagree' });
      continue;
    }
    if (a.length > 1 && b.length > 1 && check.groupsConflict?.(a, b)) {
      review.push({ ...link, reason: 'records strongly disagree' });
      continue;
    }
    if (a.length > 1 || b.length > 1) {
      // Two records were linked on their own (above the threshold): only groups need the check.
      let conflict = false;
      let cohesion = 0;
      for (const x of a) {
        for (const y of b) {
          const w = x === link.i && y === link.j ? link.weight : check.weight(x, y);
          if (check.conflict(x, y, w)) {
            conflict = true;
            break;
          }
          cohesion += 1 / (1 + 2 ** -w);
        }
        if (conflict) break;
      }
      if (conflict) {
        review.push({ ...link, reason: 'records strongly disagree' });
        continue;
      }
      if (cohesion / (a.length * b.length) < check.minCohesion) {
        review.push({ ...link, reason: 'weak link between groups' });
        continue;
      }
    }
    sets.union(ra, rb);
    const root = sets.find(ra);
    members.delete(ra);
    members.delete(rb);
    members.set(root, a.concat(b));
    merges += 1;
  }
  return { labels: sets.labels(), review, merges };
}
