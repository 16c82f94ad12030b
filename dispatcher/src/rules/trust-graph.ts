/**
 * The trust network: members linked by vouches (a vouch links both ways for trust distance:
 * 1 = vouched, 2 = a friend of a friend, …). Pure: built from edges, queried in memory.
 */
export class TrustGraph {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private offsets = new Int32Array(1);
  private neighbours = new Int32Array(0);

  constructor(edges: Iterable<readonly [string, string]>) {
    const pairs: [number, number][] = [];
    for (const [a, b] of edges) {
      if (a === b) continue;
      pairs.push([this.intern(a), this.intern(b)]);
    }
    // Compressed adjacency (CSR): memory and scans stay small at 100,000 members.
    const degree = new Int32Array(this.ids.length + 1);
    for (const [a, b] of pairs) {
      degree[a + 1]!++;
      degree[b + 1]!++;
    }
    for (let i = 1; i < degree.length; i++) degree[i]! += degree[i - 1]!;
    this.offsets = degree.slice();
    const fill = degree.slice();
    this.neighbours = new Int32Array(pairs.length * 2);
    for (const [a, b] of pairs) {
      this.neighbours[fill[a]!++] = b;
      this.neighbours[fill[b]!++] = a;
    }
  }

  get size(): number {
    return this.ids.length;
  }

  private intern(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
    }
    return i;
  }

  /**
   * Trust distance from one member to each of `targets`, by breadth-first search up to `maxDepth`
   * steps, stopping as soon as every target is found. Targets farther away (or unknown) are absent.
   */
  distancesFrom(from: string, targets: readonly string[], maxDepth: number): Map<string, number> {
    const found = new Map<string, number>();
    const start = this.index.get(from);
    if (start === undefined) return found;
    const wanted = new Map<number, string>();
    for (const t of targets) {
      const i = this.index.get(t);
      if (i !== undefined && i !== start) wanted.set(i, t);
    }
    if (targets.includes(from)) found.set(from, 0);
    if (wanted.size === 0) return found;
    const seen = new Set<number>([start]);
    let frontier = [start];
    for (let depth = 1; depth <= maxDepth && frontier.length > 0 && wanted.size > 0; depth++) {
      const next: number[] = [];
      for (const node of frontier) {
        for (let e = this.offsets[node]!; e < this.offsets[node + 1]!; e++) {
          const n = this.neighbours[e]!;
          if (seen.has(n)) continue;
          seen.add(n);
          next.push(n);
          const target = wanted.get(n);
          if (target !== undefined) {
            found.set(target, depth);
            wanted.delete(n);
          }
        }
      }
      frontier = next;
    }
    return found;
  }
}
