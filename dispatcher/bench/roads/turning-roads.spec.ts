import { createPrng, haversineMeters, type Point } from '@navette/matching';
import { SnappedTravelTimes } from '../../src/travel/snapped-travel-times.js';
import { RoadGraph, type RoadEdge } from './road-graph.js';
import { TurningRoads } from './turning-roads.js';

/*
 * A 5 × 5 grid of streets 200 m apart (vertex r * 5 + c at row r, column c), 20 s a block; row 2 is
 * an arterial (10 s a block); column 1 is one-way northward (rows up); the block side between
 * (3, 3) and (3, 4) is missing.
 */
const SIZE = 5;
const vertices: Point[] = [];
for (let r = 0; r < SIZE; r++)
  for (let c = 0; c < SIZE; c++) vertices.push([24.9 + c * 0.0036, 60.17 + r * 0.0018]);
const id = (r: number, c: number) => r * SIZE + c;
const edges: RoadEdge[] = [];
for (let r = 0; r < SIZE; r++)
  for (let c = 0; c < SIZE; c++) {
    if (c + 1 < SIZE && !(r === 3 && c === 3)) {
      const s = r === 2 ? 10 : 20;
      edges.push({ source: id(r, c), target: id(r, c + 1), seconds: s, reverseSeconds: s, meters: 200 });
    }
    if (r + 1 < SIZE)
      edges.push({
        source: id(r, c),
        target: id(r + 1, c),
        seconds: 20,
        reverseSeconds: c === 1 ? -1 : 20,
        meters: 200,
      });
  }
const graph = new RoadGraph(vertices, edges);

/** The road table pgRouting would give between `some` vertices, from the graph itself. */
function tableOf(some: number[]): SnappedTravelTimes {
  const n = some.length;
  const seconds = new Float64Array(n * n);
  const meters = new Float64Array(n * n);
  some.forEach((v, i) => {
    const row = graph.from(v, some);
    seconds.set(row.seconds, i * n);
    meters.set(row.meters, i * n);
  });
  return new SnappedTravelTimes({ vertices: some.map((v) => vertices[v]!), seconds, meters });
}

describe('a street network in memory', () => {
  it('finds the fastest road by the arterial, and the seconds and meters driven to each vertex', () => {
    const path = graph.path(id(0, 0), id(0, 4))!;
    // Straight along row 0: 4 blocks of 20 s. By the arterial: 2 up, 4 along at 10, 2 down = 120 s.
    expect(path.seconds.at(-1)).toBe(80);
    const across = graph.path(id(1, 0), id(1, 4))!;
    expect(across.seconds.at(-1)).toBe(80);
    // Row 3 lacks its last block side: round by the arterial, 20 + 4 × 10 + 20 s, 6 blocks.
    const far = graph.path(id(3, 0), id(3, 4))!;
    expect(far.vertices).toContain(id(2, 2));
    expect(far.seconds.at(-1)).toBe(80);
    expect(far.meters.at(-1)).toBe(1200);
    expect(graph.path(id(3, 3), id(3, 4))!.seconds.at(-1)).toBe(50); // 20 down, 10 along, 20 up
  });

  it('drives a one-way street its way only', () => {
    const up = graph.path(id(0, 1), id(4, 1))!;
    expect(up.vertices).toEqual([1, 2, 3, 4].reduce((vs, r) => [...vs, id(r, 1)], [id(0, 1)]));
    const down = graph.path(id(4, 1), id(0, 1))!;
    expect(down.seconds.at(-1)).toBeGreaterThan(up.seconds.at(-1)!);
    expect(graph.from(id(4, 1), [id(0, 1)]).meters[0]).toBe(1200);
  });

  it('refuses a street whose ends are not among its vertices', () => {
    expect(
      () => new RoadGraph(vertices, [{ source: 0, target: 99, seconds: 1, reverseSeconds: 1, meters: 1 }]),
    ).toThrow(/not among the 25/);
  });
});

describe('travel on a road table where vehicles turn on their way', () => {
  const places = [id(0, 0), id(4, 4), id(0, 4), id(4, 0), id(2, 2)];
  const roads = new TurningRoads(tableOf(places), graph);
  const [A, B] = [vertices[id(0, 0)]!, vertices[id(4, 4)]!];

  it('turns at the next vertex of the fastest road, and answers from there exactly', () => {
    const whole = roads.seconds(A, B);
    expect(whole).toBe(graph.path(id(0, 0), id(4, 4))!.seconds.at(-1));
    for (let elapsed = 1; elapsed < whole; elapsed += 7) {
      const turn = roads.turn(A, B, elapsed);
      expect(turn.seconds).toBeGreaterThanOrEqual(elapsed);
      expect(turn.seconds - elapsed).toBeLessThanOrEqual(20);
      // Going on from the turn costs exactly the rest of the fastest road: no access leg added.
      expect(turn.seconds + roads.seconds(turn.at, B)).toBeCloseTo(whole, 9);
      expect(vertices).toContainEqual(turn.at);
    }
    expect(roads.turn(A, B, whole + 1)).toEqual({ at: B, seconds: whole, meters: roads.meters(A, B) });
  });

  it('from a turn, reaches every place by its own road, and turns again on the way', () => {
    const turn = roads.turn(A, B, 45);
    const C = vertices[id(4, 0)]!;
    expect(roads.seconds(turn.at, C)).toBe(
      graph.path(graph.vertices.indexOf(turn.at), id(4, 0))!.seconds.at(-1),
    );
    const again = roads.turn(turn.at, C, 5);
    expect(again.seconds + roads.seconds(again.at, C)).toBeCloseTo(roads.seconds(turn.at, C), 9);
    expect(roads.seconds(turn.at, turn.at)).toBe(0);
  });

  it('drives the straight line to the road first, and from the road to a place off it', () => {
    const nearA: Point = [A[0] + 0.0004, A[1] + 0.0002];
    const access = haversineMeters(nearA, A) / (30 / 3.6);
    expect(roads.turn(nearA, B, access / 2)).toEqual({
      at: A,
      seconds: access,
      meters: haversineMeters(nearA, A),
    });
    const nearB: Point = [B[0] - 0.0003, B[1]];
    const leg = roads.seconds(A, nearB);
    // On the last straight line: it reaches the place first.
    expect(roads.turn(A, nearB, leg - 1).at).toEqual(nearB);
  });

  it('keeps the triangle inequality from any turn', () => {
    const prng = createPrng(5);
    const at = () => vertices[places[prng.int(places.length)]!]!;
    for (let i = 0; i < 200; i++) {
      const [a, b, c] = [at(), at(), at()];
      const turn = roads.turn(a, b, prng.next() * roads.seconds(a, b));
      expect(roads.seconds(turn.at, c)).toBeLessThanOrEqual(
        roads.seconds(turn.at, b) + roads.seconds(b, c) + 1e-9,
      );
    }
  });
});
