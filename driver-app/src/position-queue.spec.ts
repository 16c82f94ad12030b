import { PositionQueue } from './position-queue.js';

describe('PositionQueue', () => {
  it('keeps readings oldest first and drains them once', () => {
    const queue = new PositionQueue();
    queue.push({ position: [24.9, 60.1], atMs: 1 });
    queue.push({ position: [24.91, 60.1], atMs: 2 });
    expect(queue.latest()).toEqual({ position: [24.91, 60.1], atMs: 2 });
    expect(queue.drain().map((r) => r.atMs)).toEqual([1, 2]);
    expect(queue.size).toBe(0);
    expect(queue.latest()).toBeNull();
  });

  it('drops the oldest readings beyond its limit', () => {
    const queue = new PositionQueue(3);
    for (let at = 1; at <= 5; at++) queue.push({ position: [24.9, 60.1], atMs: at });
    expect(queue.drain().map((r) => r.atMs)).toEqual([3, 4, 5]);
  });
});
