import type { StyleSpecification } from 'maplibre-gl';
import { absoluteStyle, keepOverlay } from './basemap-style.js';

const STYLE: StyleSpecification = {
  version: 8,
  glyphs: '/map/fonts/{fontstack}/{range}.pbf',
  sources: {
    protomaps: { type: 'vector', url: 'pmtiles:///map/tiles.pmtiles' },
    other: { type: 'vector', tiles: ['/tiles/{z}/{x}/{y}.pbf'] },
    remote: { type: 'vector', url: 'https://tiles.example.org/tiles.json' },
  },
  layers: [
    { id: 'background', type: 'background' },
    { id: 'water', type: 'fill', source: 'protomaps', 'source-layer': 'water' },
    { id: 'labels', type: 'symbol', source: 'protomaps', 'source-layer': 'places' },
  ],
};

describe('absoluteStyle', () => {
  it('resolves same-origin paths against the style URL, keeping placeholders and the pmtiles scheme', () => {
    const style = absoluteStyle(STYLE, 'http://127.0.0.1:3000/map-style.json');
    expect(style.glyphs).toBe('http://127.0.0.1:3000/map/fonts/{fontstack}/{range}.pbf');
    expect(style.sources.protomaps).toEqual({
      type: 'vector',
      url: 'pmtiles://http://127.0.0.1:3000/map/tiles.pmtiles',
    });
    expect(style.sources.other).toEqual({
      type: 'vector',
      tiles: ['http://127.0.0.1:3000/tiles/{z}/{x}/{y}.pbf'],
    });
    expect(style.sources.remote).toEqual(STYLE.sources.remote);
    expect(style.layers).toBe(STYLE.layers);
  });
});

describe('keepOverlay', () => {
  it("carries Navette's sources and layers into the next style, below its labels", () => {
    const previous: StyleSpecification = {
      ...STYLE,
      sources: {
        ...STYLE.sources,
        territories: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      },
      layers: [...STYLE.layers, { id: 'territories-fill', type: 'fill', source: 'territories' }],
    };
    const next = keepOverlay(previous, STYLE);
    expect(next.layers.map((l) => l.id)).toEqual(['background', 'water', 'territories-fill', 'labels']);
    expect(next.sources.territories).toBe(previous.sources.territories);
    expect(keepOverlay(undefined, STYLE)).toBe(STYLE);
  });
});
