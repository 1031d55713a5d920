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
