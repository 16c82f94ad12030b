import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving one HTTP request carries: its id (`reqId`). */
export interface RequestContext {
  reqId: string;
}

/** Set by the request log middleware for the whole handling of a request. */
export const requestContext = new AsyncLocalStorage<RequestContext>();
