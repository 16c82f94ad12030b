import { cachePolicy } from './cache-policy.js';

/**
 * The rider page's service worker (`/sw.js`, scope `/`): keeps the page's shell (the page, its
 * bundles, the map styles, the manifest) so the page opens without network and shows the last
 * state it kept. The build writes it with the shell's file list and a version (a hash of that
 * list): a new build is a new worker, which replaces the old cache once it is installed.
 */

/** Filled in by the build (infra/scripts/front-ends.mjs). */
declare const NAVETTE_SHELL: string[];
declare const NAVETTE_VERSION: string;

/** The parts of the service worker's global scope used here (the DOM library does not type them). */
interface WorkerEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface WorkerFetchEvent extends WorkerEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  readonly location: Location;
  addEventListener(type: 'install' | 'activate', listener: (event: WorkerEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: WorkerFetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
}

const worker = self as unknown as WorkerScope;
const PREFIX = 'navette-rider-';
const CACHE = `${PREFIX}${NAVETTE_VERSION}`;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(NAVETTE_SHELL))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))),
      )
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const policy = cachePolicy(new URL(request.url), worker.location.origin);
  if (policy === 'immutable') event.respondWith(cacheFirst(request));
  else if (policy === 'page') event.respondWith(networkFirst(request, '/'));
  else if (policy === 'fresh') event.respondWith(networkFirst(request));
});

async function cacheFirst(request: Request): Promise<Response> {
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

/** The network, kept for later; without network, the copy kept (under `fallback` for the page). */
async function networkFirst(request: Request, fallback?: string): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(CACHE)).put(fallback ?? request, response.clone());
    return response;
  } catch (failure) {
    const kept = await caches.match(fallback ?? request);
    if (kept) return kept;
    throw failure;
  }
}
