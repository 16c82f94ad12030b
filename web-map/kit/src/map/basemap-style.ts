import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';

/**
 * The basemap style as MapLibre should see it: MapLibre fetches glyphs, sprites and tiles from
 * workers, where a path such as `/map/fonts/…` means nothing, so every URL the style names is made
 * absolute against the style's own URL (`pmtiles:///map/tiles.pmtiles` becomes
 * `pmtiles://https://host/map/tiles.pmtiles`, the form the `pmtiles` protocol reads).
 */
export function absoluteStyle(style: StyleSpecification, styleUrl: string): StyleSpecification {
  const absolute = (url: string): string => {
    const pmtiles = /^pmtiles:\/\//.exec(url);
    if (pmtiles) return `pmtiles://${absolute(url.slice('pmtiles://'.length))}`;
    // Keep the {fontstack}/{range}/{z} placeholders that URL parsing would escape.
    return new URL(url, styleUrl).href.replace(/%7B/g, '{').replace(/%7D/g, '}');
  };
  const sources = Object.fromEntries(
    Object.entries(style.sources).map(([id, source]) => {
      const copy = { ...source } as Record<string, unknown>;
      if (typeof copy.url === 'string') copy.url = absolute(copy.url);
      if (Array.isArray(copy.tiles)) copy.tiles = (copy.tiles as string[]).map(absolute);
      if (typeof copy.data === 'string') copy.data = absolute(copy.data);
      return [id, copy];
    }),
  ) as StyleSpecification['sources'];
  return {
    ...style,
    sources,
    ...(style.glyphs ? { glyphs: absolute(style.glyphs) } : {}),
    ...(typeof style.sprite === 'string' ? { sprite: absolute(style.sprite) } : {}),
  };
}

/**
 * `next` with the overlay that Navette added to `previous` (sources absent from `next`, and the
 * layers drawing them), so switching light ↔ dark keeps the territories. Overlay layers go below the
 * first label layer, as `showTerritories` puts them.
 */
export function keepOverlay(
  previous: StyleSpecification | undefined,
  next: StyleSpecification,
): StyleSpecification {
  if (!previous) return next;
  const overlaySources = Object.keys(previous.sources).filter((id) => !(id in next.sources));
  const overlayLayers = previous.layers.filter(
    (layer) => 'source' in layer && overlaySources.includes(layer.source),
  );
  const firstLabel = next.layers.findIndex((layer) => layer.type === 'symbol');
  const at = firstLabel === -1 ? next.layers.length : firstLabel;
  const layers: LayerSpecification[] = [
    ...next.layers.slice(0, at),
    ...overlayLayers,
    ...next.layers.slice(at),
  ];
  const sources = { ...next.sources };
  for (const id of overlaySources) sources[id] = previous.sources[id]!;
  return { ...next, sources, layers };
}
