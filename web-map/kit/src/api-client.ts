import type { ErrorBody } from '@navette/contracts';
import type { GetPath, GetRoutes, PostPath, PostRoutes } from './api-routes.js';

/** An HTTP answer that was not a success, carrying the API's error body (or a network failure). */
export class ApiError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }

  /** True when the server could not be reached at all (no HTTP answer). */
  get offline(): boolean {
    return this.body.statusCode === 0;
  }
}

function errorBodyOf(status: number, parsed: unknown): ErrorBody {
  if (parsed && typeof parsed === 'object' && 'code' in parsed && 'message' in parsed)
    return parsed as ErrorBody;
  return { statusCode: status, code: 'INTERNAL', message: `HTTP ${status}` };
}

/**
 * A path the route table does not type (with an explicit `<T>`, any string): a typed route called
 * without its types fails to compile instead of falling back to `unknown`.
 */
type Untyped<S extends string, Known extends string> = S & (S extends Known ? never : unknown);

/** A small JSON client for `/api`: bearer token from `token()`, errors thrown as `ApiError`. */
export class ApiClient {
  constructor(
    private readonly token: () => string | null,
    private readonly origin = '',
  ) {}

  /** A route of `GetRoutes`, typed by it; any other path with an explicit type. */
  get<P extends GetPath>(path: P): Promise<GetRoutes[P]>;
  get<T, S extends string = string>(path: Untyped<S, GetPath>): Promise<T>;
  get(path: string): Promise<unknown> {
    return this.call('GET', path);
  }

  /** A route of `PostRoutes`, its body and answer typed by it; any other path with an explicit type. */
  post<P extends PostPath>(
    path: P,
    ...args: PostRoutes[P]['body'] extends undefined
      ? [body?: undefined, headers?: Record<string, string>]
      : [body: PostRoutes[P]['body'], headers?: Record<string, string>]
  ): Promise<PostRoutes[P]['response']>;
  post<T, S extends string = string>(
    path: Untyped<S, PostPath>,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T>;
  post(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    return this.call('POST', path, body, headers);
  }

  /** `PUT`, `PATCH` or `DELETE`, with a JSON body if given; the answer typed by the caller. */
  send<T>(method: 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return this.call(method, path, body) as Promise<T>;
  }

  /** A file the API serves (an export, a zip): its bytes with their type; a failure is an `ApiError`. */
  async download(path: string): Promise<Blob> {
    const response = await this.fetch('GET', path, undefined, { accept: '*/*' });
    if (!response.ok) throw new ApiError(errorBodyOf(response.status, await parsedBody(response)));
    return response.blob();
  }

  private async call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
    const response = await this.fetch(method, path, body, { accept: 'application/json', ...extra });
    const parsed = await parsedBody(response);
    if (!response.ok) throw new ApiError(errorBodyOf(response.status, parsed));
    return parsed;
  }

  private async fetch(
    method: string,
    path: string,
    body: unknown,
    extra: Record<string, string>,
  ): Promise<Response> {
    const headers: Record<string, string> = { ...extra };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(`${this.origin}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiError({ statusCode: 0, code: 'INTERNAL', message: String(error) });
    }
  }
}

/** The answer's JSON, or undefined when it has none or is not JSON. */
async function parsedBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** A random key for `Idempotency-Key`: a retried request then creates one ride, not two. */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
