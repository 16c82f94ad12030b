import type { Point, TravelTimes } from '../travel-times.js';
import { GreatCircleTravelTimes } from './great-circle-travel-times.js';

/**
 * Coordinates are compared after rounding to 1e-6 degrees (about 0.11 m of latitude): two points
 * closer than that are the same place for travel purposes, and float noise from parsing or
 * arithmetic (`2.3522` vs `2.3522000000000003`) does not split a cache entry.
 */
export const COORDINATE_PRECISION_DEGREES = 1e-6;

const SCALE = 1 / COORDINATE_PRECISION_DEGREES;

/** The key of a point: both coordinates as whole multiples of 1e-6°, `"lng,lat"`. */
export function pointKey(point: Point): string {
  // `+ 0` turns a rounded -0 into 0, so -0.0000001 and 0 share a key.
  return `${Math.round(point[0] * SCALE) + 0},${Math.round(point[1] * SCALE) + 0}`;
}

/** Options of {@link CachedTravelTimes}. */
export interface CachedTravelTimesOptions {
  /**
   * Most ordered pairs kept; past it the least recently used pair is evicted. Default 100,000
   * (a few tens of MB at most; a batch of 300 points has 90,000 pairs).
   */
  maxEntries?: number;
}

interface Entry {
  seconds?: number;
  meters?: number;
}

/**
 * Memoises any {@link TravelTimes} by ordered pair of rounded points, so a batch that asks for the
 * same leg thousands of times (insertion tries every position) asks the inner provider once per
 * pair and quantity. Bounded LRU: a long-lived worker does not grow without limit.
 */
export class CachedTravelTimes implements TravelTimes {
  /** The bound on cached pairs. */
  readonly maxEntries: number;
  // A Map iterates in insertion order; re-inserting on every hit keeps the least recent first.
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly inner: TravelTimes,
    options: CachedTravelTimesOptions = {},
  ) {
    const maxEntries = options.maxEntries ?? 100_000;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    }
    this.maxEntries = maxEntries;
  }

  /** Number of pairs currently cached. */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets every pair, e.g. when the road network or the time of day changes. */
  clear(): void {
    this.entries.clear();
  }

  seconds(from: Point, to: Point): number {
    const entry = this.entry(from, to);
    return (entry.seconds ??= this.inner.seconds(from, to));
  }

  meters(from: Point, to: Point): number {
    const entry = this.entry(from, to);
    return (entry.meters ??= this.inner.meters(from, to));
  }

  private entry(from: Point, to: Point): Entry {
    const key = `${pointKey(from)};${pointKey(to)}`;
    let entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
    } else {
      entry = {};
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next();
        if (oldest.done !== true) this.entries.delete(oldest.value);
      }
    }
    this.entries.set(key, entry);
    return entry;
  }
}

/**
 * Travel times between a fixed list of points, computed once and answered in O(1) by index
 * (`secondsAt(i, j)`) or, through the {@link TravelTimes} interface, by point (one hash lookup per
 * endpoint). Points equal after rounding to {@link COORDINATE_PRECISION_DEGREES} share one row and
 * column. Asking about a point not in the list throws: it means the batch forgot a point.
 */
export class TravelMatrix implements TravelTimes {
  private constructor(
    /** The points as given, in order. */
    readonly points: readonly Point[],
    /** Row of each distinct rounded point. */
    private readonly rowByKey: Map<string, number>,
    /** For each input index, its row in the distinct-point matrix. */
    private readonly rowOf: Int32Array,
    /** Number of distinct points: the matrices are size × size, row-major. */
    private readonly size: number,
    private readonly secondsTable: Float64Array,
    private readonly metersTable: Float64Array,
  ) {}

  /**
   * Asks `travel` for every ordered pair of distinct points (n·(n−1) calls of each quantity for n
   * distinct points; the diagonal is 0 without asking).
   */
  static build(travel: TravelTimes, points: readonly Point[]): TravelMatrix {
    const { distinct, rowByKey, rowOf } = TravelMatrix.index(points);
    const n = distinct.length;
    const seconds = new Float64Array(n * n);
    const meters = new Float64Array(n * n);
    // The great-circle model's time is its distance over its speed: one haversine per pair, not two
    // (the model itself, not a subclass that might answer time otherwise).
    const speed =
      Object.getPrototypeOf(travel) === GreatCircleTravelTimes.prototype
        ? (travel as GreatCircleTravelTimes).speedMetersPerSecond
        : undefined;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const m = travel.meters(distinct[i]!, distinct[j]!);
        meters[i * n + j] = m;
        seconds[i * n + j] = speed === undefined ? travel.seconds(distinct[i]!, distinct[j]!) : m / speed;
      }
    }
    return new TravelMatrix(points, rowByKey, rowOf, n, seconds, meters);
  }

  /**
   * Wraps matrices computed elsewhere (a routing server's table): `seconds[i][j]` and `meters[i][j]`
   * from `points[i]` to `points[j]`, n × n. A `null` cell (no route) is answered as `Infinity`.
   * Throws if a matrix is not n × n. Of two points equal after rounding, the later row wins.
   */
  static fromRows(
    points: readonly Point[],
    seconds: readonly (readonly (number | null)[])[],
    meters: readonly (readonly (number | null)[])[],
  ): TravelMatrix {
    const { distinct, rowByKey, rowOf } = TravelMatrix.index(points);
    const n = distinct.length;
    const size = points.length;
    const check = (name: string, rows: readonly (readonly (number | null)[])[]): void => {
      if (rows.length !== size || rows.some((row) => row.length !== size)) {
        throw new RangeError(`${name} matrix is not ${size} × ${size}`);
      }
    };
    check('seconds', seconds);
    check('meters', meters);
    const secondsTable = new Float64Array(n * n);
    const metersTable = new Float64Array(n * n);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const cell = rowOf[i]! * n + rowOf[j]!;
        secondsTable[cell] = seconds[i]![j] ?? Number.POSITIVE_INFINITY;
        metersTable[cell] = meters[i]![j] ?? Number.POSITIVE_INFINITY;
      }
    }
    return new TravelMatrix(points, rowByKey, rowOf, n, secondsTable, metersTable);
  }

  private static index(points: readonly Point[]): {
    distinct: Point[];
    rowByKey: Map<string, number>;
    rowOf: Int32Array;
  } {
    const distinct: Point[] = [];
    const rowByKey = new Map<string, number>();
    const rowOf = new Int32Array(points.length);
    points.forEach((point, i) => {
      const key = pointKey(point);
      let row = rowByKey.get(key);
      if (row === undefined) {
        row = distinct.length;
        distinct.push(point);
        rowByKey.set(key, row);
      }
      rowOf[i] = row;
    });
    return { distinct, rowByKey, rowOf };
  }

  /** Seconds from `points[i]` to `points[j]`. */
  secondsAt(i: number, j: number): number {
    return this.secondsTable[this.cell(i, j)]!;
  }

  /** Meters from `points[i]` to `points[j]`. */
  metersAt(i: number, j: number): number {
    return this.metersTable[this.cell(i, j)]!;
  }

  /** The index of the first point equal to `point` after rounding, or `undefined`. */
  indexOf(point: Point): number | undefined {
    const row = this.rowByKey.get(pointKey(point));
    return row === undefined ? undefined : this.rowOf.indexOf(row);
  }

  /**
   * The row of each point (-1 for an undefined one), looked up once, for reading many pairs by
   * {@link secondsBetweenRows} without a lookup per pair. Throws for a point not in the matrix.
   */
  rowsOf(points: readonly (Point | undefined)[]): Int32Array {
    return Int32Array.from(points, (point) => (point === undefined ? -1 : this.row(point)));
  }

  /** Seconds between two rows given by {@link rowsOf}. */
  secondsBetweenRows(from: number, to: number): number {
    return this.secondsTable[from * this.size + to]!;
  }

  /** Meters between two rows given by {@link rowsOf}. */
  metersBetweenRows(from: number, to: number): number {
    return this.metersTable[from * this.size + to]!;
  }

  /** Whether `point` (after rounding) is in the matrix. */
  has(point: Point): boolean {
    return this.rowByKey.has(pointKey(point));
  }

  seconds(from: Point, to: Point): number {
    return this.secondsTable[this.row(from) * this.size + this.row(to)]!;
  }

  meters(from: Point, to: Point): number {
    return this.metersTable[this.row(from) * this.size + this.row(to)]!;
  }

  private cell(i: number, j: number): number {
    const n = this.points.length;
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= n || j >= n) {
      throw new RangeError(`travel matrix index (${i}, ${j}) outside 0..${n - 1}`);
    }
    return this.rowOf[i]! * this.size + this.rowOf[j]!;
  }

  private row(point: Point): number {
    const row = this.rowByKey.get(pointKey(point));
    if (row === undefined) {
      throw new RangeError(
        `point [${point[0]}, ${point[1]}] is not in the travel matrix of ${this.points.length} points`,
      );
    }
    return row;
  }
}
