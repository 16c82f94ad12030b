import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config.js';

/** How long browsers keep to HTTPS once they met it here (Strict-Transport-Security), in seconds: 180 days. */
const HSTS_MAX_AGE_SECONDS = 180 * 24 * 3600;

/**
 * Security headers on every response, API and pages alike, by helmet: `nosniff`, no referrer, no
 * framing, and a content security policy that allows only this origin, except what the map needs:
 * MapLibre's worker runs from a `blob:` URL (web-map/kit/src/map/map-view.ts), its images may be `data:`
 * or `blob:`, and a third-party basemap's origins (`config.mapOrigins`) may be fetched.
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        // Browsers without worker-src fall back to child-src.
        childSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:', ...config.mapOrigins],
        connectSrc: ["'self'", ...config.mapOrigins],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    // A community's domain may have other hosts that are not ready for HTTPS-only.
    strictTransportSecurity: { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false },
  });
}
