import type { ErrorBody } from '@navette/contracts';

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

/** A small JSON client for `/api`: bearer token from `token()`, errors thrown as `ApiError`. */
export class ApiClient {
  constructor(
    private readonly token: () => string | null,
    private readonly origin = '',
  ) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.call<T>('POST', path, body, headers);
  }

  private async call<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.origin}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiError({ statusCode: 0, code: 'INTERNAL', message: String(error) });
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) throw new ApiError(errorBodyOf(response.status, parsed));
    return parsed as T;
  }
}

/** A random key for `Idempotency-Key`: a retried request then creates one ride, not two. */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
