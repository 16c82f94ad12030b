import { strFromU8, unzipSync } from 'fflate';

/**
 * A small, independent GTFS-Flex consumer: it reads a feed zip as a trip planner would (CSV files,
 * `locations.geojson`), checks the rules of the GTFS Schedule reference that Flex feeds must follow,
 * and answers "when can I be picked up in this zone on this date", in absolute time.
 *
 * Why our own: the `gtfs` npm package (node-gtfs) imports into SQLite through better-sqlite3, a
 * native module whose install downloads a prebuilt binary or compiles with node-gyp (neither is
 * possible offline here), and whose current major needs Node 22 while Navette supports Node 20. It
 * shares no code with the exporter (`api/src/exports/gtfs-flex.ts`): it parses text, it does not
 * rebuild it.
 */

export type Table = Record<string, string>[];

export interface FlexFeed {
  files: Record<string, string>;
  tables: Record<string, Table>;
  locations: { type: string; features: { id?: unknown; type: string; geometry: unknown }[] };
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; returns records by header name. */
export function parseCsv(text: string): Table {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...records] = rows.filter((r) => r.length > 1 || r[0] !== '');
  if (!header) return [];
  return records.map((r) => Object.fromEntries(header.map((name, i) => [name.trim(), r[i] ?? ''])));
}

/** Unzips and parses a feed; throws when it is no zip or `locations.geojson` is no JSON. */
export function readFlexFeed(zip: Uint8Array): FlexFeed {
  const files = Object.fromEntries(Object.entries(unzipSync(zip)).map(([name, b]) => [name, strFromU8(b)]));
  const tables = Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => name.endsWith('.txt'))
      .map(([name, text]) => [name.replace(/\.txt$/, ''), parseCsv(text)]),
  );
  const locations = JSON.parse(
    files['locations.geojson'] ?? '{"type":"FeatureCollection","features":[]}',
  ) as FlexFeed['locations'];
  return { files, tables, locations };
}

const REQUIRED: Record<string, string[]> = {
  agency: ['agency_name', 'agency_url', 'agency_timezone'],
  routes: ['route_id', 'route_type'],
  trips: ['route_id', 'service_id', 'trip_id'],
  stop_times: ['trip_id', 'stop_sequence'],
  calendar: ['service_id', 'start_date', 'end_date'],
  feed_info: ['feed_publisher_name', 'feed_publisher_url', 'feed_lang'],
  booking_rules: ['booking_rule_id', 'booking_type'],
};

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
const isUrl = (text: string) => /^https?:\/\/[^\s/]+/.test(text);
const isDate = (text: string) => /^\d{8}$/.test(text);
/** Seconds after "noon minus 12 h" of a GTFS time `H:MM:SS` (may pass 24:00), or NaN. */
export const gtfsSeconds = (text: string) => {
  const m = /^(\d{1,2}):([0-5]\d):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : NaN;
};

/** Every rule of the reference this feed breaks, as sentences; empty when it is valid. */
export function flexProblems(feed: FlexFeed): string[] {
  const problems: string[] = [];
  const t = feed.tables;
  for (const [file, columns] of Object.entries(REQUIRED)) {
    const rows = t[file];
    if (!rows) {
      problems.push(`${file}.txt is missing`);
      continue;
    }
    if (rows.length === 0) problems.push(`${file}.txt has no rows`);
    rows.forEach((row, i) => {
      for (const c of columns) if (!row[c]) problems.push(`${file}.txt row ${i + 1}: ${c} is empty`);
    });
  }
  if (!feed.files['locations.geojson']) problems.push('locations.geojson is missing');
  if (problems.length) return problems;
  const agencies = t.agency!;
  if (new Set(agencies.map((a) => a.agency_timezone)).size > 1) problems.push('agencies differ in time zone');
  for (const a of agencies) {
    if (!isTimeZone(a.agency_timezone!))
      problems.push(`agency_timezone ${a.agency_timezone} is no IANA zone`);
    if (!isUrl(a.agency_url!)) problems.push(`agency_url ${a.agency_url} is no URL`);
  }
  const info = t.feed_info![0]!;
  if (!isUrl(info.feed_publisher_url!)) problems.push('feed_publisher_url is no URL');
  for (const d of ['feed_start_date', 'feed_end_date'])
    if (info[d] && !isDate(info[d])) problems.push(`feed_info ${d} is no YYYYMMDD date`);
  const routeIds = new Set(t.routes!.map((r) => r.route_id));
  const serviceIds = new Set(t.calendar!.map((c) => c.service_id));
  for (const c of t.calendar!) {
    if (!isDate(c.start_date!) || !isDate(c.end_date!) || c.start_date! > c.end_date!)
      problems.push(`calendar ${c.service_id}: bad dates ${c.start_date}–${c.end_date}`);
    if (info.feed_start_date && c.start_date! < info.feed_start_date)
      problems.push(`calendar ${c.service_id} starts before the feed`);
  }
  const tripIds = new Set<string>();
  const usedRoutes = new Set<string>();
  const usedServices = new Set<string>();
  for (const trip of t.trips!) {
    if (!routeIds.has(trip.route_id)) problems.push(`trip ${trip.trip_id}: unknown route ${trip.route_id}`);
    if (!serviceIds.has(trip.service_id))
      problems.push(`trip ${trip.trip_id}: unknown service ${trip.service_id}`);
    if (tripIds.has(trip.trip_id!)) problems.push(`trip ${trip.trip_id} is listed twice`);
    tripIds.add(trip.trip_id!);
    usedRoutes.add(trip.route_id!);
    usedServices.add(trip.service_id!);
  }
  for (const id of routeIds) if (!usedRoutes.has(id!)) problems.push(`route ${id} has no trip`);
  for (const id of serviceIds) if (!usedServices.has(id!)) problems.push(`service ${id} has no trip`);
  const locationIds = new Set(feed.locations.features.map((f) => String(f.id)));
  for (const f of feed.locations.features)
    if (f.id === undefined) problems.push('a locations.geojson feature has no id');
  const rules = new Map(t.booking_rules!.map((r) => [r.booking_rule_id!, r]));
  const usedRules = new Set<string>();
  for (const [i, st] of t.stop_times!.entries()) {
    const where = `stop_times row ${i + 1}`;
    if (!tripIds.has(st.trip_id!)) problems.push(`${where}: unknown trip ${st.trip_id}`);
    const hasWindow = Boolean(st.start_pickup_drop_off_window || st.end_pickup_drop_off_window);
    if (st.location_id && !locationIds.has(st.location_id))
      problems.push(`${where}: unknown location ${st.location_id}`);
    if (!st.location_id && !st.stop_id && !st.location_group_id)
      problems.push(`${where}: no stop or location`);
    if (hasWindow) {
      const [from, to] = [
        gtfsSeconds(st.start_pickup_drop_off_window!),
        gtfsSeconds(st.end_pickup_drop_off_window!),
      ];
      if (!(from < to)) problems.push(`${where}: window is empty or malformed`);
      if (st.arrival_time || st.departure_time)
        problems.push(`${where}: arrival/departure time with a window`);
      if (st.pickup_type === '0' || st.pickup_type === '3')
        problems.push(`${where}: pickup_type ${st.pickup_type} forbidden with a window`);
      if (st.drop_off_type === '0') problems.push(`${where}: drop_off_type 0 forbidden with a window`);
    }
    for (const column of ['pickup_booking_rule_id', 'drop_off_booking_rule_id']) {
      const id = st[column];
      if (!id) continue;
      usedRules.add(id);
      if (!rules.has(id)) problems.push(`${where}: unknown booking rule ${id}`);
    }
    if (st.pickup_type === '2' && !st.pickup_booking_rule_id)
      problems.push(`${where}: booked pickup without a rule`);
    if (st.drop_off_type === '2' && !st.drop_off_booking_rule_id)
      problems.push(`${where}: booked drop-off without a rule`);
  }
  for (const [id, rule] of rules) {
    if (!usedRules.has(id)) problems.push(`booking rule ${id} is referenced by no stop time`);
    if (!['0', '1', '2'].includes(rule.booking_type!)) problems.push(`booking rule ${id}: bad booking_type`);
    if (rule.booking_type === '0' && (rule.prior_notice_duration_min || rule.prior_notice_last_day))
      problems.push(`booking rule ${id}: real-time booking with prior notice`);
    if (rule.booking_type === '1' && !rule.prior_notice_duration_min)
      problems.push(`booking rule ${id}: same-day booking without prior_notice_duration_min`);
    if (!rule.phone_number && !rule.booking_url && !rule.info_url)
      problems.push(`booking rule ${id}: no phone number or URL to book with`);
  }
  return problems;
}

/** Minutes `timezone` is ahead of UTC at `at`. */
function offsetMinutes(timezone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Math.round(
    (Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute')) - at.getTime()) / 60_000,
  );
}

/**
 * The instant a service day's times count from in `timezone`: "noon minus 12 h" of the date
 * `YYYYMMDD`, as the reference defines it (midnight, except on daylight-saving days).
 */
export function serviceDayStart(date: string, timezone: string): Date {
  const noonUtc = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(4, 6)) - 1,
    Number(date.slice(6, 8)),
    12,
  );
  const noon = noonUtc - offsetMinutes(timezone, new Date(noonUtc)) * 60_000;
  return new Date(noon - 12 * 3_600_000);
}

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Whether a service runs on `YYYYMMDD`, by calendar.txt and calendar_dates.txt. */
function runs(feed: FlexFeed, serviceId: string, date: string): boolean {
  const exception = feed.tables.calendar_dates?.find((d) => d.service_id === serviceId && d.date === date);
  if (exception) return exception.exception_type === '1';
  const c = feed.tables.calendar?.find((x) => x.service_id === serviceId);
  if (!c || date < c.start_date! || date > c.end_date!) return false;
  const day = new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))),
  );
  return c[weekdays[day.getUTCDay()]!] === '1';
}

/**
 * When a rider may be picked up in `locationId` on service date `YYYYMMDD`: the windows of the
 * trips running that day, as absolute instants (the feed's time zone applied).
 */
export function pickupWindows(feed: FlexFeed, locationId: string, date: string): [Date, Date][] {
  const timezone = feed.tables.agency![0]!.agency_timezone!;
  const start = serviceDayStart(date, timezone).getTime();
  const running = new Set(
    feed.tables.trips!.filter((t) => runs(feed, t.service_id!, date)).map((t) => t.trip_id),
  );
  return feed.tables
    .stop_times!.filter(
      (st) => running.has(st.trip_id) && st.location_id === locationId && st.pickup_type === '2',
    )
    .map((st): [Date, Date] => [
      new Date(start + gtfsSeconds(st.start_pickup_drop_off_window!) * 1000),
      new Date(start + gtfsSeconds(st.end_pickup_drop_off_window!) * 1000),
    ]);
}

/** What a feed holds, for the one-line summary. */
export function flexCounts(feed: FlexFeed) {
  return {
    zones: feed.locations.features.length,
    trips: feed.tables.trips?.length ?? 0,
    services: feed.tables.calendar?.length ?? 0,
    bookingRules: feed.tables.booking_rules?.length ?? 0,
  };
}
