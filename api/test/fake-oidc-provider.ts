import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person at the provider: their subject and what it says about them. */
export interface ProviderAccount {
  email: string;
  emailVerified: boolean;
  name?: string;
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1, standing in for a
 * cooperative's own: one confidential client, PKCE required, and no login form — whoever the
 * test names in `signInAs` is signed in (and consents) when the browser reaches the interaction.
 */
export class FakeOidcProvider {
  readonly clientId = 'navette';
  readonly clientSecret = 'fake-provider-client-secret-for-tests';
  /** The account signed in at the next interaction. */
  signInAs = '';
  private provider: Provider | undefined;
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));
  private readonly accounts = new Map<string, ProviderAccount>();
  issuer = '';

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.issuer;
  }

  /** Starts answering, for a client whose callback is `redirectUri` (known once the API listens). */
  configure(redirectUri: string): void {
    this.provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: this.clientId,
          client_secret: this.clientSecret,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      pkce: { required: () => true },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      features: { devInteractions: { enabled: false } },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      cookies: { keys: ['fake-provider-cookie-key'] },
      ttl: {
        Interaction: 600,
        Grant: 600,
        Session: 600,
        AccessToken: 600,
        IdToken: 600,
        AuthorizationCode: 60,
      },
      findAccount: (_ctx: unknown, sub: string) => {
        const account = this.accounts.get(sub);
        return account
          ? {
              accountId: sub,
              claims: () =>
                Promise.resolve({
                  sub,
                  email: account.email,
                  email_verified: account.emailVerified,
                  name: account.name,
                }),
            }
          : undefined;
      },
    });
  }

  addAccount(sub: string, account: ProviderAccount): void {
    this.accounts.set(sub, account);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const provider = this.provider!;
    if (!req.url?.startsWith('/interaction/')) return provider.callback()(req, res);
    const details = await provider.interactionDetails(req, res);
    const grant = new provider.Grant({ accountId: this.signInAs, clientId: details.params.client_id! });
    grant.addOIDCScope(details.params.scope ?? 'openid');
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: this.signInAs }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
