/**
 * Deepest nesting of objects and arrays a request body may have. The deepest real body, a territory
 * MultiPolygon inside a Feature, nests 6 levels; class-transformer recurses once per level and
 * overflows the stack a few thousand levels down.
 */
export const MAX_JSON_DEPTH = 32;

export interface JsonBodyProblem {
  /** Dotted path of the offending value (`properties.name`, `lenders.0.territoryId`), or `body`. */
  field: string;
  message: string;
}

/** A NUL (PostgreSQL text cannot hold it) or a UTF-16 surrogate without its pair (not Unicode text). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `what` names the text in the message: `name` for a value, `a property name in properties`. */
function textProblem(text: string, field: string, what: string): JsonBodyProblem | undefined {
  const found = UNSTORABLE.exec(text);
  if (!found) return undefined;
  return {
    field,
    message:
      found[0] === '\u0000'
        ? `${what} must not contain a NUL character`
        : `${what} must be Unicode text (it has an unpaired UTF-16 surrogate)`,
  };
}

const pathOf = (parent: string, key: string): string => (parent === 'body' ? key : `${parent}.${key}`);

/**
 * What makes a parsed JSON body unfit for the rest of the API, before class-transformer sees it:
 * nesting deeper than {@link MAX_JSON_DEPTH}, or a string or key with a NUL or a lone surrogate.
 * Walks iteratively, so a hostile depth cannot overflow the stack here either.
 */
export function jsonBodyProblem(body: unknown): JsonBodyProblem | undefined {
  const pending: { value: unknown; field: string; depth: number }[] = [
    { value: body, field: 'body', depth: 0 },
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, field, depth } = next;
    if (typeof value === 'string') {
      const problem = textProblem(value, field, field);
      if (problem) return problem;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH)
      return { field: 'body', message: `body is nested more than ${MAX_JSON_DEPTH} levels deep` };
    const entries = Object.entries(value);
    for (const [key] of entries) {
      const problem = textProblem(key, field, `a property name in ${field}`);
      if (problem) return problem;
    }
    // Reversed onto the stack, so the first problem reported is the first in the document.
    for (const [key, child] of entries.reverse()) {
      pending.push({ value: child, field: pathOf(field, key), depth: depth + 1 });
    }
  }
  return undefined;
}
