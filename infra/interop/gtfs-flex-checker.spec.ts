import { strToU8, zipSync } from 'fflate';
import { flexProblems, parseCsv, pickupWindows, readFlexFeed, serviceDayStart } from './gtfs-flex-checker.js';

/** A small valid Flex feed, written by hand (not by the exporter), with files replaced as asked. */
function feed(replace: Record<string, string | undefined> = {}) {
  const files: Record<string, string | undefined> = {
    'agency.txt':
      'agency_id,agency_name,agency_url,agency_timezone\na,A,https://a.example/,Europe/Helsinki\n',
    'feed_info.txt': 'feed_publisher_name,feed_publisher_url,feed_lang\nA,https://a.example/,en\n',
    'routes.txt': 'route_id,agency_id,route_type\nr,a,3\n',
    'trips.txt': 'route_id,service_id,trip_id\nr,s,t\n',
    'calendar.txt':
      'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\ns,1,1,1,1,1,1,1,20250101,20251231\n',
    'stop_times.txt':
      'trip_id,stop_sequence,location_id,start_pickup_drop_off_window,end_pickup_drop_off_window,pickup_type,drop_off_type,pickup_booking_rule_id,drop_off_booking_rule_id\n' +
      't,1,z,07:00:00,22:00:00,2,1,b,\nt,2,z,07:00:00,22:00:00,1,2,,b\n',
    'booking_rules.txt': 'booking_rule_id,booking_type,booking_url\nb,0,https://a.example/\n',
    'locations.geojson': JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'z', properties: {}, geometry: { type: 'Polygon', coordinates: [] } },
      ],
    }),
    ...replace,
  };
  const present = Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined);
  return readFlexFeed(zipSync(Object.fromEntries(present.map(([n, t]) => [n, strToU8(t)]))));
}

describe('the GTFS-Flex checker', () => {
  it('reads quoted CSV fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,b\r\n"x, ""y""","1\n2"\n')).toEqual([{ a: 'x, "y"', b: '1\n2' }]);
  });

  it('finds nothing wrong in a valid feed', () => {
    expect(flexProblems(feed())).toEqual([]);
  });

  it.each([
    ['a missing feed_info.txt', { 'feed_info.txt': undefined }, 'feed_info.txt is missing'],
    [
      'a rule no stop time uses',
      {
        'booking_rules.txt':
          'booking_rule_id,booking_type,booking_url\nb,0,https://a.example/\nc,0,https://a.example/\n',
      },
      'booking rule c is referenced by no stop time',
    ],
    [
      'a rule with no way to book',
      { 'booking_rules.txt': 'booking_rule_id,booking_type\nb,0\n' },
      'no phone number or URL',
    ],
    [
      'a window ending before it starts',
      {
        'stop_times.txt':
          'trip_id,stop_sequence,location_id,start_pickup_drop_off_window,end_pickup_drop_off_window,pickup_type,drop_off_type,pickup_booking_rule_id,drop_off_booking_rule_id\nt,1,z,22:00:00,07:00:00,2,1,b,b\n',
      },
      'window is empty',
    ],
    [
      'an unknown location',
      { 'locations.geojson': '{"type":"FeatureCollection","features":[]}' },
      'unknown location z',
    ],
  ])('finds %s', (_what, replace, problem) => {
    expect(flexProblems(feed(replace)).join('\n')).toContain(problem);
  });

  it('counts service times from noon minus 12 h: an hour off midnight on daylight-saving days', () => {
    expect(serviceDayStart('20250115', 'Europe/Helsinki').toISOString()).toBe('2025-01-14T22:00:00.000Z');
    expect(serviceDayStart('20250330', 'Europe/Helsinki').toISOString()).toBe('2025-03-29T21:00:00.000Z');
    expect(serviceDayStart('20250701', 'Europe/Helsinki').toISOString()).toBe('2025-06-30T21:00:00.000Z');
  });

  it('answers when a zone picks up on a date, in absolute time; nothing outside the calendar', () => {
    expect(pickupWindows(feed(), 'z', '20250701').map((w) => w.map((d) => d.toISOString()))).toEqual([
      ['2025-07-01T04:00:00.000Z', '2025-07-01T19:00:00.000Z'],
    ]);
    expect(pickupWindows(feed(), 'z', '20260101')).toEqual([]);
  });
});
