/** One front end to bundle: its folder, the URL prefix of its bundles, its vendor libraries. */
export interface FrontEnd {
  dir: string;
  urlPrefix: string;
  vendor: [pkg: string, specifier: string, attributes: string][];
}

/** The most of a front end's own JavaScript a phone downloads, bytes gzip. */
export const OWN_JS_BUDGET_GZIP_BYTES: number;
export const FRONT_ENDS: FrontEnd[];

/** Bundles one front end (see front-ends.mjs); rejects when its own JS exceeds the budget. */
export function buildFrontEnd(
  root: string,
  front: FrontEnd,
  options?: { quiet?: boolean; budgetGzipBytes?: number; outBase?: string },
): Promise<number>;
