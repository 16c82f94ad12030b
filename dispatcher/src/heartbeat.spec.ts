import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeartbeat } from './heartbeat.js';

describe('startHeartbeat', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heartbeat-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  };

  it('keeps the file fresh while alive, and leaves it stale once not', async () => {
    const file = join(dir, 'alive');
    let alive = true;
    const stop = startHeartbeat(file, 20, () => alive);
    await until(() => existsSync(file));
    const first = statSync(file).mtimeMs;
    await until(() => statSync(file).mtimeMs > first);
    alive = false;
    await new Promise((r) => setTimeout(r, 60));
    const last = statSync(file).mtimeMs;
    await new Promise((r) => setTimeout(r, 100));
    expect(statSync(file).mtimeMs).toBe(last);
    stop();
  });

  it('writes nothing when not alive from the start', async () => {
    const file = join(dir, 'never');
    const stop = startHeartbeat(file, 10, () => false);
    await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(file)).toBe(false);
    stop();
  });
});
