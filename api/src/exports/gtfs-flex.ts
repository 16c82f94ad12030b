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

/** How riders book: shown in `booking_rules.txt`, so a trip planner can send them somewhere. */
export interface FlexBookingContact {
  /** Where riders book (the rider app), absolute. */
  url: string;
  /** A phone number for booking by voice, as dialled (`+358 9 123 4567`), if the service has one. */
  phone?: string;
}

export interface FlexFeedInput {
  agencyName: string;
  /** The service's public address (configuration, never the request's `Host`). */
  agencyUrl: string;
  /** IANA time zone of the feed (GTFS wants one per feed): the exported territory's. */
  timezone: string;
  zones: FlexZone[];
  /** First day of service in the calendar (its date in the feed's time zone); the calendar runs 365 days. */
  today: Date;
  booking: FlexBookingContact;
}

/** Booking with Navette: real time in the app (rides may also be booked ahead there). */
export const BOOKING_REALTIME = 'navette-realtime';
/** The service of a zone whose hours read the same in the feed's time zone all year. */
const SERVICE_ID = 'navette-daily';
/** Days the calendar covers, from `today`. */
export const FEED_DAYS = 365;
const DAY_MS = 86_400_000;

/** `HH:MM:SS` for a minute of the service day (1440 → `24:00:00`). */
export function gtfsTime(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`;
}

/** `YYYYMMDD` of a date held as UTC midnight (see {@link localDate}). */
export function gtfsDate(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

/** The calendar date of `at` in `timezone`, as UTC midnight of that date. */
export function localDate(timezone: string, at: Date): Date {
  const text = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at); // 2025-03-01
  return new Date(`${text}T00:00:00Z`);
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
 * times may pass 24:00, never go below 00:00) — `dayBefore` says so.
 */
export function windowInFeedZone(
  zone: FlexZone,
  feedTimezone: string,
  at: Date,
): [number, number] & { dayBefore?: boolean } {
  const [from, to] = zone.serviceHours ?? [0, 1440];
  if (zone.timezone === feedTimezone) return [from, to];
  const shift = utcOffsetMinutes(feedTimezone, at) - utcOffsetMinutes(zone.timezone, at);
  if (from + shift >= 0) return [from + shift, to + shift];
  return Object.assign([from + shift + 1440, to + shift + 1440] as [number, number], { dayBefore: true });
}

/** Days (UTC midnights) a zone's window is the same, in the feed's time zone. */
interface ServicePeriod {
  first: Date;
  last: Date;
  window: [number, number];
}

/**
 * A zone's service split where its window moves in the feed's time zone: on each day of the
 * calendar the two zones' offsets are read at that day's noon (UTC), so a zone whose daylight-saving
 * rules differ from the feed's gets one period per offset instead of one offset all year.
 */
export function servicePeriods(
  zone: FlexZone,
  feedTimezone: string,
  first: Date,
  days: number,
): ServicePeriod[] {
  const periods: ServicePeriod[] = [];
  for (let i = 0; i < days; i++) {
    const day = new Date(first.getTime() + i * DAY_MS);
    const window = windowInFeedZone(zone, feedTimezone, new Date(day.getTime() + DAY_MS / 2));
    const serviceDay = window.dayBefore ? new Date(day.getTime() - DAY_MS) : day;
    const last = periods.at(-1);
    if (last && last.window[0] === window[0] && last.window[1] === window[1]) last.last = serviceDay;
    else periods.push({ first: serviceDay, last: serviceDay, window: [window[0], window[1]] });
  }
  return periods;
}

/** A zone's trips: one per service period, named after the zone (and the period's first day when split). */
interface ZoneTrip {
  zone: FlexZone;
  tripId: string;
  serviceId: string;
  period: ServicePeriod;
}

/**
 * The files of a GTFS-Flex feed: each zone is a `locations.geojson` Feature served by its own trip,
 * whose two stop times say "picked up anywhere in the zone, dropped off anywhere in it" within the
 * service hours, booked in real time. One trip per zone keeps nested zones out of the same trip
 * (the spec's zone overlap constraint). A zone in another time zone than the feed's whose offset
 * from it changes during the year (daylight saving) gets one trip per period, each on a calendar
 * of its own days, so its hours stay right all year.
 */
export function gtfsFlexFiles(feed: FlexFeedInput): Record<string, string> {
  const first = localDate(feed.timezone, feed.today);
  const lastDay = new Date(first.getTime() + (FEED_DAYS - 1) * DAY_MS);
  const trips: ZoneTrip[] = feed.zones.flatMap((zone) => {
    const periods = servicePeriods(zone, feed.timezone, first, FEED_DAYS);
    if (periods.length === 1 && periods[0]!.first.getTime() === first.getTime())
      return [
        { zone, tripId: `trip-${zone.id}`, serviceId: SERVICE_ID, period: { ...periods[0]!, last: lastDay } },
      ];
    return periods.map((period) => ({
      zone,
      tripId: `trip-${zone.id}-${gtfsDate(period.first)}`,
      serviceId: `navette-${gtfsDate(period.first)}-${gtfsDate(period.last)}`,
      period,
    }));
  });
  const services = new Map(trips.map((t) => [t.serviceId, t.period]));
  const feedStart = new Date(
    Math.min(...[...services.values()].map((p) => p.first.getTime()), first.getTime()),
  );
  const feedEnd = new Date(
    Math.max(...[...services.values()].map((p) => p.last.getTime()), lastDay.getTime()),
  );
  const agency = toCsv(
    ['agency_id', 'agency_name', 'agency_url', 'agency_timezone', 'agency_phone'],
    [['navette', feed.agencyName, feed.agencyUrl, feed.timezone, feed.booking.phone ?? null]],
  );
  const feedInfo = toCsv(
    [
      'feed_publisher_name',
      'feed_publisher_url',
      'feed_lang',
      'feed_start_date',
      'feed_end_date',
      'feed_version',
      'feed_contact_url',
    ],
    [
      [
        feed.agencyName,
        feed.agencyUrl,
        'en',
        gtfsDate(feedStart),
        gtfsDate(feedEnd),
        gtfsDate(first),
        feed.agencyUrl,
      ],
    ],
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
  const tripsFile = toCsv(
    ['route_id', 'service_id', 'trip_id'],
    trips.map((t) => [`route-${t.zone.id}`, t.serviceId, t.tripId]),
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
    [...services].map(([id, p]) => [id, 1, 1, 1, 1, 1, 1, 1, gtfsDate(p.first), gtfsDate(p.last)]),
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
    trips.flatMap((t) => {
      const window = t.period.window.map(gtfsTime);
      // pickup_type/drop_off_type 2: arranged with the service (booking); 1: not at this stop time.
      return [
        [t.tripId, 1, t.zone.id, ...window, 2, 1, BOOKING_REALTIME, null],
        [t.tripId, 2, t.zone.id, ...window, 1, 2, null, BOOKING_REALTIME],
      ];
    }),
  );
  // Only the rule the stop times name: a rule no stop time references is noise to consumers.
  const bookingRules = toCsv(
    ['booking_rule_id', 'booking_type', 'message', 'phone_number', 'info_url', 'booking_url'],
    [
      [
        BOOKING_REALTIME,
        0,
        'Ask for a ride in the Navette app; a volunteer driver is found at once. Rides may also be booked from 15 minutes to 14 days ahead.',
        feed.booking.phone ?? null,
        feed.booking.url,
        feed.booking.url,
      ],
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
    'feed_info.txt': feedInfo,
    'routes.txt': routes,
    'trips.txt': tripsFile,
    'calendar.txt': calendar,
    'stop_times.txt': stopTimes,
    'booking_rules.txt': bookingRules,
    'locations.geojson': JSON.stringify(locations),
  };
}
