// bench:day at CI size (one hour of service, a city of a few dozen requests, two paired days): it
// runs, prints every figure for every dispatch, computes each verdict, and the taxi baseline never
// carries two trips at once. The full run's figures are in dispatcher/bench/README.md.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createScratchDatabase, type ScratchDatabase } from '../../../infra/testing/scratch-database.js';
import { importOsm } from '../roads/import-osm.js';
import { toOsmXml } from '../roads/osm-xml.js';
import { streetGrid } from '../roads/street-grid.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The cells of a table row (two spaces or more between them). */
const cells = (out: string, title: RegExp, row: string): string[][] =>
  out
    .split(/\n\n/)
    .filter((block) => title.test(block))
    .map((block) => {
      const line = block.split('\n').find((l) => l.startsWith(row));
      return line
        ? line
            .slice(38)
            .trim()
            .split(/\s{2,}/)
        : [];
    });

describe('bench:day, small', () => {
  let out: string;

  beforeAll(async () => {
    ({ stdout: out } = await run(
      process.execPath,
      [
        'dispatcher/dist/bench/day-bench.js',
        ...[
          '--hours',
          '1',
          '--city-requests',
          '3000',
          '--days',
          '2',
          '--offline-seconds',
          '0.3',
          '--slice-seconds',
          '0.3',
        ],
      ],
      { cwd: root, maxBuffer: 1 << 24 },
    ));
  });

  it('measures the machine floor in the same run', () => {
    expect(Number(/machine floor: (\d+) ms/.exec(out)?.[1])).toBeGreaterThan(0);
  });

  it('prints every figure for the taxi baseline, Navette and the offline plan, on the same demand', () => {
    const [town] = cells(out, /^Helsinki.*, seed 1$/m, 'served share');
    expect(town).toHaveLength(3);
    for (const share of town!) expect(Number(share.replace(' %', ''))).toBeGreaterThan(90);
    for (const row of [
      'wait p50 / p95',
      'ride ÷ direct p50 / p95',
      'vehicle-km per passenger-km',
      'mean occupancy',
      'vehicle-km / empty km',
      'engine for the whole run',
    ])
      for (const cell of cells(out, /^Helsinki.*, seed 1$/m, row)[0]!)
        expect(cell).toMatch(/^[\d.]+( \/ [\d.]+)?$/);
    // Only Navette's dispatcher hands a promised pickup to a driver who can come sooner (ADR 0041).
    const [taxi, navette, offline] = cells(out, /^Helsinki.*, seed 1$/m, 'promised pickups taken over')[0]!;
    expect([taxi, offline]).toEqual(['0', '0']);
    expect(navette).toMatch(/^\d+$/);
    const [city] = cells(out, /^city, seed 1$/m, 'vehicle-km per passenger-km');
    expect(city).toHaveLength(2);
    expect(out).toMatch(
      /^distance from the offline plan .*: Navette's vehicle-km per passenger-km is [\d.]+ ×/m,
    );
    expect(out).toMatch(/^city day: engine \d+ s on one core for 1 h of service/m);
  });

  it('never pools in the taxi baseline, and Navette does', () => {
    const aboard = [
      ...cells(out, /^Helsinki.*, seed 1$/m, 'most trips aboard at once'),
      ...cells(out, /^city, seed 1$/m, 'most trips aboard at once'),
    ];
    expect(aboard).toHaveLength(2);
    for (const [taxi, navette] of aboard) {
      expect(Number(taxi)).toBe(1);
      expect(Number(navette)).toBeGreaterThan(1);
    }
    const occupancy = cells(out, /^Helsinki.*, seed 1$/m, 'mean occupancy')[0]!;
    expect(Number(occupancy[0])).toBeLessThanOrEqual(1);
  });

  it('pairs the adaptive and the fixed window day by day and computes every verdict', () => {
    expect(out).toMatch(
      /^vehicle-km per passenger-km\s+fixed\s+[\d.]+\s+adaptive\s+[\d.]+\s+difference -?[\d.]+ \(-?[\d.]+ … -?[\d.]+\)$/m,
    );
    const verdicts = out.match(/^(MET   |MISSED) {2}.+$/gm) ?? [];
    expect(verdicts).toHaveLength(8);
    expect(verdicts.filter((v) => /adaptive window loses no pooling quality/.test(v))).toHaveLength(1);
    expect(verdicts.filter((v) => /faster than real time/.test(v))).toHaveLength(1);
  });
});

// The same bench with the demo town on a road network: a street grid over the neighbourhoods (no
// OpenStreetMap extract can be downloaded here), imported by osm2pgrouting into a fresh database as
// an extract would be, then read through pgRouting.
describe('bench:day on a road network (pgRouting)', () => {
  let out: string;
  let roads: ScratchDatabase;

  beforeAll(async () => {
    roads = await createScratchDatabase(process.env.DATABASE_URL!, 'navette_bench_roads');
    await importOsm(
      roads.url,
      toOsmXml(streetGrid({ bbox: [24.89, 60.15, 25.0, 60.21], spacingMeters: 250 })),
    );
    ({ stdout: out } = await run(
      process.execPath,
      [
        'dispatcher/dist/bench/day-bench.js',
        ...['--no-city', '--hours', '1', '--days', '2', '--paired-hours', '1', '--offline-seconds', '0.3'],
        ...['--roads', roads.url],
      ],
      { cwd: root, maxBuffer: 1 << 24 },
    ));
  });

  afterAll(() => roads?.drop());

  it('says the demo town is driven on the roads, and how many vertices its places snapped to', () => {
    const line =
      /^travel: the demo town on the road network of .+ \(pgRouting\): (\d+) places snapped to (\d+) vertices/m.exec(
        out,
      );
    expect(line).not.toBeNull();
    expect(Number(line![2])).toBeGreaterThan(10);
    expect(Number(line![2])).toBeLessThanOrEqual(Number(line![1]));
    // The streets are read into memory so that vehicles change course on their way (ADR 0040).
    const streets = /vehicles turn at the next vertex of their road \((\d+) vertices in memory\)/.exec(out);
    expect(Number(streets?.[1])).toBeGreaterThan(Number(line![2]));
  });

  it('measures each trip on the roads as it is driven: the taxi rides exactly the direct road time', () => {
    const [rides] = cells(out, /^Helsinki.*, seed 1$/m, 'ride ÷ direct p50 / p95');
    expect(rides).toHaveLength(3);
    expect(rides![0]).toBe('1.00 / 1.00');
    const [kmRatio] = cells(out, /^Helsinki.*, seed 1$/m, 'vehicle-km per passenger-km');
    for (const cell of kmRatio!) expect(Number(cell)).toBeGreaterThan(0);
    const verdicts = out.match(/^(MET   |MISSED) {2}.+$/gm) ?? [];
    expect(verdicts).toHaveLength(4);
  });
});
