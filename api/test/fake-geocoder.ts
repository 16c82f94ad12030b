import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers, in the shape of the geocoder it plays. */
export interface FakeGeocoderAnswers {
  /** Photon `/api` or Nominatim `/search`. */
  search?: unknown;
  /** `/reverse`. */
  reverse?: unknown;
  /** Wait this long before answering, in milliseconds (a slow geocoder). Default 0. */
  delayMs?: number;
}

/**
 * A local HTTP server playing Photon or Nominatim: it answers what the test set, after an optional
 * delay, and records every path and query it was asked.
 */
export class FakeGeocoder {
  readonly requests: URL[] = [];
  answers: FakeGeocoderAnswers = {};
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeGeocoder> {
    const server = createServer();
    const fake = new FakeGeocoder(server);
    server.on('request', (request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      fake.requests.push(url);
      const body = url.pathname === '/reverse' ? fake.answers.reverse : fake.answers.search;
      const timer = setTimeout(() => {
        fake.timers.delete(timer);
        if (body === undefined) response.writeHead(404).end();
        else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      }, fake.answers.delayMs ?? 0);
      fake.timers.add(timer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A Photon feature (GeoJSON), as photon.komoot.io and a self-hosted Photon answer. */
export function photonFeature(lngLat: [number, number], properties: Record<string, unknown>) {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: lngLat }, properties };
}
