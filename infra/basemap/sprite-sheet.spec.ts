import { inflateSync } from 'node:zlib';
import { basemapIcons, encodePng, spriteSheet } from './sprite-sheet.js';

describe('sprite sheet', () => {
  it('indexes every icon at 1x and 2x, each in its own place on the sheet', () => {
    const icons = basemapIcons();
    for (const ratio of [1, 2]) {
      const { png, index } = spriteSheet(icons, ratio);
      expect(Object.keys(index).sort()).toEqual([...icons.keys()].sort());
      expect(index.arrow).toMatchObject({ pixelRatio: ratio, width: 12 * ratio, height: 12 * ratio });
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const entries = Object.values(index).sort((a, b) => a.x - b.x);
      for (let i = 1; i < entries.length; i++)
        expect(entries[i]!.x).toBeGreaterThanOrEqual(entries[i - 1]!.x + entries[i - 1]!.width);
    }
  });

  it('encodes pixels as PNG rows with no filter', () => {
    const png = encodePng(2, 1, Buffer.from([255, 0, 0, 255, 0, 0, 255, 128]));
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect([width, height]).toEqual([2, 1]);
    const idatLength = png.readUInt32BE(33);
    const rows = inflateSync(png.subarray(41, 41 + idatLength));
    expect([...rows]).toEqual([0, 255, 0, 0, 255, 0, 0, 255, 128]);
  });
});
