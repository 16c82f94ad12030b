import { describe, expect, it } from '@jest/globals';
import { sessionIdOf, socketIoKeys } from './cluster-io.adapter.js';

describe('socket.io across API nodes', () => {
  it('keeps its stream and channels inside the deployment prefix', () => {
    expect(socketIoKeys('navette')).toEqual({
      streamName: 'navette:socket.io',
      channelPrefix: 'navette:socket.io',
    });
    expect(socketIoKeys('t-1').streamName).not.toBe(socketIoKeys('t-2').streamName);
  });

  it('issues session ids that name the node, with 120 random bits each', () => {
    const ids = Array.from({ length: 100 }, () => sessionIdOf('b'));
    for (const id of ids) expect(id).toMatch(/^b\.[A-Za-z0-9_-]{20}$/);
    expect(new Set(ids).size).toBe(100);
    expect(sessionIdOf(undefined)).toMatch(/^[A-Za-z0-9_-]{20}$/);
  });
});
