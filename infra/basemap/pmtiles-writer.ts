import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';
import { writeVarint } from './varint.js';

/**
 * A PMTiles v3 writer (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md): the npm
 * `pmtiles` package only reads archives. Tiles are written in tile-id (Hilbert) order, identical
 * tiles stored once (a run of equal neighbours is one directory entry), directories and metadata
 * gzipped; the root directory stays within the first 16 KiB, with leaf directories when it must.
 */

/** One tile, its bytes already encoded (and compressed as `tileCompression` says). */
export interface TileInput {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

export interface ArchiveOptions {
  /** 1 = MVT (vector tiles). */
  tileType: number;
  /** 1 = none, 2 = gzip. */
  tileCompression: number;
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north], degrees. */
  bounds: [number, number, number, number];
  /** [lng, lat, zoom]. */
  center: [number, number, number];
  /** The archive's JSON metadata (name, attribution, vector_layers, …). */
  metadata: Record<string, unknown>;
}

export interface DirectoryEntry {
  tileId: number;
  offset: number;
  length: number;
  /** Consecutive tile ids sharing these bytes; 0 marks a pointer to a leaf directory. */
  runLength: number;
}

const HEADER_BYTES = 127;
/** The header and root directory must fit in the first 16 KiB, so a client reads both in one request. */
const ROOT_BUDGET_BYTES = 16_384 - HEADER_BYTES;
const GZIP = 2;

/** Entry count, then tile-id deltas, run lengths, lengths, offsets (0 = right after the previous). */
export function serializeDirectory(entries: readonly DirectoryEntry[]): Uint8Array {
  const out: number[] = [];
  writeVarint(entries.length, out);
  let lastId = 0;
  for (const entry of entries) {
    writeVarint(entry.tileId - lastId, out);
    lastId = entry.tileId;
  }
  for (const entry of entries) writeVarint(entry.runLength, out);
  for (const entry of entries) writeVarint(entry.length, out);
  entries.forEach((entry, i) => {
    const previous = entries[i - 1];
    const contiguous = previous !== undefined && entry.offset === previous.offset + previous.length;
    writeVarint(contiguous ? 0 : entry.offset + 1, out);
  });
  return gzipSync(Uint8Array.from(out));
}

interface Directories {
  root: Uint8Array;
  leaves: Uint8Array;
}

/** The root alone when it fits; otherwise leaves of `leafSize` entries, doubled until the root fits. */
function buildDirectories(entries: readonly DirectoryEntry[]): Directories {
  const root = serializeDirectory(entries);
  if (root.length <= ROOT_BUDGET_BYTES) return { root, leaves: new Uint8Array(0) };
  for (let leafSize = 4096; ; leafSize *= 2) {
    const leafBytes: Uint8Array[] = [];
    const rootEntries: DirectoryEntry[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const slice = entries.slice(i, i + leafSize);
      const bytes = serializeDirectory(slice);
      rootEntries.push({ tileId: slice[0]!.tileId, offset, length: bytes.length, runLength: 0 });
      leafBytes.push(bytes);
      offset += bytes.length;
    }
    const candidate = serializeDirectory(rootEntries);
    if (candidate.length <= ROOT_BUDGET_BYTES) return { root: candidate, leaves: Buffer.concat(leafBytes) };
  }
}

function writeHeader(fields: {
  rootOffset: number;
  rootLength: number;
  metadataOffset: number;
  metadataLength: number;
  leavesOffset: number;
  leavesLength: number;
  dataOffset: number;
  dataLength: number;
  addressedTiles: number;
  tileEntries: number;
  tileContents: number;
  options: ArchiveOptions;
}): Uint8Array {
  const header = new Uint8Array(HEADER_BYTES);
  header.set(new TextEncoder().encode('PMTiles'), 0);
  header[7] = 3;
  const view = new DataView(header.buffer);
  const u64 = (at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
  u64(8, fields.rootOffset);
  u64(16, fields.rootLength);
  u64(24, fields.metadataOffset);
  u64(32, fields.metadataLength);
  u64(40, fields.leavesOffset);
  u64(48, fields.leavesLength);
  u64(56, fields.dataOffset);
  u64(64, fields.dataLength);
  u64(72, fields.addressedTiles);
  u64(80, fields.tileEntries);
  u64(88, fields.tileContents);
  const { options } = fields;
  header[96] = 1; // clustered: tile contents are in tile-id order
  header[97] = GZIP;
  header[98] = options.tileCompression;
  header[99] = options.tileType;
  header[100] = options.minZoom;
  header[101] = options.maxZoom;
  const e7 = (at: number, degrees: number) => view.setInt32(at, Math.round(degrees * 1e7), true);
  const [west, south, east, north] = options.bounds;
  e7(102, west);
  e7(106, south);
  e7(110, east);
  e7(114, north);
  const [lng, lat, zoom] = options.center;
  header[118] = zoom;
  e7(119, lng);
  e7(123, lat);
  return header;
}

/** The whole archive in memory (a city extract for the demo is a few hundred kilobytes). */
export function writePmtiles(tiles: Iterable<TileInput>, options: ArchiveOptions): Uint8Array {
  const sorted = [...tiles]
    .map((tile) => ({ tileId: zxyToTileId(tile.z, tile.x, tile.y), data: tile.data }))
    .sort((a, b) => a.tileId - b.tileId);
  const entries: DirectoryEntry[] = [];
  const chunks: Uint8Array[] = [];
  const stored = new Map<string, { offset: number; length: number }>();
  let dataLength = 0;
  for (const tile of sorted) {
    const hash = createHash('sha256').update(tile.data).digest('hex');
    let place = stored.get(hash);
    if (!place) {
      place = { offset: dataLength, length: tile.data.length };
      stored.set(hash, place);
      chunks.push(tile.data);
      dataLength += tile.data.length;
    }
    const last = entries[entries.length - 1];
    if (last && last.offset === place.offset && last.tileId + last.runLength === tile.tileId)
      last.runLength++;
    else entries.push({ tileId: tile.tileId, offset: place.offset, length: place.length, runLength: 1 });
  }
  const { root, leaves } = buildDirectories(entries);
  const metadata = gzipSync(new TextEncoder().encode(JSON.stringify(options.metadata)));
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leavesOffset = metadataOffset + metadata.length;
  const dataOffset = leavesOffset + leaves.length;
  const header = writeHeader({
    rootOffset,
    rootLength: root.length,
    metadataOffset,
    metadataLength: metadata.length,
    leavesOffset,
    leavesLength: leaves.length,
    dataOffset,
    dataLength,
    addressedTiles: sorted.length,
    tileEntries: entries.length,
    tileContents: stored.size,
    options,
  });
  return Buffer.concat([header, root, metadata, leaves, ...chunks]);
}
