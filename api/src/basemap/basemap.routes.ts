import type { Express, Response } from 'express';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The self-hosted basemap, same origin as the pages, outside the `/api` prefix (plain files, no
 * Nest controller): MapLibre reads the archive through the `pmtiles` protocol with HTTP range
 * requests, and fetches glyph ranges by font stack. The styles themselves are static files
 * (`/map-style.json`, `/map-style-dark.json`), written by the build next to the web map.
 */

/** How long a browser may reuse the archive before revalidating (ETag), in seconds. */
const TILES_MAX_AGE_SECONDS = 3600;
/** Glyphs change only with the font: a week, in seconds. */
const GLYPHS_MAX_AGE_SECONDS = 7 * 24 * 3600;
const RANGE = /^(\d+)-(\d+)$/;

export interface BasemapFiles {
  /** The PMTiles archive served at /map/tiles.pmtiles: MAP_TILES, or the demo the build wrote. */
  tiles: string;
  /** Folder of `{fontstack}/{range}.pbf`. */
  fonts: string;
  /** Folder of the sprite sheets: `basemap.json`/`.png` and `basemap@2x.json`/`.png`. */
  sprites: string;
}

function sendFile(res: Response, path: string, type: string, maxAgeSeconds: number): void {
  const options = { maxAge: maxAgeSeconds * 1000, acceptRanges: true, headers: { 'Content-Type': type } };
  res.sendFile(path, options, (error?: Error & { status?: number; headers?: Record<string, string> }) => {
    if (!error || res.headersSent) return;
    // `send` reports an unsatisfiable range as 416 with `Content-Range: bytes */<size>`; else no file.
    res
      .status(error.status === 416 ? 416 : 404)
      .set(error.headers ?? {})
      .end();
  });
}

/** A sprite file's name: the sheet, `@2x` or not, its index or its image. */
const SPRITE = /^basemap(@2x)?\.(json|png)$/;

/**
 * Registers GET /map/tiles.pmtiles, GET /map/fonts/{fontstack}/{start}-{end}.pbf and
 * GET /map/sprites/basemap[@2x].{json,png} on `server`.
 */
export function mountBasemap(server: Express, files: BasemapFiles): void {
  server.get('/map/sprites/:file', (req, res) => {
    const match = SPRITE.exec(req.params.file);
    if (!match) {
      res.status(404).end();
      return;
    }
    const type = match[2] === 'json' ? 'application/json' : 'image/png';
    sendFile(res, join(files.sprites, req.params.file), type, GLYPHS_MAX_AGE_SECONDS);
  });

  server.get('/map/tiles.pmtiles', (_req, res) => {
    sendFile(res, files.tiles, 'application/vnd.pmtiles', TILES_MAX_AGE_SECONDS);
  });

  server.get('/map/fonts/:fontstack/:range.pbf', (req, res) => {
    const { fontstack, range } = req.params;
    const known = existsSync(files.fonts) ? readdirSync(files.fonts) : [];
    // MapLibre asks for a comma-separated stack; the first font we have answers.
    const stack = fontstack
      .split(',')
      .find((name) => known.includes(name.trim()))
      ?.trim();
    const match = RANGE.exec(range);
    if (!stack || !match || Number(match[2]) - Number(match[1]) !== 255) {
      res.status(404).end();
      return;
    }
    const path = join(files.fonts, stack, `${range}.pbf`);
    if (existsSync(path)) {
      sendFile(res, path, 'application/x-protobuf', GLYPHS_MAX_AGE_SECONDS);
      return;
    }
    // A range the build did not render (another script): an empty message, so labels in it are
    // left out quietly instead of failing the tile.
    res
      .set('Cache-Control', `public, max-age=${GLYPHS_MAX_AGE_SECONDS}`)
      .type('application/x-protobuf')
      .end();
  });
}
