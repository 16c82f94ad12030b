import type { MemberView } from '@navette/contracts';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config.js';
import { FakeOidcProvider } from './fake-oidc-provider.js';
import { Fixtures } from './fixtures.js';
import { client, startStack, type Stack } from './stack.js';

/** Where a browser ends after following the redirects of a sign-in, and the answer it stopped at. */
interface Landing {
  authorizeUrl: URL;
  /** The pages' address with the token in its fragment, when the sign-in succeeded. */
  pages?: URL;
  refused?: { status: number; body: { code: string; message: string } };
  callbackUrl?: string;
}

/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider) on 127.0.0.1: the
 * authorization code flow with PKCE, a member found by their verified email, nobody created
 * unless the deployment says so.
 */
describe('OpenID Connect sign-in', () => {
  const provider = new FakeOidcProvider();
  let stack: Stack;
  let fixtures: Fixtures;

  beforeAll(async () => {
    const issuer = await provider.listen();
    stack = await startStack({
      dispatcher: false,
      oidc: {
        issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        createMembers: false,
      },
    });
    provider.configure(`${stack.baseUrl}/api/auth/oidc/callback`);
    fixtures = Fixtures.open(stack.databaseUrl);
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
    await provider.close();
  });

  /** A browser: follows redirects from the API's login to the provider and back, keeping the provider's cookies. */
  async function signIn(as: string): Promise<Landing> {
    provider.signInAs = as;
    const jar = new Map<string, string>();
    let url = `${stack.baseUrl}/api/auth/oidc/login`;
    let authorizeUrl: URL | undefined;
    for (let hop = 0; hop < 12; hop++) {
      const toProvider = url.startsWith(provider.issuer);
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const response = await fetch(url, {
        redirect: 'manual',
        headers: toProvider && cookie ? { cookie } : {},
      });
      for (const set of response.headers.getSetCookie()) {
        const [pair = ''] = set.split(';');
        const name = pair.slice(0, pair.indexOf('='));
        if (/expires=Thu, 01 Jan 1970/i.test(set)) jar.delete(name);
        else jar.set(name, pair.slice(name.length + 1));
      }
      if (response.status < 300 || response.status >= 400) {
        return {
          authorizeUrl: authorizeUrl!,
          refused: { status: response.status, body: (await response.json()) as never },
          callbackUrl: url,
        };
      }
      const next = new URL(response.headers.get('location')!, url);
      authorizeUrl ??= next;
      if (next.origin === stack.baseUrl && next.pathname === '/')
        return { authorizeUrl, pages: next, callbackUrl: url };
      url = next.toString();
    }
    throw new Error('too many redirects');
  }

  const tokenIn = (pages: URL) => new URLSearchParams(pages.hash.slice(1)).get('token')!;

  it('signs in an existing member by their verified email, with PKCE (S256), once per state', async () => {
    const member = await fixtures.aMember('driver');
    provider.addAccount('sub-driver', { email: member.email.toUpperCase(), emailVerified: true });
    const landing = await signIn('sub-driver');
    expect(landing.authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(landing.authorizeUrl.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(landing.authorizeUrl.searchParams.get('state')).toBeTruthy();
    expect(landing.refused).toBeUndefined();
    const me = await client(stack.baseUrl, tokenIn(landing.pages!)).get<MemberView>('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(member.id);

    // The same answer from the provider, replayed: its state was used.
    const replay = await fetch(landing.callbackUrl!, { redirect: 'manual' });
    expect(replay.status).toBe(401);
  });

  it('refuses an email the provider has not verified', async () => {
    const member = await fixtures.aMember('rider');
    provider.addAccount('sub-unverified', { email: member.email, emailVerified: false });
    const landing = await signIn('sub-unverified');
    expect(landing.refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('creates nobody for an unknown email, unless the deployment allows riders to be created', async () => {
    provider.addAccount('sub-new', {
      email: 'newcomer@coop.example',
      emailVerified: true,
      name: 'New Comer',
    });
    const refused = await signIn('sub-new');
    expect(refused.refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    const before = await fixtures.db.query(`SELECT 1 FROM members WHERE email = 'newcomer@coop.example'`);
    expect(before.rowCount).toBe(0);

    stack.app.get<AppConfig>(APP_CONFIG).oidc!.createMembers = true;
    const landing = await signIn('sub-new');
    const me = await client(stack.baseUrl, tokenIn(landing.pages!)).get<MemberView>('/api/me');
    expect(me.body).toMatchObject({
      email: 'newcomer@coop.example',
      role: 'rider',
      displayName: 'New Comer',
    });
  });
});
