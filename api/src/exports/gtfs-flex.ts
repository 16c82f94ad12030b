import type { AreaGeometry } from '@navette/contracts';
import { toCsv } from './csv.js';

export interface FlexZone {
  id: string;
  name: string;
  geometry: AreaGeometry;
  /** `[startMinute, endMinute)` of the zone's local day, or null for all day. */
  serviceHours: [number, number] | null;
  /** IANA time zone of the zone; its service hours are moved to the feed's. */
  timezone: string;
}

export interface FlexFeedInput {
  agencyName: string;
  agencyUrl: string;
  /** IANA time zone of the feed (GTFS wants one per feed). */
  timezone: string;
  zones: FlexZone[];
  /** First day of service in the calendar; the calendar runs a year from it. */
  today: Date;
}

/** Booking with Navette: real time in the app, or booked 15 minutes to 14 days ahead. */
export const BOOKING_REALTIME = 'navette-realtime';
export const BOOKING_AHEAD = 'navette-ahead';
const SERVICE_ID = 'navette-daily';

/** `HH:MM:SS` for a minute of the service day (1440 → `24:00:00`). */
export function gtfsTime(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`;
}

/** `YYYYMMDD` in UTC. */
export function gtfsDate(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

/** Minutes a time zone is ahead of UTC at `at` (`Europe/Helsinki` in winter: 120). */
export function utcOffsetMinutes(timezone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')!.value; // "GMT+02:00", or "GMT" for UTC
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/**
 * A zone's service window in the feed's time zone (GTFS has one per feed), as offsets stand on
 * `at`: two zones with different daylight-saving rules are an hour apart part of the year. Service
 * runs daily, so a window starting before midnight is written on the previous service day (GTFS
 * times may pass 24:00, never go below 00:00).
 */
export function windowInFeedZone(zone: FlexZone, feedTimezone: string, at: Date): [number, number] {
  const [from, to] = zone.serviceHours ?? [0, 1440];
  if (zone.timezone === feedTimezone) return [from, to];
  const shift = utcOffsetMinutes(feedTimezone, at) - utcOffsetMinutes(zone.timezone, at);
  const day = from + shift < 0 ? 1440 : 0;
  return [from + shift + day, to + shift + day];
}

/**
 * The files of a GTFS-Flex feed: each zone is a `locations.geojson` Feature served by its own trip,
 * whose two stop times say "picked up anywhere in the zone, dropped off anywhere in it" within the
 * service hours, booked in real time. One trip per zone keeps nested zones out of the same trip
 * (the spec's zone overlap constraint).
 */
export function gtfsFlexFiles(feed: FlexFeedInput): Record<string, string> {
  const end = new Date(feed.today.getTime() + 365 * 86_400_000);
  const agency = toCsv(
    ['agency_id', 'agency_name', 'agency_url', 'agency_timezone'],
    [['navette', feed.agencyName, feed.agencyUrl, feed.timezone]],
  );
  const routes = toCsv(
    ['route_id', 'agency_id', 'route_long_name', 'route_type', 'route_desc'],
    feed.zones.map((z) => [
      `route-${z.id}`,
      'navette',
      `Navette ${z.name}`,
      3,
      'Community pooled rides on request, anywhere in the zone',
    ]),
  );
  const trips = toCsv(
    ['route_id', 'service_id', 'trip_id'],
    feed.zones.map((z) => [`route-${z.id}`, SERVICE_ID, `trip-${z.id}`]),
  );
  const calendar = toCsv(
    [
      'service_id',
      'monday',
      'tuesday',
      'wednesday',
      'thursday',
      'friday',
      'saturday',
      'sunday',
      'start_date',
      'end_date',
    ],
    [[SERVICE_ID, 1, 1, 1, 1, 1, 1, 1, gtfsDate(feed.today), gtfsDate(end)]],
  );
  const stopTimes = toCsv(
    [
      'trip_id',
      'stop_sequence',
      'location_id',
      'start_pickup_drop_off_window',
      'end_pickup_drop_off_window',
      'pickup_type',
      'drop_off_type',
      'pickup_booking_rule_id',
      'drop_off_booking_rule_id',
    ],
    feed.zones.flatMap((z) => {
      const [from, to] = windowInFeedZone(z, feed.timezone, feed.today);
      const window = [gtfsTime(from), gtfsTime(to)];
      // pickup_type/drop_off_type 2: arranged with the service (booking); 1: not at this stop time.
      return [
        [`trip-${z.id}`, 1, z.id, ...window, 2, 1, BOOKING_REALTIME, null],
        [`trip-${z.id}`, 2, z.id, ...window, 1, 2, null, BOOKING_REALTIME],
      ];
    }),
  );
  const bookingRules = toCsv(
    ['booking_rule_id', 'booking_type', 'prior_notice_duration_min', 'prior_notice_duration_max', 'message'],
    [
      [
        BOOKING_REALTIME,
        0,
        null,
        null,
        'Ask for a ride in the Navette app; a volunteer driver is found at once.',
      ],
      [BOOKING_AHEAD, 1, 15, 14 * 1440, 'Rides may also be booked from 15 minutes to 14 days ahead.'],
    ],
  );
  const locations = {
    type: 'FeatureCollection',
    features: feed.zones.map((z) => ({
      type: 'Feature',
      id: z.id,
      properties: { stop_name: z.name },
      geometry: z.geometry,
    })),
  };
  return {
    'agency.txt': agency,
    'routes.txt': routes,
    'trips.txt': trips,
    'calendar.txt': calendar,
    'stop_times.txt': stopTimes,
    'booking_rules.txt': bookingRules,
    'locations.geojson': JSON.stringify(locations),
  };
}
