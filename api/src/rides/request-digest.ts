import { createHash } from 'node:crypto';

/** The value with every object's keys sorted, so key order does not change its JSON text. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
  );
}

/**
 * SHA-256 (hex) of a request body as JSON with sorted keys: two bodies with the same fields and
 * values digest alike whatever their key order or spacing. Stored with an idempotency key, it tells
 * a replay (same body) from a key reused for another request.
 */
export function requestDigest(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(sorted(body)))
    .digest('hex');
}
