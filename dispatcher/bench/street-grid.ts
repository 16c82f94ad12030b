// A made-up street grid as an OpenStreetMap file, for the road-network travel model where no real
// extract can be downloaded (`roads/street-grid.ts` says what it is). By default over the demo town's
// area (infra/seeds), 200 m blocks. Import it as a real extract would be (bench README, "With a road
// network"):
//   node dispatcher/dist/bench/street-grid.js [--bbox minLng,minLat,maxLng,maxLat] [--spacing 200] [--seed 1] > grid.osm
//   osm2pgrouting -f grid.osm -c /usr/share/osm2pgrouting/mapconfig_for_cars.xml -d roads -U postgres -h 127.0.0.1 --clean
import { helsinki } from './day/demand.js';
import { toOsmXml } from './roads/osm-xml.js';
import { streetGrid } from './roads/street-grid.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

function townBox(): [number, number, number, number] {
  const town = helsinki();
  const points = town.area ?? town.zones.flatMap((z) => z.ring);
  if (points.length === 0) throw new Error('the demo town has no area to cover; pass --bbox');
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}

const bbox = option('--bbox')?.split(',').map(Number) as [number, number, number, number] | undefined;
if (bbox && (bbox.length !== 4 || bbox.some((x) => !Number.isFinite(x)))) {
  console.error('--bbox takes four numbers: minLng,minLat,maxLng,maxLat');
  process.exit(2);
}
process.stdout.write(
  toOsmXml(
    streetGrid({
      bbox: bbox ?? townBox(),
      spacingMeters: Number(option('--spacing') ?? 200),
      seed: Number(option('--seed') ?? 1),
    }),
  ),
);
