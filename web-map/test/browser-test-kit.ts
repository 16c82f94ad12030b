import type { LngLat, TerritoryCollection, TerritoryLevel } from '@navette/contracts';
import type { Page } from 'playwright-core';
import { TERRITORY_STYLE } from '../kit/src/map/territory-layers.js';

/** What the browser tests share: how Chromium is started, the build check, geometry and colour helpers. */

export { ensureFrontEndsBuilt, root } from './front-end-build.js';

export { CHROMIUM_ARGS } from './chromium.js';

type Geometry = TerritoryCollection['features'][number]['geometry'];

/** Ray casting on the outer rings (territories here have no holes that matter for a test point). */
export function inside([x, y]: LngLat, geometry: Geometry): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some((polygon) => {
    const ring = polygon[0] ?? [];
    let isIn = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) isIn = !isIn;
    }
    return isIn;
  });
}

export type Rgb = [number, number, number];

export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `under` seen through each territory containing `point`, larger first, as the map paints them. */
export function throughTerritories(under: Rgb, point: LngLat, territories: TerritoryCollection): Rgb {
  const order: TerritoryLevel[] = ['region', 'town', 'neighbourhood'];
  const containing = territories.features
    .filter((f) => inside(point, f.geometry))
    .sort((a, b) => order.indexOf(a.properties.level) - order.indexOf(b.properties.level));
  return containing.reduce<Rgb>((below, f) => {
    const { fill, opacity } = TERRITORY_STYLE[f.properties.level];
    const over = hexToRgb(fill);
    return [0, 1, 2].map((k) => over[k]! * opacity + below[k]! * (1 - opacity)) as Rgb;
  }, under);
}

/** The minimal MapLibre surface the tests drive inside the page (`window.__navetteMap`). */
interface PageMap {
  getCanvas(): HTMLCanvasElement;
  project(p: LngLat): { x: number; y: number };
  setLayoutProperty(layer: string, name: string, value: unknown): void;
  getLayer(id: string): unknown;
  once(event: 'idle', handler: () => void): void;
  triggerRepaint(): void;
}

/** The colour of the canvas under CSS position `at` once the map is idle, `hidden` layers switched off. */
export function colourAt(
  page: Page,
  at: { x: number; y: number },
  hidden: readonly string[] = [],
): Promise<Rgb> {
  return page.evaluate(
    async ({ layers, at }) => {
      const map = (window as unknown as { __navetteMap: PageMap }).__navetteMap;
      const idle = () =>
        new Promise<void>((resolve) => {
          map.once('idle', resolve);
          map.triggerRepaint();
        });
      const present = layers.filter((id) => map.getLayer(id));
      for (const id of present) map.setLayoutProperty(id, 'visibility', 'none');
      await idle();
      const canvas = map.getCanvas();
      const ratio = canvas.width / canvas.clientWidth;
      const copy = document.createElement('canvas');
      copy.width = 1;
      copy.height = 1;
      const context = copy.getContext('2d')!;
      context.drawImage(canvas, Math.round(at.x * ratio), Math.round(at.y * ratio), 1, 1, 0, 0, 1, 1);
      const data = context.getImageData(0, 0, 1, 1).data;
      for (const id of present) map.setLayoutProperty(id, 'visibility', 'visible');
      if (present.length > 0) await idle();
      return [data[0]!, data[1]!, data[2]!] as Rgb;
    },
    { layers: hidden, at },
  );
}

/** Where `point` is drawn on the canvas, in CSS pixels. */
export function projected(page: Page, point: LngLat): Promise<{ x: number; y: number }> {
  return page.evaluate(
    (p) => (window as unknown as { __navetteMap: PageMap }).__navetteMap.project(p),
    point,
  );
}

/**
 * How many canvas pixels within `marginPx` (CSS) of each polyline change when `layers` are switched
 * off: the pixels those layers draw there. Computed in the page (a whole canvas is megabytes).
 */
export function pixelsDrawnNear(
  page: Page,
  lines: readonly (readonly LngLat[])[],
  layers: readonly string[],
  marginPx: number,
): Promise<number[]> {
  return page.evaluate(
    async ({ lines, layers, marginPx }) => {
      const map = (window as unknown as { __navetteMap: PageMap }).__navetteMap;
      const idle = () =>
        new Promise<void>((resolve) => {
          map.once('idle', resolve);
          map.triggerRepaint();
        });
      const read = () => {
        const canvas = map.getCanvas();
        const copy = document.createElement('canvas');
        copy.width = canvas.width;
        copy.height = canvas.height;
        const context = copy.getContext('2d')!;
        context.drawImage(canvas, 0, 0);
        return context.getImageData(0, 0, copy.width, copy.height).data;
      };
      await idle();
      const shown = read();
      for (const id of layers) map.setLayoutProperty(id, 'visibility', 'none');
      await idle();
      const hidden = read();
      for (const id of layers) map.setLayoutProperty(id, 'visibility', 'visible');
      await idle();
      const canvas = map.getCanvas();
      const ratio = canvas.width / canvas.clientWidth;
      return lines.map((line) => {
        const points = line.map((p) => map.project(p));
        let count = 0;
        for (let y = 0; y < canvas.height; y++)
          for (let x = 0; x < canvas.width; x++) {
            const px = x / ratio;
            const py = y / ratio;
            const near = points.slice(1).some((b, i) => {
              const a = points[i]!;
              const dx = b.x - a.x;
              const dy = b.y - a.y;
              const t = Math.max(
                0,
                Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / (dx * dx + dy * dy || 1)),
              );
              return Math.hypot(a.x + t * dx - px, a.y + t * dy - py) < marginPx;
            });
            if (!near) continue;
            const k = (y * canvas.width + x) * 4;
            const difference =
              Math.abs(shown[k]! - hidden[k]!) +
              Math.abs(shown[k + 1]! - hidden[k + 1]!) +
              Math.abs(shown[k + 2]! - hidden[k + 2]!);
            if (difference > 60) count++;
          }
        return count;
      });
    },
    { lines, layers, marginPx },
  );
}
