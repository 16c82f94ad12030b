import type { TerritoryCollection, TerritoryLevel } from '@navette/contracts';

/** From the finest level up: where a rider's trips are. */
const FINEST_FIRST: readonly TerritoryLevel[] = ['neighbourhood', 'town', 'region'];

/**
 * Where a rider's map opens: the territories of the finest level there is (the neighbourhoods of
 * the demo, rather than the whole region), so streets and places are readable at once.
 */
export function finestTerritories(collection: TerritoryCollection): TerritoryCollection['features'] {
  for (const level of FINEST_FIRST) {
    const features = collection.features.filter((f) => f.properties.level === level);
    if (features.length > 0) return features;
  }
  return [];
}
