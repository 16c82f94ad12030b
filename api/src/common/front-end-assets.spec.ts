import { acceptedEncodings } from './front-end-assets.js';

describe('acceptedEncodings', () => {
  it('lists what the client accepts, case and spaces aside', () => {
    expect([...acceptedEncodings('gzip, deflate, BR')]).toEqual(['gzip', 'deflate', 'br']);
    expect([...acceptedEncodings('br;q=1.0, gzip;q=0.8')]).toEqual(['br', 'gzip']);
  });

  it('leaves out what q=0 refuses, and accepts nothing from an absent header', () => {
    expect([...acceptedEncodings('gzip, br;q=0')]).toEqual(['gzip']);
    expect([...acceptedEncodings('br; q=0.000')]).toEqual([]);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
    expect([...acceptedEncodings('')]).toEqual([]);
  });
});
