// The MapLibre worker's source, bundled as text by esbuild (`with { type: 'text' }`): see map-view.ts.
declare module 'maplibre-gl/dist/maplibre-gl-worker.mjs' {
  const source: string;
  export default source;
}
