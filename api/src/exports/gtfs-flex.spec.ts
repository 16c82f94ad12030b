import {
  gtfsDate,
  gtfsFlexFiles,
  gtfsTime,
  servicePeriods,
  utcOffsetMinutes,
  windowInFeedZone,
} from './gtfs-flex.js';

const square = {
  type: 'MultiPolygon' as const,
  coordinates: [
    [
      [
        [24.9, 60.1],
        [25, 60.1],
        [25, 60.2],
        [24.9, 60.1],
      ] as [number, number][],
    ],
  ],
};

describe('GTFS-Flex files', () => {
  const files = gtfsFlexFiles({
    agencyName: 'Navette Kallio',
    agencyUrl: 'https://navette.example/',
    booking: { url: 'https://navette.example/', phone: '+358 9 123 4567' },
    timezone: 'Europe/Helsinki',
    today: new Date('2025-03-01T10:00:00Z'),
    zones: [
      { id: 'z1', name: 'Kallio', geometry: square, serviceHours: [420, 1320], timezone: 'Europe/Helsinki' },
      { id: 'z2', name: 'Vallila', geometry: square, serviceHours: null, timezone: 'Europe/Helsinki' },
    ],
  });

  it('writes times and dates as GTFS does', () => {
    expect(gtfsTime(0)).toBe('00:00:00');
    expect(gtfsTime(1440)).toBe('24:00:00');
    expect(gtfsTime(7 * 60 + 5)).toBe('07:05:00');
    expect(gtfsDate(new Date('2025-03-01T23:00:00Z'))).toBe('20250301');
  });

  it('one trip per zone: picked up anywhere in it, dropped off anywhere in it, within service hours', () => {
    expect(files['stop_times.txt']!.split('\n').slice(1, 3)).toEqual([
      'trip-z1,1,z1,07:00:00,22:00:00,2,1,navette-realtime,',
      'trip-z1,2,z1,07:00:00,22:00:00,1,2,,navette-realtime',
    ]);
    expect(files['stop_times.txt']).toContain('trip-z2,1,z2,00:00:00,24:00:00,2,1');
    expect(files['trips.txt']).toContain('route-z2,navette-daily,trip-z2');
  });

  it('a zone in another time zone has its service hours written in the feed’s', () => {
    const at = new Date('2025-03-01T10:00:00Z'); // Helsinki UTC+2, Stockholm +1, Reykjavik 0, Moscow +3
    const zone = (timezone: string, serviceHours: [number, number] | null) => ({
      id: 'z',
      name: 'Z',
      geometry: square,
      serviceHours,
      timezone,
    });
    expect(utcOffsetMinutes('Europe/Helsinki', at)).toBe(120);
    expect(utcOffsetMinutes('Etc/UTC', at)).toBe(0);
    expect(utcOffsetMinutes('America/New_York', at)).toBe(-300);
    // 07:00–22:00 in Stockholm is 08:00–23:00 in Helsinki.
    expect(windowInFeedZone(zone('Europe/Stockholm', [420, 1320]), 'Europe/Helsinki', at)).toEqual([
      480, 1380,
    ]);
    // All day in Reykjavik: 02:00 to 02:00 the next day, Helsinki time.
    expect(windowInFeedZone(zone('Atlantic/Reykjavik', null), 'Europe/Helsinki', at)).toEqual([120, 1560]);
    // All day in Moscow starts at 23:00 Helsinki time the evening before: written on the previous day.
    expect([...windowInFeedZone(zone('Europe/Moscow', null), 'Europe/Helsinki', at)]).toEqual([1380, 2820]);
    expect(windowInFeedZone(zone('Europe/Moscow', null), 'Europe/Helsinki', at).dayBefore).toBe(true);
    expect(gtfsTime(2820)).toBe('47:00:00');
    // Summer: Helsinki UTC+3, Stockholm +2; the same hour apart.
    const summer = new Date('2025-07-01T10:00:00Z');
    expect(windowInFeedZone(zone('Europe/Stockholm', [420, 1320]), 'Europe/Helsinki', summer)).toEqual([
      480, 1380,
    ]);
  });

  it('one booking rule, the one the stop times use: real time, with a phone and a URL to book with', () => {
    const lines = files['booking_rules.txt']!.trim().split('\n');
    expect(lines[0]).toBe('booking_rule_id,booking_type,message,phone_number,info_url,booking_url');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        /^navette-realtime,0,.*,\+358 9 123 4567,https:\/\/navette\.example\/,https:\/\/navette\.example\/$/,
      ),
    ]);
  });

  it('feed_info names the publisher, the language and a year of dates', () => {
    expect(files['feed_info.txt']!.split('\n')[1]).toBe(
      'Navette Kallio,https://navette.example/,en,20250301,20260228,20250301,https://navette.example/',
    );
  });

  it('a zone whose daylight saving differs from the feed’s gets one trip per offset period', () => {
    const utc = {
      id: 'u',
      name: 'U',
      geometry: square,
      serviceHours: [420, 1320] as [number, number],
      timezone: 'Etc/UTC',
    };
    const periods = servicePeriods(utc, 'Europe/Helsinki', new Date('2025-01-01T00:00:00Z'), 365);
    expect(periods.map((p) => [gtfsDate(p.first), gtfsDate(p.last), p.window])).toEqual([
      ['20250101', '20250329', [540, 1440]],
      ['20250330', '20251025', [600, 1500]],
      ['20251026', '20251231', [540, 1440]],
    ]);
    const feed = gtfsFlexFiles({
      agencyName: 'N',
      agencyUrl: 'https://navette.example/',
      booking: { url: 'https://navette.example/' },
      timezone: 'Europe/Helsinki',
      today: new Date('2025-01-01T10:00:00Z'),
      zones: [utc],
    });
    expect(feed['trips.txt']).toContain('route-u,navette-20250330-20251025,trip-u-20250330');
    expect(feed['calendar.txt']).toContain('navette-20250330-20251025,1,1,1,1,1,1,1,20250330,20251025');
  });

  it('locations.geojson is a FeatureCollection of zones with ids', () => {
    const locations = JSON.parse(files['locations.geojson']!) as {
      type: string;
      features: { id: string }[];
    };
    expect(locations.type).toBe('FeatureCollection');
    expect(locations.features.map((f) => f.id)).toEqual(['z1', 'z2']);
    expect(locations.features[0]).toMatchObject({
      type: 'Feature',
      properties: { stop_name: 'Kallio' },
      geometry: square,
    });
  });
});
