import type { LngLat } from './geo.js';

export interface StartShiftRequest {
  /** Where the driver is now. */
  position: LngLat;
  /** The driver's vehicle to use; default: their first declared vehicle. */
  vehicleId?: string;
}

export interface ShiftView {
  id: string;
  driverId: string;
  vehicleId: string;
  territoryId: string;
  startedAt: string;
  endedAt: string | null;
}
