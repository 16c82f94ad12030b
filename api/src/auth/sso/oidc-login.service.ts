import { Inject, Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { AppError } from '../../common/app-error.js';
import { APP_CONFIG, type AppConfig, type OidcConfig } from '../../config/app-config.js';
import { MemberRepository } from '../../members/member.repository.js';
import { REDIS } from '../../redis/redis.tokens.js';
import { TokenService } from '../token.service.js';
import { SsoMemberRepository } from './sso-member.repository.js';

/** How long a login started at the provider may take to come back, in seconds: 10 min. */
const PENDING_LOGIN_SECONDS = 600;

/** What a started login keeps until the provider sends the browser back (in Redis, by `state`). */
interface PendingLogin {
  codeVerifier: string;
  nonce: string;
}

/**
 * Login with the cooperative's OpenID Connect provider: authorization code flow with PKCE (S256),
 * `state` and `nonce`. The provider's verified email names the Navette member (never an unverified
 * one); an unknown email is refused unless OIDC_CREATE_MEMBERS=rider. The result is the same
 * Navette token a password login gives.
 */
@Injectable()
export class OidcLoginService {
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(MemberRepository) private readonly members: MemberRepository,
    @Inject(SsoMemberRepository) private readonly ssoMembers: SsoMemberRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
  ) {}

  private settings(): OidcConfig {
    if (!this.config.oidc) throw new AppError('NOT_FOUND', 'single sign-on is not configured here');
    return this.config.oidc;
  }

  /** The provider's metadata, fetched once (again after a failure). */
  private provider(settings: OidcConfig): Promise<oidc.Configuration> {
    this.discovered ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        execute: new URL(settings.issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.discovered = undefined;
        throw error;
      });
    return this.discovered;
  }

  private key(state: string): string {
    return `${this.config.queuePrefix}:oidc-login:${state}`;
  }

  /** Where to send the browser: the provider's authorization endpoint, with a fresh state, nonce and PKCE challenge. */
  async start(): Promise<string> {
    const settings = this.settings();
    const provider = await this.provider(settings);
    const pending: PendingLogin = { codeVerifier: oidc.randomPKCECodeVerifier(), nonce: oidc.randomNonce() };
    const state = oidc.randomState();
    await this.redis.set(this.key(state), JSON.stringify(pending), 'EX', PENDING_LOGIN_SECONDS);
    return oidc
      .buildAuthorizationUrl(provider, {
        redirect_uri: settings.redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce: pending.nonce,
      })
      .toString();
  }

  /** The provider sent the browser back with `query`: a Navette token for the member it names. */
  async finish(query: URLSearchParams): Promise<string> {
    const settings = this.settings();
    const state = query.get('state') ?? '';
    const saved = state ? await this.redis.getdel(this.key(state)) : null;
    if (!saved)
      throw new AppError('UNAUTHENTICATED', 'this sign-in expired or was already used: start again');
    const pending = JSON.parse(saved) as PendingLogin;
    const provider = await this.provider(settings);
    const callback = new URL(settings.redirectUri);
    callback.search = query.toString();
    let email: string | undefined;
    let name: string | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(provider, callback, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const subject = tokens.claims()!.sub;
      const info = await oidc.fetchUserInfo(provider, tokens.access_token, subject);
      if (info.email_verified === true && typeof info.email === 'string') email = info.email;
      name = typeof info.name === 'string' ? info.name : undefined;
    } catch (error) {
      throw new AppError(
        'UNAUTHENTICATED',
        `the identity provider refused the sign-in: ${(error as Error).message}`,
      );
    }
    if (!email) throw new AppError('FORBIDDEN', 'the identity provider did not give a verified email');
    let member = await this.members.findByEmail(email);
    if (!member && settings.createMembers) {
      const unusable = await bcrypt.hash(randomBytes(32).toString('base64url'), 10);
      await this.ssoMembers.insertRider(email, name ?? email.split('@')[0]!, unusable);
      member = await this.members.findByEmail(email);
    }
    if (!member) throw new AppError('FORBIDDEN', 'no Navette member has this email: ask a coordinator');
    return this.tokens.sign(member);
  }
}
