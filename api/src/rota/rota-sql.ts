/**
 * SQL fragments of the rota: dated occurrences of slots computed in the database, in each
 * territory's time zone (`AT TIME ZONE` applies its daylight-saving rules), never by hand.
 */

/** The local wall-clock start of slot `s` on the date `d` (a `date`), as a timestamptz. */
export const startsAtSql = (s: string, t: string, d: string) =>
  `((${d} + ${s}.start_time) AT TIME ZONE ${t}.timezone)`;

/** The local wall-clock end (start + duration, on the wall clock) as a timestamptz. */
export const endsAtSql = (s: string, t: string, d: string) =>
  `((${d} + ${s}.start_time + make_interval(mins => ${s}.duration_minutes)) AT TIME ZONE ${t}.timezone)`;

/** Whether slot `s` happens on date `d`: its only date, or its weekday from its first date to its last. */
export const happensOnSql = (s: string, d: string) =>
  `(${d} >= ${s}.first_date AND (${s}.until_date IS NULL OR ${d} <= ${s}.until_date)
    AND (${d} = ${s}.first_date OR (${s}.repeat = 'weekly' AND EXTRACT(ISODOW FROM ${d}) = EXTRACT(ISODOW FROM ${s}.first_date))))`;

/**
 * Territories a driver's rota covers: their home territory, the ones containing it and the ones
 * nested in it. CTE `driver_territories(id)` for driver `$member`.
 */
export const driverTerritoriesCte = (member: string) => `
  up AS (SELECT t.id, t.parent_id FROM territories t JOIN members m ON m.home_territory_id = t.id WHERE m.id = ${member}
         UNION SELECT t.id, t.parent_id FROM territories t JOIN up ON t.id = up.parent_id),
  down AS (SELECT t.id FROM territories t JOIN members m ON m.home_territory_id = t.id WHERE m.id = ${member}
           UNION SELECT t.id FROM territories t JOIN down ON t.parent_id = down.id),
  driver_territories AS (SELECT id FROM up UNION SELECT id FROM down)`;
