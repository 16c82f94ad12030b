import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nginxConfig, NGINX_BIN, nodeIds } from './cluster.js';

const template = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'nginx.conf.template'), 'utf8');
const nodes = [
  { id: 'a', port: 41001 },
  { id: 'b', port: 41002 },
];

describe('the nginx configuration of N API nodes', () => {
  it('balances sessionless requests over every node and routes a session to the node its id names', () => {
    const conf = nginxConfig(template, { prefix: '/tmp/x', port: 40999, nodes });
    expect(conf).not.toMatch(/\{\{/);
    expect(conf).toContain('listen 127.0.0.1:40999;');
    expect(conf).toContain('server 127.0.0.1:41001 max_fails=1 fail_timeout=2s;');
    expect(conf).toContain('server 127.0.0.1:41002 max_fails=1 fail_timeout=2s;');
    expect(conf).toContain('~^a\\. navette_node_a;');
    expect(conf).toContain('~^b\\. navette_node_b;');
    expect(conf).toContain('proxy_set_header Connection $connection_upgrade;');
    expect(conf).toContain('proxy_http_version 1.1;');
  });

  it('is a configuration nginx itself accepts, writing only under its prefix', () => {
    const prefix = mkdtempSync(join(tmpdir(), 'navette-nginx-t-'));
    try {
      const asRoot = process.getuid?.() === 0;
      const conf = join(prefix, 'nginx.conf');
      writeFileSync(
        conf,
        nginxConfig(template, { prefix, port: 40999, nodes, ...(asRoot ? { user: 'nobody nogroup' } : {}) }),
      );
      const check = spawnSync(
        NGINX_BIN,
        ['-t', '-c', conf, '-p', `${prefix}/`, '-e', join(prefix, 'error.log')],
        {
          encoding: 'utf8',
        },
      );
      expect(check.stderr).toMatch(/syntax is ok/);
      expect(check.status).toBe(0);
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });

  it('names nodes a, b, … and refuses a count nginx routes could not name', () => {
    expect(nodeIds(3)).toEqual(['a', 'b', 'c']);
    expect(() => nodeIds(0)).toThrow(RangeError);
    expect(() => nodeIds(27)).toThrow(RangeError);
  });
});
