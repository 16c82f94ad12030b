export type { Queryable } from './queryable.js';
export { sql } from './sql.js';
export { releaseHolds } from './holds.js';
