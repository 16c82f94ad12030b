// The parts the interop check uses of two consumers that ship no types.

declare module 'jsonld' {
  interface Options {
    documentLoader?: (url: string) => Promise<never>;
    expandContext?: unknown;
  }
  const jsonld: { expand(input: unknown, options?: Options): Promise<Record<string, unknown>[]> };
  export default jsonld;
}

declare module '@mapbox/geojsonhint' {
  const geojsonhint: { hint(geojson: unknown): { message: string; level?: string }[] };
  export default geojsonhint;
}
