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
 * Travel times between a fixed list of points, answered in O(1) by index (`secondsAt(i, j)`) or,
 * through the {@link TravelTimes} interface, by point (one hash lookup per endpoint). Points equal
 * after rounding to {@link COORDINATE_PRECISION_DEGREES} share one row and column. Asking about a
 * point not in the list throws: it means the batch forgot a point.
 *
 * Built from a model ({@link build}), each quantity of a pair is asked of the model the first time
 * it is read and kept: a batch reads only the pairs a route can use (a driver to a stop, a stop to
 * a stop), a few per cent of its n² pairs once the fleet outnumbers the rides (infra/adr/0037). They
 * are kept by destination and quantity: a column (every origin to one point) is allocated the first
 * time a time (or a distance) into that point is read, so a batch of 50 rides among 4,000 drivers
 * keeps a few hundred columns of 4,100 cells instead of writing 4,100² cells before its first read
 * (infra/adr/0042). Built from a routing server's table ({@link fromRows}), every pair is known from
 * the start.
 */
export class TravelMatrix implements TravelTimes {
  private constructor(
    /** The points as given, in order. */
    readonly points: readonly Point[],
    /** Row of each distinct rounded point. */
    private readonly rowByKey: Map<string, number>,
    /** For each input index, its row in the distinct-point matrix. */
    private readonly rowOf: Int32Array,
    /** Number of distinct points: each column has this many cells. */
    private readonly size: number,
    /**
     * Per destination row, seconds from every origin row (`size` cells, NaN where not yet asked of
     * `source`); undefined until a time into that point is read.
     */
    private readonly secondsColumns: (Float64Array | undefined)[],
    /** The same for meters, kept apart: a batch reads mostly times. */
    private readonly metersColumns: (Float64Array | undefined)[],
    /**
     * The model that answers a pair not yet read, the distinct point of each row, and a column with
     * nothing asked, copied for each new column (filling a typed array with NaN costs ten times a
     * copy in V8, measured: 116 against 13 µs for 10,200 cells).
     */
    private readonly source?: {
      travel: TravelTimes;
      distinct: readonly Point[];
      speed: number | undefined;
      unasked: Float64Array;
    },
  ) {}

  /**
   * A matrix over `points` that asks `travel` for each quantity of an ordered pair of distinct
   * points the first time it is read, once; the diagonal is 0 without asking.
   */
  static build(travel: TravelTimes, points: readonly Point[]): TravelMatrix {
    const { distinct, rowByKey, rowOf } = TravelMatrix.index(points);
    // The great-circle model's time is its distance over its speed: one haversine per pair, not two
    // (the model itself, not a subclass that might answer time otherwise).
    const speed =
      Object.getPrototypeOf(travel) === GreatCircleTravelTimes.prototype
        ? (travel as GreatCircleTravelTimes).speedMetersPerSecond
        : undefined;
    const n = distinct.length;
    return new TravelMatrix(
      points,
      rowByKey,
      rowOf,
      n,
      new Array<Float64Array | undefined>(n),
      new Array<Float64Array | undefined>(n),
      { travel, distinct, speed, unasked: new Float64Array(n).fill(Number.NaN) },
    );
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
    const secondsColumns = Array.from({ length: n }, () => new Float64Array(n));
    const metersColumns = Array.from({ length: n }, () => new Float64Array(n));
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        // NaN marks a pair not yet asked (see `build`): a table has none, so none may come in.
        secondsColumns[rowOf[j]!]![rowOf[i]!] = known(seconds[i]![j]);
        metersColumns[rowOf[j]!]![rowOf[i]!] = known(meters[i]![j]);
      }
    }
    return new TravelMatrix(points, rowByKey, rowOf, n, secondsColumns, metersColumns);
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
    this.check(i, j);
    return this.secondsIn(this.rowOf[i]!, this.rowOf[j]!);
  }

  /** Meters from `points[i]` to `points[j]`. */
  metersAt(i: number, j: number): number {
    this.check(i, j);
    return this.metersIn(this.rowOf[i]!, this.rowOf[j]!);
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
    return this.secondsIn(from, to);
  }

  /** Meters between two rows given by {@link rowsOf}. */
  metersBetweenRows(from: number, to: number): number {
    return this.metersIn(from, to);
  }

  /** Number of destination points with a column kept (every point for a routing server's table). */
  get columnsKept(): number {
    let kept = 0;
    for (let to = 0; to < this.size; to++)
      if (this.secondsColumns[to] !== undefined || this.metersColumns[to] !== undefined) kept++;
    return kept;
  }

  /** Whether `point` (after rounding) is in the matrix. */
  has(point: Point): boolean {
    return this.rowByKey.has(pointKey(point));
  }

  seconds(from: Point, to: Point): number {
    return this.secondsIn(this.row(from), this.row(to));
  }

  meters(from: Point, to: Point): number {
    return this.metersIn(this.row(from), this.row(to));
  }

  private secondsIn(from: number, to: number): number {
    const column = this.secondsColumns[to] ?? (this.secondsColumns[to] = this.column(to));
    const s = column[from]!;
    if (s === s) return s; // NaN: not asked yet
    // Only a matrix built by `build` has NaN cells (and a `source`).
    const { travel, distinct, speed } = this.source!;
    const a = distinct[from]!;
    const b = distinct[to]!;
    return (column[from] = speed === undefined ? travel.seconds(a, b) : travel.meters(a, b) / speed);
  }

  private metersIn(from: number, to: number): number {
    const column = this.metersColumns[to] ?? (this.metersColumns[to] = this.column(to));
    const m = column[from]!;
    if (m === m) return m;
    const { travel, distinct } = this.source!;
    return (column[from] = travel.meters(distinct[from]!, distinct[to]!));
  }

  /** A new column into row `to`: nothing asked yet but its diagonal. */
  private column(to: number): Float64Array {
    const column = this.source!.unasked.slice();
    column[to] = 0;
    return column;
  }

  private check(i: number, j: number): void {
    const n = this.points.length;
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= n || j >= n) {
      throw new RangeError(`travel matrix index (${i}, ${j}) outside 0..${n - 1}`);
    }
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

/** A routing table's cell: a number, or Infinity for no route (null, or not a number). */
function known(cell: number | null | undefined): number {
  return cell === null || cell === undefined || Number.isNaN(cell) ? Number.POSITIVE_INFINITY : cell;
}
