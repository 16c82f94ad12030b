/** One stop of a planned route in the rota. */
export interface RotaStop {
  rideId: string;
  type: 'pickup' | 'dropoff';
  /** ISO 8601: planned start of service at the stop. */
  at: string;
}

/** A driver's planned day. */
export interface RotaRoute {
  driverId: string;
  driverName: string;
  stops: RotaStop[];
}

/** The static plan of a day's pre-booked rides, by the same engine as live dispatch. */
export interface RotaView {
  territoryId: string;
  /** YYYY-MM-DD (UTC). */
  date: string;
  routes: RotaRoute[];
  /** Booked rides the plan could not fit. */
  unassigned: string[];
  /** Total driving of the plan, seconds. */
  travelSeconds: number;
  /** Every route passed the engine's exact check. */
  feasible: boolean;
}
