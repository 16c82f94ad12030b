import type { LngLat, PlaceKind } from '@navette/contracts';

/**
 * Real places of central Helsinki for the demo, `[lng, lat]`. Source: OpenStreetMap (© its
 * contributors, ODbL), positions read off osm.org and rounded to 0.0001° (about 10 m); the stops
 * are HSL tram stops, placed by hand from the map, so within a few tens of meters. The seed puts
 * each place in the smallest demo territory that contains it.
 */
export const HELSINKI_PLACES: readonly [name: string, kind: PlaceKind, position: LngLat][] = [
  ['Rautatieasema (Central Station)', 'station', [24.9414, 60.1719]],
  ['Oodi (Central Library)', 'library', [24.9381, 60.1738]],
  ['Kallion kirjasto', 'library', [24.9506, 60.1843]],
  ['Kallion virastotalo', 'other', [24.9461, 60.1819]],
  ['Hakaniemen kauppahalli', 'shop', [24.9514, 60.1795]],
  ['Hakaniemen metroasema', 'station', [24.951, 60.1788]],
  ['Sörnäisten metroasema', 'station', [24.9604, 60.1872]],
  ['Kalasataman metroasema', 'station', [24.9772, 60.1874]],
  ['Redi', 'shop', [24.9795, 60.1866]],
  ['Suvilahti', 'meeting-point', [24.9685, 60.1875]],
  ['Linnanmäki', 'other', [24.9405, 60.1875]],
  ['Töölön terveysasema', 'health', [24.9246, 60.184]],
  ['Töölön kirjasto', 'library', [24.923, 60.1816]],
  ['Töölöntori', 'meeting-point', [24.9238, 60.179]],
  ['Kansallismuseo', 'other', [24.9314, 60.175]],
  ['Kampin keskus', 'shop', [24.932, 60.169]],
  ['Kiasma', 'other', [24.9368, 60.1717]],
  ['Kauppatori', 'meeting-point', [24.9525, 60.1675]],
  ['Senaatintori', 'meeting-point', [24.9522, 60.1695]],
  ['Vanha kauppahalli', 'shop', [24.953, 60.1664]],
  ['Kaisa-talo (University Library)', 'library', [24.95, 60.1701]],
  ['Pasilan asema', 'station', [24.9335, 60.1989]],
  ['Meilahden tornisairaala', 'health', [24.904, 60.189]],
  ['Hakaniemi', 'stop', [24.9505, 60.1782]],
  ['Karhupuisto', 'stop', [24.9517, 60.1836]],
  ['Urheilutalo', 'stop', [24.9398, 60.1883]],
  ['Lasipalatsi', 'stop', [24.9366, 60.17]],
  ['Töölön tulli', 'stop', [24.9196, 60.193]],
];
