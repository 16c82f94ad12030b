/**
 * How the rider page's service worker answers a GET to its own origin:
 * - `page`: the rider's page itself (`/`, `/index.html`): the network first, else the copy kept;
 * - `immutable`: content-hashed bundles (`/build/…`): the copy kept, else the network;
 * - `fresh`: what the page reads to draw the map and the last state (the map styles, glyphs and
 *   sprites, `/api/config`, `/api/territories` and its places): the network first, else the copy;
 * - `null`: anything else, the other pages (`/driver/`, `/coordinate/`, `/account/`) included, is
 *   left to the browser. Nothing personal (rides, session) is kept by the worker: the page keeps its
 *   last state itself (last-state.ts).
 */
export type CachePolicy = 'page' | 'immutable' | 'fresh' | null;

export function cachePolicy(url: URL, origin: string): CachePolicy {
  if (url.origin !== origin) return null;
  const path = url.pathname;
  if (path === '/' || path === '/index.html') return 'page';
  if (path.startsWith('/build/')) return 'immutable';
  if (/^\/map-style(-dark)?\.json$/.test(path) || path === '/manifest.webmanifest') return 'fresh';
  if (path.startsWith('/map/') && !path.endsWith('.pmtiles')) return 'fresh';
  if (path === '/api/config' || path === '/api/territories') return 'fresh';
  if (/^\/api\/territories\/[\w-]+\/places$/.test(path)) return 'fresh';
  return null;
}
