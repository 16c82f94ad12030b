import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

/** How long a browser keeps a content-hashed file, seconds: a year (its name changes with its content). */
export const IMMUTABLE_MAX_AGE_SECONDS = 365 * 24 * 3600;

/** The encodings built beside each file (infra/scripts/front-ends.mjs), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The encodings a client accepts, by `Accept-Encoding` (a `q=0` refuses one). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    accepted.add(name);
  }
  return accepted;
}

/**
 * Serves a front end's bundles from `dir` (its `public/build`): content-hashed names, so cached
 * for a year as immutable; the precompressed `.br` or `.gz` when the client accepts it (chosen by
 * `Accept-Encoding`, `Vary` says so). Source maps are never there (the build keeps them in `dist/`)
 * and are refused anyway. Anything else falls through (to a 404).
 */
export function hashedAssets(dir: string): RequestHandler {
  const root = normalize(dir + sep);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let name: string;
    try {
      name = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const path = normalize(join(root, name));
    const type = extname(path);
    if (!path.startsWith(root) || (type !== '.js' && type !== '.css') || !isFile(path)) return next();
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    const encoding = ENCODINGS.find((e) => accepted.has(e.name) && isFile(path + e.suffix));
    res.vary('Accept-Encoding');
    res.setHeader('Cache-Control', `public, max-age=${IMMUTABLE_MAX_AGE_SECONDS}, immutable`);
    res.type(type);
    if (encoding) res.setHeader('Content-Encoding', encoding.name);
    res.sendFile(
      encoding ? path + encoding.suffix : path,
      { cacheControl: false, acceptRanges: false },
      (error) => {
        if (error && !res.headersSent) next(error);
      },
    );
  };
}

/**
 * The pages themselves (HTML) are asked again each time: they name the current hashed bundles. So
 * are a page's service worker (`sw.js`, it names them too) and web manifest.
 */
export function setPageHeaders(res: Response, path: string): void {
  if (/(\.html|\.webmanifest|[/\\]sw\.js)$/.test(path)) res.setHeader('Cache-Control', 'no-cache');
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
