import { ConfigError, loadConfig } from './app-config.js';
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

describe('mail (SMTP_URL)', () => {
  it('is off unless SMTP_URL is set; then MAIL_FROM and PUBLIC_URL have defaults', () => {
    expect(loadConfig(base).smtp).toBeUndefined();
    expect(loadConfig({ ...base, SMTP_URL: 'smtp://mail.local:25', PORT: '8080' }).smtp).toEqual({
      url: 'smtp://mail.local:25',
      from: 'Navette <no-reply@localhost>',
      publicUrl: 'http://localhost:8080',
    });
    expect(
      loadConfig({ ...base, SMTP_URL: 'smtps://u:p@mail.local', PUBLIC_URL: 'https://n.example/' }).smtp,
    ).toMatchObject({ publicUrl: 'https://n.example' });
    expect(() => loadConfig({ ...base, SMTP_URL: 'http://mail.local' })).toThrow(/SMTP_URL/);
  });
});
