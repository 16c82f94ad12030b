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
  /** The sign-up whose shift window this route fits in (planning over the rota). */
  signupId?: string;
  stops: RotaStop[];
}

/** The static plan of a day's pre-booked rides, by the same engine as live dispatch. */
export interface RotaView {
  territoryId: string;
  /** YYYY-MM-DD, the territory's local day. */
  date: string;
  routes: RotaRoute[];
  /** Booked rides the plan could not fit. */
  unassigned: string[];
  /** Total driving of the plan, seconds. */
  travelSeconds: number;
  /** Every route passed the engine's exact check. */
  feasible: boolean;
}

/** How a slot repeats: a single date, or every week on the weekday of its first date. */
export type SlotRepeat = 'once' | 'weekly';

/** A shift slot a coordinator defined (`POST /api/territories/:id/rota/slots`). */
export interface RotaSlotView {
  id: string;
  territoryId: string;
  territoryName: string;
  repeat: SlotRepeat;
  /** YYYY-MM-DD in the territory's time zone: the only date (once) or the first (weekly). */
  firstDate: string;
  /** Weekly: the last date it happens (inclusive), or null for no end. */
  untilDate: string | null;
  /** Local wall-clock start, HH:MM, in the territory's time zone (daylight saving respected). */
  startTime: string;
  durationMinutes: number;
  driversNeeded: number;
  note: string | null;
}

/** What a sign-up is now. `handed-over`: given to another driver by a swap. */
export type SignupStatus = 'signed' | 'waiting' | 'withdrawn' | 'handed-over' | 'no-show';

/** One driver on one occurrence. */
export interface RotaSignupView {
  id: string;
  driverId: string;
  driverName: string;
  status: SignupStatus;
  /** Withdrawn after the territory's cut-off (counted like a late cancellation). */
  late: boolean;
  /** The shift started from this sign-up, once started. */
  shiftId: string | null;
}

/** An open swap: a signed driver offers their place (to one driver, or to anyone). */
export interface RotaSwapView {
  id: string;
  signupId: string;
  fromDriverName: string;
  /** Null: any driver of the territory may take it. */
  toDriverId: string | null;
}

/** One dated occurrence of a slot, with who signed up. Times ISO 8601 (UTC). */
export interface RotaOccurrenceView {
  slotId: string;
  territoryId: string;
  territoryName: string;
  /** YYYY-MM-DD, local to the territory. */
  date: string;
  startsAt: string;
  endsAt: string;
  driversNeeded: number;
  note: string | null;
  /** Signed drivers, in the order they signed. */
  signed: RotaSignupView[];
  /** The waiting list, first in line first. */
  waiting: RotaSignupView[];
  /** Drivers still needed: driversNeeded − signed (never below 0). */
  gap: number;
  /** Open swaps of this occurrence's places. */
  swaps: RotaSwapView[];
  /** The asking driver's own live sign-up here (drivers' list only). */
  mine?: RotaSignupView | null;
}

/** Expected demand and signed-up capacity over one local hour. */
export interface RotaHourView {
  /** ISO 8601 start of the hour (UTC). */
  at: string;
  /** Forecast rides starting in this hour: mean of the same weekday and hour over the last weeks. */
  expectedRides: number;
  /** Signed drivers on shift during this hour. */
  signedDrivers: number;
  /** Rides the signed drivers can carry in the hour (signedDrivers × ridesPerDriverHour). */
  capacityRides: number;
  /** Demand exceeds signed capacity. */
  shortfall: boolean;
}

/** A driver's share of the rota's shifts against their share of declared hours. */
export interface RotaFairnessView {
  driverId: string;
  name: string;
  /** Signed shifts in the period (no-shows and late withdrawals counted apart). */
  shifts: number;
  shiftHours: number;
  /** Share of the period's signed shift hours, 0..1. */
  shiftShare: number;
  declaredHoursPerWeek: number;
  /** Share of the declared hours of the drivers listed, 0..1. */
  declaredShare: number;
  lateWithdrawals: number;
  noShows: number;
}

/** A booked ride no signed-up driver can take, found by the day-ahead check. */
export interface RotaFlagView {
  rideId: string;
  /** YYYY-MM-DD, local to the territory. */
  date: string;
  pickupAt: string;
  pickupName: string | null;
  flaggedAt: string;
}

/** The coordinator's week (`GET /api/territories/:id/rota/week`). */
export interface RotaWeekView {
  territoryId: string;
  timezone: string;
  /** YYYY-MM-DD, local: the first day shown (7 days). */
  from: string;
  slots: RotaSlotView[];
  occurrences: RotaOccurrenceView[];
  hours: RotaHourView[];
  /** How the forecast is made: weeks looked back, rides per driver-hour assumed. */
  forecast: { weeks: number; ridesPerDriverHour: number };
  fairness: RotaFairnessView[];
  flags: RotaFlagView[];
}

/** A territory's rota rules. */
export interface RotaRules {
  /** A withdrawal less than this before the start is late, minutes (default 720). */
  withdrawCutoffMinutes: number;
  /** A signed driver with no shift started this long after the start is a no-show, minutes (default 15). */
  noShowMinutes: number;
  /** The reminder comes this long before the start, minutes (default 60). */
  reminderMinutes: number;
}

/** One stop of the asking driver's planned day, named (never coordinates). */
export interface MyPlannedStop extends RotaStop {
  placeName: string | null;
}

/** The driver's planned stops for a day (`GET /api/rota/me/plan?date`). */
export interface MyRotaPlanView {
  date: string;
  stops: MyPlannedStop[];
}

/** Payload of `rota:reminder` (to the driver) before a signed shift. */
export interface RotaReminder {
  signupId: string;
  slotId: string;
  territoryName: string;
  startsAt: string;
  endsAt: string;
}

/** Payload of `rota:no-show` (to the territory's coordinators). */
export interface RotaNoShow {
  signupId: string;
  territoryId: string;
  driverId: string;
  driverName: string;
  startsAt: string;
}

/** Payload of `rota:promoted` (to the driver moved up from the waiting list). */
export interface RotaPromoted {
  signupId: string;
  slotId: string;
  date: string;
  startsAt: string;
}

/** Payload of `rota:flagged` (to coordinators): booked rides no signed driver can take. */
export interface RotaFlagged {
  territoryId: string;
  date: string;
  rideIds: string[];
}
