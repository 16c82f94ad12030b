import type { CostTerm, ScoringHooks, TripRequest, Vehicle } from '@navette/matching';
import { ridesThatYield, type FairHold } from './fair-hold.js';
import { reachOf, type Reach, type TerritoryChain, type TerritoryLink } from './reach.js';

/** What the rules know of a waiting ride and its rider. */
export interface RideFacts {
  riderId: string;
  chain: TerritoryChain;
  waitedSeconds: number;
  maxWaitSeconds: number;
  /** The tightest trust limit of the ride, its rider, their restrictions and the territory; null: none. */
  maxTrustDistance: number | null;
  /** The rider may not share a vehicle (a coordinator's restriction). */
  noPooling: boolean;
  /** Recent share of requests served in the ride's territory, 0..1 (1 when unknown). */
  zoneServiceRate: number;
}

/** What the rules know of a driver on shift. */
export interface DriverFacts {
  /** Territories covering the driver's position. */
  territories: ReadonlySet<string>;
  maxTrustDistance: number | null;
  /** The driver's share of this week's completed trips among drivers on shift, 0..1. */
  loadShare: number;
  /** The driver's share of the declared weekly hours among drivers on shift, 0..1. */
  availabilityShare: number;
  /** A volunteer's own limit that rules them out now (weekly trips reached, quiet hours, rest after an offer). */
  unavailable: string | null;
  /** Someone is aboard or assigned: taking this ride means sharing. */
  carrying: boolean;
}

/** Weights of the soft rules, in cost units (seconds of driving). */
export interface RuleWeights {
  /** Per step of trust distance between rider and driver. Default 60. */
  trustStep: number;
  /** Bonus for a ride that waited its whole wait limit (scaled by the fraction waited). Default 600. */
  waiting: number;
  /** Bonus for a ride from a territory served worst (scaled by 1 − its service rate). Default 900. */
  zone: number;
  /** Cost of a driver doing twice their share of the load (scaled by share / availability − 1). Default 120. */
  load: number;
  /** Cost per step away from local (parent 1, neighbour 2). Default 30. */
  reach: number;
}

export const DEFAULT_WEIGHTS: RuleWeights = { trustStep: 60, waiting: 600, zone: 900, load: 120, reach: 30 };

/** Beyond this many steps trust distance is not searched; unknown counts as one more. */
export const MAX_TRUST_SEARCH = 4;

export interface RuleInputs {
  rides: ReadonlyMap<string, RideFacts>;
  drivers: ReadonlyMap<string, DriverFacts>;
  /** Trust distance rider → driver, when within `MAX_TRUST_SEARCH`. */
  trust: (riderId: string, driverId: string) => number | undefined;
  /** Open tit-for-two-tats blocks: `riderId|driverId` in either order. */
  blockedPairs: ReadonlySet<string>;
  lending: readonly TerritoryLink[];
  /** (ride, driver) pairs already asked once. */
  askedPairs: ReadonlySet<string>;
  /** Fairness terms (waiting, zone, load) on or off; trust and territory rules always apply. */
  fairness: boolean;
  weights?: RuleWeights;
  /** When a ride from a better-served zone yields (fairness on); default `DEFAULT_HOLD`. */
  hold?: FairHold;
}

const reachSteps: Record<Reach, number> = { local: 0, parent: 1, neighbour: 2 };

/**
 * The community rules as the engine's scoring hooks: hard exclusions (pair blocked, trust limit,
 * territory not yet escalated, volunteer unavailable, no pooling), the fair hold (a ride of a
 * better-served zone yields while capacity is contended, `fair-hold.ts`) and weighted terms (trust
 * distance, waiting, worse-served zone, driver load, reach). Pure: everything comes in `inputs`.
 */
export function communityHooks(inputs: RuleInputs): ScoringHooks {
  const w = inputs.weights ?? DEFAULT_WEIGHTS;
  const reach = (request: TripRequest, vehicle: Vehicle) => {
    const ride = inputs.rides.get(request.id);
    const driver = inputs.drivers.get(vehicle.id);
    return ride && driver
      ? reachOf(ride.chain, driver.territories, ride.waitedSeconds, inputs.lending)
      : undefined;
  };
  const distance = (ride: RideFacts, driverId: string) =>
    inputs.trust(ride.riderId, driverId) ?? MAX_TRUST_SEARCH + 1;

  const yielding = inputs.fairness
    ? ridesThatYield(inputs.rides, inputs.drivers.values(), inputs.hold)
    : new Set<string>();
  return {
    exclude(request, vehicle) {
      const ride = inputs.rides.get(request.id);
      const driver = inputs.drivers.get(vehicle.id);
      if (!ride || !driver) return false;
      if (inputs.askedPairs.has(`${request.id}|${vehicle.id}`)) return 'asked-before';
      if (ride.riderId === vehicle.id) return 'own-ride';
      if (inputs.blockedPairs.has(`${ride.riderId}|${vehicle.id}`)) return 'pair-blocked';
      if (driver.unavailable) return driver.unavailable;
      if (ride.noPooling && driver.carrying) return 'no-pooling';
      const limits = [ride.maxTrustDistance, driver.maxTrustDistance].filter((l): l is number => l !== null);
      if (limits.length && distance(ride, vehicle.id) > Math.min(...limits)) return 'trust-distance';
      if (!reach(request, vehicle)) return 'territory-not-yet';
      if (yielding.has(request.id)) return 'yields-to-worse-served-zone';
      return false;
    },
    terms(request, vehicle) {
      const ride = inputs.rides.get(request.id);
      const driver = inputs.drivers.get(vehicle.id);
      if (!ride || !driver) return [];
      const terms: CostTerm[] = [
        { name: 'trust', value: distance(ride, vehicle.id), weight: w.trustStep },
        { name: 'reach', value: reachSteps[reach(request, vehicle) ?? 'neighbour'], weight: w.reach },
      ];
      if (inputs.fairness) {
        terms.push(
          {
            name: 'waiting',
            value: Math.min(1.5, ride.waitedSeconds / Math.max(1, ride.maxWaitSeconds)),
            weight: -w.waiting,
          },
          { name: 'zone-priority', value: 1 - ride.zoneServiceRate, weight: -w.zone },
          {
            name: 'driver-load',
            value:
              driver.availabilityShare > 0
                ? Math.max(-1, Math.min(3, driver.loadShare / driver.availabilityShare - 1))
                : driver.loadShare > 0
                  ? 3
                  : 0,
            weight: w.load,
          },
        );
      }
      return terms;
    },
  };
}
