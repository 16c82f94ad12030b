import { requestDigest } from './request-digest.js';

describe('requestDigest', () => {
  it('is the same for the same fields in any order, nested too', () => {
    expect(requestDigest({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      requestDigest({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
  });

  it('differs when a value, an array order or a field differs', () => {
    const base = requestDigest({ pickup: [24.95, 60.18], seats: 1 });
    expect(requestDigest({ pickup: [24.95, 60.18], seats: 2 })).not.toBe(base);
    expect(requestDigest({ pickup: [60.18, 24.95], seats: 1 })).not.toBe(base);
    expect(requestDigest({ pickup: [24.95, 60.18] })).not.toBe(base);
  });

  it('is 64 hex digits', () => {
    expect(requestDigest({})).toMatch(/^[0-9a-f]{64}$/);
  });
});
