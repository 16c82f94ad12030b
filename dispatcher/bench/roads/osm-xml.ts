/**
 * A street network written as OpenStreetMap XML (API 0.6), the input `osm2pgrouting` imports into
 * pgRouting's `ways` tables. Only what routing reads: nodes with their place, ways with their nodes
 * and tags (`highway`, `maxspeed`, `oneway`, `name`).
 */
export interface OsmNode {
  id: number;
  lng: number;
  lat: number;
}

export interface OsmWay {
  id: number;
  /** Node ids in the order the way runs (a one-way street is driven in this order). */
  nodes: readonly number[];
  tags: Readonly<Record<string, string>>;
}

export interface OsmNetwork {
  nodes: readonly OsmNode[];
  ways: readonly OsmWay[];
}

const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The network as an `.osm` file's text. */
export function toOsmXml(network: OsmNetwork): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="navette">'];
  const lngs = network.nodes.map((n) => n.lng);
  const lats = network.nodes.map((n) => n.lat);
  if (network.nodes.length > 0) {
    const [minlon, maxlon] = [Math.min(...lngs), Math.max(...lngs)];
    const [minlat, maxlat] = [Math.min(...lats), Math.max(...lats)];
    lines.push(`  <bounds minlat="${minlat}" minlon="${minlon}" maxlat="${maxlat}" maxlon="${maxlon}"/>`);
  }
  for (const n of network.nodes)
    lines.push(`  <node id="${n.id}" version="1" lat="${n.lat.toFixed(7)}" lon="${n.lng.toFixed(7)}"/>`);
  for (const w of network.ways) {
    lines.push(`  <way id="${w.id}" version="1">`);
    for (const ref of w.nodes) lines.push(`    <nd ref="${ref}"/>`);
    for (const [k, v] of Object.entries(w.tags)) lines.push(`    <tag k="${escape(k)}" v="${escape(v)}"/>`);
    lines.push('  </way>');
  }
  lines.push('</osm>', '');
  return lines.join('\n');
}
