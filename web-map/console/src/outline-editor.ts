import type { AreaGeometry, LngLat } from '@navette/contracts';
import type { MapView } from '@navette/web-kit/map';
import * as terraDraw from 'terra-draw';
import * as terraDrawMapLibre from 'terra-draw-maplibre-gl-adapter';

type FeatureId = string | number;

/** A Terra Draw feature: a GeoJSON Feature whose `properties.mode` names the mode that drew it. */
interface DrawFeature {
  id?: FeatureId;
  type: 'Feature';
  geometry: { type: string; coordinates: unknown };
  properties: { mode: string };
}

/**
 * The part of Terra Draw used here, typed locally: its published `.d.ts` files import one another
 * without extensions, which NodeNext resolution (an ES module package) cannot follow, so its own
 * types come out unresolved. Checked against terra-draw 1.37.
 */
interface Draw {
  start(): void;
  setMode(mode: string): void;
  clear(): void;
  on(event: 'finish', listener: (id: FeatureId, context: { mode: string; action: string }) => void): void;
  on(event: 'change', listener: () => void): void;
  addFeatures(features: DrawFeature[]): { id?: FeatureId; valid: boolean }[];
  selectFeature(id: FeatureId): void;
  getSnapshotFeature(id: FeatureId): DrawFeature | undefined;
}
type Constructor<T> = new (options: object) => T;
const { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode, TerraDrawRenderMode } =
  terraDraw as unknown as {
    TerraDraw: Constructor<Draw>;
    TerraDrawPolygonMode: Constructor<object>;
    TerraDrawSelectMode: Constructor<object>;
    TerraDrawRenderMode: Constructor<object>;
  };
const { TerraDrawMapLibreGLAdapter } = terraDrawMapLibre as unknown as {
  TerraDrawMapLibreGLAdapter: Constructor<object>;
};

/** Terra Draw keeps at most 9 decimals; 7 is ~1 cm, more than a territory needs. */
const round = ([lng, lat]: number[]): LngLat => [Math.round(lng! * 1e7) / 1e7, Math.round(lat! * 1e7) / 1e7];

/** What the editor does now: nothing, drawing a new outline point by point, or moving an outline's points. */
export type OutlineMode = 'idle' | 'drawing' | 'editing';

/**
 * One polygon drawn or edited on the map with Terra Draw (its MapLibre adapter): `draw()` starts a
 * new outline (click each corner, click the first again or press Enter to close), `edit(geometry)`
 * shows an existing one with draggable corners and midpoints. `geometry()` is what is there now.
 * The server judges validity (self-intersection, nesting): this only draws.
 */
export class OutlineEditor {
  private readonly draw: Draw;
  private featureId: FeatureId | undefined;
  mode: OutlineMode = 'idle';

  constructor(
    view: MapView,
    private readonly onChange: () => void,
  ) {
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: view.map }),
      modes: [
        new TerraDrawPolygonMode({
          styles: { fillColor: '#e69f00', fillOpacity: 0.25, outlineColor: '#8a4b00', outlineWidth: 3 },
        }),
        new TerraDrawSelectMode({
          flags: {
            polygon: {
              feature: {
                draggable: false,
                coordinates: { midpoints: true, draggable: true, deletable: true },
              },
            },
          },
        }),
        new TerraDrawRenderMode({ modeName: 'idle', styles: {} }),
      ],
    });
    this.draw.start();
    this.draw.setMode('idle');
    this.draw.on('finish', (id, context) => {
      if (context.mode !== 'polygon' || context.action !== 'draw') return;
      this.featureId = id;
      // A drawn outline can be corrected at once: its corners become draggable.
      this.draw.setMode('select');
      this.draw.selectFeature(id);
      this.mode = 'editing';
      this.onChange();
    });
    this.draw.on('change', () => this.onChange());
  }

  /** Starts a new outline; whatever was drawn is cleared. */
  startDrawing(): void {
    this.draw.clear();
    this.featureId = undefined;
    this.draw.setMode('polygon');
    this.mode = 'drawing';
    this.onChange();
  }

  /** Shows a territory's outline with draggable corners; false when it is not one polygon. */
  edit(geometry: AreaGeometry): boolean {
    const polygon =
      geometry.type === 'Polygon'
        ? geometry.coordinates
        : geometry.coordinates.length === 1
          ? geometry.coordinates[0]!
          : null;
    if (!polygon) return false;
    this.draw.clear();
    this.draw.setMode('select');
    const feature: DrawFeature = {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: polygon.map((ring) => ring.map(round)) },
      properties: { mode: 'polygon' },
    };
    const [result] = this.draw.addFeatures([feature]);
    if (!result?.valid || result.id === undefined) return false;
    this.featureId = result.id;
    this.draw.selectFeature(result.id);
    this.mode = 'editing';
    this.onChange();
    return true;
  }

  /** The outline there now (a Polygon), or null while none is closed. */
  geometry(): AreaGeometry | null {
    if (this.featureId === undefined) return null;
    const feature = this.draw.getSnapshotFeature(this.featureId);
    if (!feature || feature.geometry.type !== 'Polygon') return null;
    return {
      type: 'Polygon',
      coordinates: (feature.geometry.coordinates as number[][][]).map((r) => r.map(round)),
    };
  }

  /** Clears the drawing and stops listening to the map. */
  reset(): void {
    this.draw.clear();
    this.featureId = undefined;
    this.draw.setMode('idle');
    this.mode = 'idle';
    this.onChange();
  }
}
