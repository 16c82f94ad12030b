import type { TerritoryProperties } from '@navette/contracts';

/** The territory and every one nested in it, among `territories` (ids). */
export function subtreeOf(territories: readonly TerritoryProperties[], id: string): Set<string> {
  const below = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const territory of territories)
      if (territory.parentId && below.has(territory.parentId) && !below.has(territory.id)) {
        below.add(territory.id);
        grew = true;
      }
  }
  return below;
}
