import { ConfigError, loadConfig, loadDatabaseUrl } from './app-config.js';
import { REPOSITORY_SECRETS } from './repository-secrets.js';

const base = { DATABASE_URL: 'postgres://localhost/navette', REDIS_URL: 'redis://localhost:6379' };

describe('the JWT secret', () => {
  it('in production: refused when missing, shorter than 32 bytes, or written in the repository', () => {
    const production = { ...base, NODE_ENV: 'production' };
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, JWT_SECRET: 'x'.repeat(31) })).toThrow(/32/);
    for (const secret of REPOSITORY_SECRETS) {
      expect(() => loadConfig({ ...production, JWT_SECRET: secret })).toThrow(/repository/);
      expect(() => loadConfig({ ...production, JWT_SECRET: `${secret}\n` })).toThrow(/repository/);
    }
    const own = 'k'.repeat(16) + 'ä'.repeat(8); // 16 + 16 bytes
    expect(loadConfig({ ...production, JWT_SECRET: own }).jwtSecret).toBe(own);
  });

  it('outside production, when unset: random for each process, never a repository secret', () => {
    const first = loadConfig(base).jwtSecret;
    const second = loadConfig({ ...base, JWT_SECRET: '' }).jwtSecret;
    expect(first).not.toBe(second);
    expect(Buffer.byteLength(first)).toBeGreaterThanOrEqual(32);
    expect(REPOSITORY_SECRETS).not.toContain(first);
    expect(loadConfig({ ...base, JWT_SECRET: 'a-developer-chose-this' }).jwtSecret).toBe(
      'a-developer-chose-this',
    );
  });
});

describe('the map origins the pages may fetch from', () => {
  it('none for the bundled style; a third-party style’s origin and MAP_ORIGINS otherwise', () => {
    expect(loadConfig(base).mapOrigins).toEqual([]);
    const config = loadConfig({
      ...base,
      MAP_STYLE_URL: 'https://tiles.example.org/styles/plain.json',
      MAP_ORIGINS: 'https://tiles.example.org https://glyphs.example.net/fonts/',
    });
    expect(config.mapOrigins).toEqual(['https://tiles.example.org', 'https://glyphs.example.net']);
    expect(() => loadConfig({ ...base, MAP_ORIGINS: 'javascript:alert(1)' })).toThrow(/https/);
    expect(() => loadConfig({ ...base, MAP_ORIGINS: 'tiles' })).toThrow(/not a URL/);
  });
});

describe('the public address and booking phone (GTFS-Flex)', () => {
  it('PUBLIC_URL, ending in /; by default localhost on PORT; not a URL or not http(s): refused', () => {
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://navette.example.org' }).publicUrl).toBe(
      'https://navette.example.org/',
    );
    expect(loadConfig({ ...base, PORT: '8080' }).publicUrl).toBe('http://localhost:8080/');
    expect(() => loadConfig({ ...base, PUBLIC_URL: 'navette.example.org' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ ...base, PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/https/);
  });

  it('BOOKING_PHONE when set, none otherwise', () => {
    expect(loadConfig({ ...base, BOOKING_PHONE: '+358 9 123 4567' }).bookingPhone).toBe('+358 9 123 4567');
    expect(loadConfig(base).bookingPhone).toBeUndefined();
  });
});

describe('several nodes behind a proxy (ADR 0032)', () => {
  it('API_NODE_ID: none by default; 1 to 16 of a-z and 0-9, nothing a session id or nginx would misread', () => {
    expect(loadConfig(base).nodeId).toBeUndefined();
    expect(loadConfig({ ...base, API_NODE_ID: 'b2' }).nodeId).toBe('b2');
    for (const bad of ['B', 'a.b', 'a-b', 'x'.repeat(17)])
      expect(() => loadConfig({ ...base, API_NODE_ID: bad })).toThrow(/API_NODE_ID/);
  });

  it('TRUST_PROXY: none by default, passed to Express as written', () => {
    expect(loadConfig(base).trustProxy).toBeUndefined();
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
  });
});

describe('metrics and single sign-on settings', () => {
  it('METRICS_TOKEN: off by default, at least 16 characters when set', () => {
    expect(loadConfig(base).metricsToken).toBeUndefined();
    expect(() => loadConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ ...base, METRICS_TOKEN: 'a'.repeat(16) }).metricsToken).toBe('a'.repeat(16));
  });

  it('OIDC: off without an issuer; https only, except on a loopback address; members created only as riders', () => {
    expect(loadConfig(base).oidc).toBeUndefined();
    const oidc = {
      ...base,
      OIDC_ISSUER: 'https://id.coop.example',
      OIDC_CLIENT_ID: 'navette',
      OIDC_REDIRECT_URI: 'https://navette.coop.example/api/auth/oidc/callback',
    };
    expect(loadConfig(oidc).oidc).toEqual({
      issuer: 'https://id.coop.example',
      clientId: 'navette',
      redirectUri: 'https://navette.coop.example/api/auth/oidc/callback',
      createMembers: false,
    });
    expect(() => loadConfig({ ...oidc, OIDC_ISSUER: 'http://id.coop.example' })).toThrow(/https/);
    expect(loadConfig({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.issuer).toBe(
      'http://127.0.0.1:4000',
    );
    expect(() => loadConfig({ ...oidc, OIDC_CLIENT_ID: '' })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadConfig({ ...oidc, OIDC_CREATE_MEMBERS: 'admin' })).toThrow(/rider/);
    expect(loadConfig({ ...oidc, OIDC_CREATE_MEMBERS: 'rider' }).oidc?.createMembers).toBe(true);
  });

  it('DATABASE_URL alone is enough to migrate', () => {
    expect(loadDatabaseUrl({ DATABASE_URL: 'postgres://localhost/navette' })).toBe(
      'postgres://localhost/navette',
    );
    expect(() => loadDatabaseUrl({})).toThrow(/DATABASE_URL/);
  });
});

describe('mail (SMTP_URL)', () => {
  it('is off unless SMTP_URL is set; then MAIL_FROM has a default, and links use PUBLIC_URL', () => {
    expect(loadConfig(base).smtp).toBeUndefined();
    expect(loadConfig({ ...base, SMTP_URL: 'smtp://mail.local:25', PORT: '8080' })).toMatchObject({
      smtp: { url: 'smtp://mail.local:25', from: 'Navette <no-reply@localhost>' },
      publicUrl: 'http://localhost:8080/',
    });
    expect(
      loadConfig({ ...base, SMTP_URL: 'smtps://u:p@mail.local', PUBLIC_URL: 'https://n.example/' }),
    ).toMatchObject({ publicUrl: 'https://n.example/' });
    expect(() => loadConfig({ ...base, SMTP_URL: 'http://mail.local' })).toThrow(/SMTP_URL/);
  });
});
