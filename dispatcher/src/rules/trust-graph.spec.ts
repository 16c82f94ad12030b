import { TrustGraph } from './trust-graph.js';

describe('trust distance', () => {
  // alice — bob — carol — dave;  erin alone
  const graph = new TrustGraph([
    ['alice', 'bob'],
    ['carol', 'bob'],
    ['carol', 'dave'],
    ['erin', 'erin'],
  ]);

  it('counts vouch steps either way: 1 vouched, 2 friend of a friend', () => {
    const d = graph.distancesFrom('alice', ['bob', 'carol', 'dave'], 4);
    expect(Object.fromEntries(d)).toEqual({ bob: 1, carol: 2, dave: 3 });
  });

  it('stops at the bound: farther members are absent', () => {
    expect(Object.fromEntries(graph.distancesFrom('alice', ['dave', 'carol'], 2))).toEqual({ carol: 2 });
  });

  it('knows nothing of strangers and self-vouches', () => {
    expect(graph.distancesFrom('alice', ['erin', 'zoe'], 6).size).toBe(0);
    expect(graph.distancesFrom('zoe', ['alice'], 6).size).toBe(0);
  });

  it('is symmetric on a random graph', () => {
    const edges: [string, string][] = [];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 300; i++) edges.push([`m${Math.floor(rnd() * 120)}`, `m${Math.floor(rnd() * 120)}`]);
    const g = new TrustGraph(edges);
    for (let i = 0; i < 20; i++) {
      const a = `m${i}`;
      const b = `m${119 - i}`;
      expect(g.distancesFrom(a, [b], 5).get(b)).toBe(g.distancesFrom(b, [a], 5).get(a));
    }
  });
});
