import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { writePmtiles, type ArchiveOptions, type TileInput } from './pmtiles-writer.js';

/** The archive read back by the maintained reader (the npm `pmtiles` package), from memory. */
class MemorySource implements Source {
  constructor(private readonly bytes: Uint8Array) {}
  getKey(): string {
    return 'memory';
  }
  getBytes(offset: number, length: number): Promise<RangeResponse> {
    // A copy: `Buffer`'s views share one pooled ArrayBuffer.
    const slice = new Uint8Array(this.bytes.subarray(offset, offset + length));
    return Promise.resolve({ data: slice.buffer });
  }
}

const OPTIONS: ArchiveOptions = {
  tileType: 1,
  tileCompression: 1,
  minZoom: 0,
  maxZoom: 8,
  bounds: [24.45, 59.98, 25.45, 60.4],
  center: [24.94, 60.17, 12],
  metadata: { name: 'test', vector_layers: [{ id: 'roads', fields: {} }] },
};

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function textOf(response: RangeResponse | undefined): string | undefined {
  return response && new TextDecoder().decode(response.data);
}

describe('writePmtiles', () => {
  it('writes a v3 archive that the pmtiles reader opens: header, metadata and every tile', async () => {
    const tiles: TileInput[] = [
      { z: 0, x: 0, y: 0, data: bytesOf('world') },
      { z: 1, x: 1, y: 0, data: bytesOf('north-east') },
      { z: 1, x: 0, y: 1, data: bytesOf('south-west') },
      { z: 2, x: 2, y: 1, data: bytesOf('sea') },
      { z: 2, x: 3, y: 1, data: bytesOf('sea') },
    ];
    const archive = new PMTiles(new MemorySource(writePmtiles(tiles, { ...OPTIONS, maxZoom: 2 })));
    const header = await archive.getHeader();
    expect(header).toMatchObject({
      specVersion: 3,
      tileType: 1,
      minZoom: 0,
      maxZoom: 2,
      numAddressedTiles: 5,
      numTileContents: 4,
      clustered: true,
      centerZoom: 12,
    });
    expect(header.minLon).toBeCloseTo(24.45, 6);
    expect(header.maxLat).toBeCloseTo(60.4, 6);
    expect(await archive.getMetadata()).toEqual(OPTIONS.metadata);
    for (const tile of tiles)
      expect(textOf(await archive.getZxy(tile.z, tile.x, tile.y))).toBe(new TextDecoder().decode(tile.data));
    expect(await archive.getZxy(2, 0, 0)).toBeUndefined();
  });

  it('stores a run of identical neighbours once and as one directory entry', async () => {
    const tiles: TileInput[] = [];
    for (let x = 0; x < 16; x++)
      for (let y = 0; y < 16; y++) tiles.push({ z: 4, x, y, data: bytesOf('ocean') });
    const bytes = writePmtiles(tiles, { ...OPTIONS, minZoom: 4, maxZoom: 4 });
    const archive = new PMTiles(new MemorySource(bytes));
    const header = await archive.getHeader();
    expect(header.numAddressedTiles).toBe(256);
    expect(header.numTileContents).toBe(1);
    expect(header.numTileEntries).toBe(1);
    expect(textOf(await archive.getZxy(4, 15, 15))).toBe('ocean');
  });

  it('moves entries to leaf directories when the root would not fit in the first 16 KiB', async () => {
    // 87,381 distinct tiles of pseudo-random lengths: far too many entries for one root directory.
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const tiles: TileInput[] = [];
    for (let z = 0; z <= 8; z++)
      for (let x = 0; x < 2 ** z; x++)
        for (let y = 0; y < 2 ** z; y++)
          tiles.push({ z, x, y, data: bytesOf(`${z}/${x}/${y}`.padEnd(8 + Math.floor(random() * 40), '.')) });
    const archive = new PMTiles(new MemorySource(writePmtiles(tiles, OPTIONS)));
    const header = await archive.getHeader();
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    for (const [z, x, y] of [
      [0, 0, 0],
      [5, 17, 30],
      [8, 0, 255],
      [8, 255, 0],
      [8, 200, 100],
    ] as const)
      expect(textOf(await archive.getZxy(z, x, y))?.replace(/\.+$/, '')).toBe(`${z}/${x}/${y}`);
  });
});
