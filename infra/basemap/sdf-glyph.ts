/**
 * Signed distance field glyphs in the layout MapLibre expects from a glyph server (the one fontnik
 * made): a 24 px em, a 3 px border around each glyph, distances over 8 px, the outline at 192.
 * Outlines come from opentype.js (`glyph.getPath(0, 0, 24).commands`: y grows downwards, the
 * baseline at 0); curves are flattened to segments and every pixel takes its distance to the
 * nearest one, negative inside (non-zero winding, as TrueType fills).
 */

/** The em size glyphs are rendered at, in pixels: MapLibre's ONE_EM. */
export const GLYPH_SIZE_PX = 24;
/** Border around each bitmap, in pixels: MapLibre's GLYPH_PBF_BORDER. */
export const GLYPH_BORDER_PX = 3;
/** Distance, in pixels, that spans the 0–255 range. */
const SDF_RADIUS_PX = 8;
/** Share of the range left for the outside: the outline sits at 255 × (1 − 0.25) ≈ 192. */
const SDF_CUTOFF = 0.25;
/** Segments per quadratic or cubic curve. */
const CURVE_STEPS = 8;

/** opentype.js path commands (absolute coordinates). */
export type PathCommand =
  | { type: 'M' | 'L'; x: number; y: number }
  | { type: 'Q'; x1: number; y1: number; x: number; y: number }
  | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { type: 'Z' };

type Point = [number, number];

export interface SdfGlyph {
  /** Unicode code point. */
  id: number;
  /** (width + 6) × (height + 6) bytes, top row first; empty for a glyph with no ink (a space). */
  bitmap: Uint8Array;
  width: number;
  height: number;
  /** From the pen to the ink's left edge, pixels. */
  left: number;
  /** The ink's top above the baseline, less the font's ascender, pixels (as fontnik wrote it). */
  top: number;
  /** Pen advance, pixels. */
  advance: number;
}

/** Closed rings of points from a path, curves flattened. */
export function flattenPath(commands: readonly PathCommand[]): Point[][] {
  const rings: Point[][] = [];
  let ring: Point[] = [];
  let at: Point = [0, 0];
  const close = () => {
    if (ring.length > 2) rings.push(ring);
    ring = [];
  };
  for (const command of commands) {
    if (command.type === 'M') {
      close();
      at = [command.x, command.y];
      ring.push(at);
    } else if (command.type === 'L') {
      at = [command.x, command.y];
      ring.push(at);
    } else if (command.type === 'Q') {
      const [x0, y0] = at;
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const t = i / CURVE_STEPS;
        const u = 1 - t;
        ring.push([
          u * u * x0 + 2 * u * t * command.x1 + t * t * command.x,
          u * u * y0 + 2 * u * t * command.y1 + t * t * command.y,
        ]);
      }
      at = [command.x, command.y];
    } else if (command.type === 'C') {
      const [x0, y0] = at;
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const t = i / CURVE_STEPS;
        const u = 1 - t;
        const a = u * u * u;
        const b = 3 * u * u * t;
        const c = 3 * u * t * t;
        const d = t * t * t;
        ring.push([
          a * x0 + b * command.x1 + c * command.x2 + d * command.x,
          a * y0 + b * command.y1 + c * command.y2 + d * command.y,
        ]);
      }
      at = [command.x, command.y];
    } else close();
  }
  close();
  return rings;
}

/** Squared distances from every pixel centre to the nearest segment, looked at only within the radius. */
function distancesSquared(
  segments: Float64Array,
  x0: number,
  y0: number,
  columns: number,
  rows: number,
): Float64Array {
  const out = new Float64Array(columns * rows).fill(SDF_RADIUS_PX * SDF_RADIUS_PX);
  for (let s = 0; s < segments.length; s += 4) {
    const ax = segments[s]! - x0;
    const ay = segments[s + 1]! - y0;
    const bx = segments[s + 2]! - x0;
    const by = segments[s + 3]! - y0;
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSquared = dx * dx + dy * dy;
    const fromColumn = Math.max(0, Math.floor(Math.min(ax, bx) - SDF_RADIUS_PX));
    const toColumn = Math.min(columns - 1, Math.ceil(Math.max(ax, bx) + SDF_RADIUS_PX));
    const fromRow = Math.max(0, Math.floor(Math.min(ay, by) - SDF_RADIUS_PX));
    const toRow = Math.min(rows - 1, Math.ceil(Math.max(ay, by) + SDF_RADIUS_PX));
    for (let row = fromRow; row <= toRow; row++) {
      const py = row + 0.5;
      for (let column = fromColumn; column <= toColumn; column++) {
        const px = column + 0.5;
        const t =
          lengthSquared === 0
            ? 0
            : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
        const ex = ax + t * dx - px;
        const ey = ay + t * dy - py;
        const d = ex * ex + ey * ey;
        const k = row * columns + column;
        if (d < out[k]!) out[k] = d;
      }
    }
  }
  return out;
}

/** Non-zero winding along each pixel row: which pixel centres the outline encloses. */
function insideMask(
  segments: Float64Array,
  x0: number,
  y0: number,
  columns: number,
  rows: number,
): Uint8Array {
  const mask = new Uint8Array(columns * rows);
  const crossings: [number, number][] = [];
  for (let row = 0; row < rows; row++) {
    const py = row + 0.5;
    crossings.length = 0;
    for (let s = 0; s < segments.length; s += 4) {
      const ay = segments[s + 1]! - y0;
      const by = segments[s + 3]! - y0;
      if (ay <= py === by <= py) continue;
      const ax = segments[s]! - x0;
      const bx = segments[s + 2]! - x0;
      crossings.push([ax + ((py - ay) * (bx - ax)) / (by - ay), by > ay ? 1 : -1]);
    }
    crossings.sort((a, b) => a[0] - b[0]);
    let winding = 0;
    let next = 0;
    for (let column = 0; column < columns; column++) {
      const px = column + 0.5;
      while (next < crossings.length && crossings[next]![0] < px) winding += crossings[next++]![1];
      if (winding !== 0) mask[row * columns + column] = 1;
    }
  }
  return mask;
}

/**
 * The SDF glyph of `id` from its outline (`commands` at GLYPH_SIZE_PX), its advance and the font's
 * ascender, both in pixels.
 */
export function renderSdfGlyph(
  id: number,
  commands: readonly PathCommand[],
  advancePx: number,
  ascenderPx: number,
): SdfGlyph {
  const rings = flattenPath(commands);
  const points = rings.flat();
  const advance = Math.round(advancePx);
  if (points.length === 0)
    return { id, bitmap: new Uint8Array(0), width: 0, height: 0, left: 0, top: 0, advance };
  const xMin = Math.round(Math.min(...points.map((p) => p[0])));
  const xMax = Math.round(Math.max(...points.map((p) => p[0])));
  // y grows downwards in the path: the ink's top is its smallest y.
  const yTop = Math.round(Math.min(...points.map((p) => p[1])));
  const yBottom = Math.round(Math.max(...points.map((p) => p[1])));
  const width = xMax - xMin;
  const height = yBottom - yTop;
  if (width === 0 || height === 0)
    return { id, bitmap: new Uint8Array(0), width: 0, height: 0, left: 0, top: 0, advance };
  const columns = width + 2 * GLYPH_BORDER_PX;
  const rows = height + 2 * GLYPH_BORDER_PX;
  const segments = new Float64Array(
    rings.flatMap((ring) => ring.flatMap((p, i) => [...ring[(i + ring.length - 1) % ring.length]!, ...p])),
  );
  const x0 = xMin - GLYPH_BORDER_PX;
  const y0 = yTop - GLYPH_BORDER_PX;
  const nearest = distancesSquared(segments, x0, y0, columns, rows);
  const inside = insideMask(segments, x0, y0, columns, rows);
  const bitmap = new Uint8Array(columns * rows);
  for (let k = 0; k < bitmap.length; k++) {
    const distance = Math.sqrt(nearest[k]!) * (inside[k] ? -1 : 1);
    bitmap[k] = Math.max(0, Math.min(255, Math.round(255 - 255 * (distance / SDF_RADIUS_PX + SDF_CUTOFF))));
  }
  return { id, bitmap, width, height, left: xMin, top: -yTop - Math.round(ascenderPx), advance };
}
