import { InitialSchema1763884800000 } from './1763884800000-initial-schema.js';
import { PooledRoutes1763971200000 } from './1763971200000-pooled-routes.js';
import { CommunityRules1764057600000 } from './1764057600000-community-rules.js';
import { ModerationScope1764144000000 } from './1764144000000-moderation-scope.js';
import { TerritoryTimezone1764230400000 } from './1764230400000-territory-timezone.js';
import { OneOpenAutomaticReport1764316800000 } from './1764316800000-one-open-automatic-report.js';
import { NoShow1764489600000 } from './1764489600000-no-show.js';
import { LendingAgreement1764576000000 } from './1764576000000-lending-agreement.js';
import { UnmatchedExplanation1764662400000 } from './1764662400000-unmatched-explanation.js';
import { ActiveAssignmentOnActiveTrip1764748800000 } from './1764748800000-active-assignment-on-active-trip.js';
import { DriverPresence1764921600000 } from './1764921600000-driver-presence.js';
import { PlaceRetention1765008000000 } from './1765008000000-place-retention.js';
import { OneOpenRidePerTrip1765094400000 } from './1765094400000-one-open-ride-per-trip.js';
import { Places1765267200000 } from './1765267200000-places.js';
import { TerritoryRingsCcw1765353600000 } from './1765353600000-territory-rings-ccw.js';
import { CalendarFeeds1765440000000 } from './1765440000000-calendar-feeds.js';
import { MembershipLinks1765526400000 } from './1765526400000-membership-links.js';
import { DriverRoadFacts1765610000000 } from './1765610000000-driver-road-facts.js';
import { MemberSessionsAndVouchCodes1765640000000 } from './1765640000000-member-sessions-and-vouch-codes.js';
import { Rota1765650000000 } from './1765650000000-rota.js';
import { Deliveries1765660000000 } from './1765660000000-deliveries.js';
import { OpenWorkIndexes1765700000000 } from './1765700000000-open-work-indexes.js';
import { WaitingSpots1765710000000 } from './1765710000000-waiting-spots.js';
import { RideDetourDefault1765730000000 } from './1765730000000-ride-detour-default.js';
import { AssignmentIndexes1765740000000 } from './1765740000000-assignment-indexes.js';
import { TakeoverOffers1765750000000 } from './1765750000000-takeover-offers.js';

/**
 * Every migration, in the order of their timestamps (as TypeORM runs them: a merge that appends two
 * branches' lines out of order fails `places-migration.int-spec.ts`, which compares this list with
 * what ran). Listed explicitly: ESM builds cannot rely on TypeORM's file globs.
 */
export const migrations = [
  InitialSchema1763884800000,
  PooledRoutes1763971200000,
  CommunityRules1764057600000,
  ModerationScope1764144000000,
  TerritoryTimezone1764230400000,
  OneOpenAutomaticReport1764316800000,
  NoShow1764489600000,
  LendingAgreement1764576000000,
  UnmatchedExplanation1764662400000,
  ActiveAssignmentOnActiveTrip1764748800000,
  DriverPresence1764921600000,
  PlaceRetention1765008000000,
  OneOpenRidePerTrip1765094400000,
  Places1765267200000,
  TerritoryRingsCcw1765353600000,
  CalendarFeeds1765440000000,
  MembershipLinks1765526400000,
  DriverRoadFacts1765610000000,
  MemberSessionsAndVouchCodes1765640000000,
  Rota1765650000000,
  Deliveries1765660000000,
  OpenWorkIndexes1765700000000,
  WaitingSpots1765710000000,
  RideDetourDefault1765730000000,
  AssignmentIndexes1765740000000,
  TakeoverOffers1765750000000,
];
