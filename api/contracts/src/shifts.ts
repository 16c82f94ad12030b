import type { DriverAvailability } from './events.js';
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
  /** Whether offers can reach the driver now, and if not why (`GET /api/shifts/current` only). */
  availability?: DriverAvailability;
}
