import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { ErrorCode } from '@navette/contracts';
import { statusOf } from '../common/app-error.js';

/**
 * A success answer: the name of a contracts type (`'RideView'`), `['RideView']` for an array of
 * them, `null` for no body (204), or a media type with its own schema (a file, a JSON-LD document).
 */
export type Reply =
  string | [string] | null | { mediaType: string; schema: Record<string, unknown>; description?: string };

/** What a query parameter is; every documented query parameter is optional. */
export interface QueryDoc {
  description: string;
  /** Default `{ type: 'string' }`. */
  schema?: Record<string, unknown>;
}

export interface ApiDocOptions {
  /** A few words, imperative: `Request a ride`. */
  summary: string;
  /** A sentence or two: what it does, for whom, what it answers. */
  description: string;
  /** Success answers by HTTP status. */
  replies: Record<number, Reply>;
  /**
   * Error codes this operation gives besides the ones every operation of its kind gives (added by
   * the document itself: 400, 413, 415 and 500 everywhere; 401 with a token; 403 with `@Roles`;
   * 404 with a path parameter).
   */
  errors?: ErrorCode[];
  /** Its query parameters, by name. */
  query?: Record<string, QueryDoc>;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A contracts type answered as GeoJSON (`application/geo+json`, RFC 7946). */
export const geoJson = (name: string): Reply => ({ mediaType: 'application/geo+json', schema: ref(name) });

function content(reply: Exclude<Reply, null>) {
  if (typeof reply === 'string') return { 'application/json': { schema: ref(reply) } };
  if (Array.isArray(reply))
    return { 'application/json': { schema: { type: 'array', items: ref(reply[0]) } } };
  return { [reply.mediaType]: { schema: reply.schema } };
}

const successDescriptions: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'Done; no body',
};

/**
 * Documents one operation for the OpenAPI document: summary, description, each success answer
 * with its schema from the contracts, its own error codes and its (optional) query parameters.
 * Security and the errors common to every operation are added by `completeDocument`.
 */
export function ApiDoc(options: ApiDocOptions): MethodDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of options.errors ?? [])
    byStatus.set(statusOf[code], [...(byStatus.get(statusOf[code]) ?? []), code]);
  return applyDecorators(
    ApiOperation({ summary: options.summary, description: options.description }),
    ...Object.entries(options.replies).map(([status, reply]) =>
      ApiResponse({
        status: Number(status),
        description:
          (reply && typeof reply === 'object' && !Array.isArray(reply) ? reply.description : undefined) ??
          successDescriptions[Number(status)] ??
          'Success',
        ...(reply === null ? {} : { content: content(reply) }),
      }),
    ),
    ...[...byStatus].map(([status, codes]) => ApiResponse({ status, description: codes.join(', ') })),
    ...Object.entries(options.query ?? {}).map(([name, query]) =>
      ApiQuery({
        name,
        required: false,
        description: query.description,
        schema: query.schema ?? { type: 'string' },
      }),
    ),
  );
}

/** An optional ISO 8601 bound of a period, for `from`/`to` query parameters. */
export const periodQuery = (bound: 'from' | 'to'): QueryDoc => ({
  description: `${bound === 'from' ? 'Start' : 'End'} of the period: an ISO 8601 date, or date and time with an offset (optional)`,
  schema: { type: 'string' },
});
