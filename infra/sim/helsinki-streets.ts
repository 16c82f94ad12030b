import type { LngLat } from './geometry.js';

/**
 * A few real Helsinki streets, `[lng, lat]`, traced approximately from the map: idle simulated
 * drivers cruise along them so the demo map shows cars on streets rather than in parks and bays.
 */
export const HELSINKI_STREETS: Readonly<Record<string, readonly LngLat[]>> = {
  // Erottaja → Stockmann → the National Museum → Töölö → Meilahti.
  Mannerheimintie: [
    [24.943, 60.1668],
    [24.9405, 60.169],
    [24.9355, 60.1735],
    [24.932, 60.1755],
    [24.928, 60.18],
    [24.9255, 60.187],
    [24.919, 60.195],
  ],
  // Hakaniemi → Sörnäinen → Vallila.
  Hämeentie: [
    [24.951, 60.179],
    [24.9555, 60.1825],
    [24.9606, 60.1868],
    [24.966, 60.19],
    [24.97, 60.1935],
  ],
  // Across Kallio, from the amusement park to Sörnäinen.
  Helsinginkatu: [
    [24.9385, 60.1875],
    [24.945, 60.1868],
    [24.9515, 60.1862],
    [24.958, 60.1858],
  ],
  // Through Töölö, south to north.
  Runeberginkatu: [
    [24.9255, 60.1705],
    [24.9225, 60.176],
    [24.9195, 60.1825],
    [24.9175, 60.1885],
  ],
  // Kamppi: Erottaja → Hietalahti.
  Bulevardi: [
    [24.9428, 60.1663],
    [24.939, 60.1652],
    [24.934, 60.1638],
    [24.9305, 60.163],
  ],
  // Kruununhaka: the Market Square → Senate Square → Liisankatu.
  Unioninkatu: [
    [24.951, 60.1672],
    [24.9515, 60.1695],
    [24.9522, 60.172],
    [24.953, 60.1745],
  ],
  // Along the Sörnäinen shore, Hakaniemi → Kalasatama.
  'Sörnäisten rantatie': [
    [24.955, 60.1795],
    [24.962, 60.1812],
    [24.968, 60.1845],
    [24.974, 60.1878],
    [24.978, 60.1905],
  ],
};
