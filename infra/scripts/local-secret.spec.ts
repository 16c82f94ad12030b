import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPOSITORY_SECRETS } from '../../api/src/config/repository-secrets.js';
import { localJwtSecret } from './local-secret.mjs';

describe('the JWT secret npm start generates', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'navette-secret-'));
    dirs.push(dir);
    return join(dir, 'data');
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is random, made once, kept in the data folder readable by its owner only', () => {
    const data = dataDir();
    const secret = localJwtSecret(data);
    expect(Buffer.byteLength(secret)).toBeGreaterThanOrEqual(32);
    expect(REPOSITORY_SECRETS).not.toContain(secret);
    const file = join(data, 'jwt-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(localJwtSecret(data)).toBe(secret);
    expect(localJwtSecret(dataDir())).not.toBe(secret);
  });
});
