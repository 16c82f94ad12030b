import { writeVarint } from './varint.js';

describe('writeVarint', () => {
  it('writes unsigned LEB128 beyond 32 bits', () => {
    const out: number[] = [];
    writeVarint(300, out);
    writeVarint(2 ** 40 + 5, out);
    expect(out.slice(0, 2)).toEqual([0xac, 0x02]);
    expect(out.slice(2)).toEqual([0x85, 0x80, 0x80, 0x80, 0x80, 0x20]);
  });
});
