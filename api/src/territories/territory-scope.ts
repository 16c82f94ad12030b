/**
 * SQL that keeps coordinator-only reads and writes inside a coordinator's territories. A member may
 * manage a territory when they are an admin or coordinate it or a territory containing it. Both
 * helpers take the positions of three parameters: the territory id, the member id and whether the
 * member is an admin (boolean). A coordinator of no territory gets no row.
 */

/** CTEs `ancestors(id)` of the territory (itself included) and `managed(id)`: the territory, if allowed. */
export function managedTerritoryCtes(territory: string, member: string, admin: string): string {
  return `ancestors AS (
      SELECT id, parent_id FROM territories WHERE id = ${territory}
      UNION
      SELECT t.id, t.parent_id FROM territories t JOIN ancestors a ON t.id = a.parent_id),
    managed AS (
      SELECT id FROM territories
       WHERE id = ${territory}
         AND (${admin}::boolean OR EXISTS (
               SELECT 1 FROM territory_coordinators c
                WHERE c.member_id = ${member} AND c.territory_id IN (SELECT id FROM ancestors))))`;
}

/**
 * `WITH RECURSIVE … subtree(id)`: the territory and every territory nested in it, or nothing when the
 * member may not manage it. Follow it with the query that reads from `subtree`.
 */
export function managedSubtree(territory: string, member: string, admin: string): string {
  return `WITH RECURSIVE ${managedTerritoryCtes(territory, member, admin)},
    subtree AS (
      SELECT id FROM managed
      UNION
      SELECT t.id FROM territories t JOIN subtree s ON t.parent_id = s.id)`;
}
