import type { TerritoryLevel } from '@navette/contracts';
import type { FillLayerSpecification, LineLayerSpecification } from 'maplibre-gl';

/**
 * One look per nesting level: the smaller the territory, the stronger its colour and outline. Light
 * tints: the basemap's streets and names must stay readable through all three levels stacked.
 */
export const TERRITORY_STYLE: Record<
  TerritoryLevel,
  { fill: string; opacity: number; line: string; width: number }
> = {
  region: { fill: '#9fb8e0', opacity: 0.06, line: '#5d7fb8', width: 1 },
  town: { fill: '#5b8fd6', opacity: 0.08, line: '#2f5fa8', width: 1.5 },
  neighbourhood: { fill: '#2364c4', opacity: 0.14, line: '#123d80', width: 2.5 },
};

const LEVELS = Object.keys(TERRITORY_STYLE) as TerritoryLevel[];

/** `['match', ['get', 'level'], 'region', v1, 'town', v2, …, fallback]` over the style table. */
function byLevel<K extends keyof (typeof TERRITORY_STYLE)['region']>(key: K) {
  const pairs = LEVELS.flatMap((level) => [level, TERRITORY_STYLE[level][key]]);
  return ['match', ['get', 'level'], ...pairs, TERRITORY_STYLE.town[key]];
}

/** Larger territories first so the nested ones are drawn on top. */
const LEVEL_ORDER = ['match', ['get', 'level'], 'region', 0, 'town', 1, 'neighbourhood', 2, 1];

export function territoryLayers(source: string): [FillLayerSpecification, LineLayerSpecification] {
  return [
    {
      id: `${source}-fill`,
      type: 'fill',
      source,
      layout: { 'fill-sort-key': LEVEL_ORDER },
      paint: { 'fill-color': byLevel('fill'), 'fill-opacity': byLevel('opacity') },
    } as FillLayerSpecification,
    {
      id: `${source}-line`,
      type: 'line',
      source,
      layout: { 'line-sort-key': LEVEL_ORDER, 'line-join': 'round' },
      paint: { 'line-color': byLevel('line'), 'line-width': byLevel('width') },
    } as LineLayerSpecification,
  ];
}
