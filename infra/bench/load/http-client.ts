import type { LoginResponse } from '@navette/contracts';

/** A JSON call to the API; the status, the parsed body (undefined when empty or not JSON) and the headers. */
export async function callApi<T>(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T | undefined; headers: Headers }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: T | undefined;
  try {
    parsed = text ? (JSON.parse(text) as T) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** Logs in with email and password, as the apps do; the member's token and id. */
export async function logIn(baseUrl: string, email: string, password: string) {
  const { status, body } = await callApi<LoginResponse>(baseUrl, 'POST', '/api/auth/login', undefined, {
    email,
    password,
  });
  if (status !== 200 || !body) throw new Error(`login ${email}: ${status}`);
  return { token: body.token, memberId: body.member.id };
}
