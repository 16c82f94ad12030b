import { Inject, Injectable } from '@nestjs/common';
import type { MemberDataExport } from '@navette/contracts';
import { DataSource } from 'typeorm';

/** A timestamp as ISO 8601 in UTC (`2025-03-01T10:00:00.000Z`), as every view gives them. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** A JSON array of the rows `query` selects as `j`, empty rather than null. */
const list = (query: string) => `COALESCE((SELECT json_agg(j) FROM (${query}) x), '[]'::json)`;
const lngLat = (column: string) => `json_build_array(ST_X(${column}), ST_Y(${column}))`;

/** Everything in the export but the time bank, which its own ledger computes. */
export type StoredMemberData = Omit<MemberDataExport, 'exportedAt' | 'timeBank'>;

/**
 * Reads everything held about one member (GDPR article 15). Other members appear by id only, and
 * only in records that are the member's own act or about the member: no other member's name,
 * place or free text is read.
 */
@Injectable()
export class MemberDataRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async of(memberId: string): Promise<StoredMemberData | undefined> {
    const rows: { data: StoredMemberData }[] = await this.db.query(
      `SELECT json_build_object(
         'profile', json_build_object(
           'id', m.id, 'email', m.email, 'displayName', m.display_name, 'role', m.role, 'standing', m.standing,
           'homeTerritoryId', m.home_territory_id,
           'coordinatedTerritoryIds', COALESCE((SELECT json_agg(territory_id ORDER BY territory_id)
                                                  FROM territory_coordinators WHERE member_id = m.id), '[]'::json),
           'createdAt', ${iso('m.created_at')},
           'settings', json_build_object(
             'maxTrustDistance', m.max_trust_distance, 'weeklyTripLimit', m.weekly_trip_limit,
             'declaredHoursPerWeek', m.declared_hours_per_week,
             'quietHours', CASE WHEN m.quiet_hours IS NULL THEN NULL
                                ELSE json_build_array(lower(m.quiet_hours), upper(m.quiet_hours)) END,
             'waitingSpotSuggestions', m.waiting_spot_suggestions),
           'restrictions', m.restrictions),
         'vehicles', ${list(`
           SELECT json_build_object('id', id, 'label', label, 'seats', seats, 'wheelchairPlaces', wheelchair_places,
                                    'cargoUnits', cargo_units) AS j
             FROM vehicles WHERE driver_id = m.id ORDER BY id`)},
         'shifts', ${list(`
           SELECT json_build_object('id', id, 'territoryId', territory_id, 'startedAt', ${iso('started_at')},
                                    'endedAt', ${iso('ended_at')}) AS j
             FROM shifts WHERE driver_id = m.id ORDER BY started_at`)},
         'rotaSignups', ${list(`
           SELECT json_build_object('id', su.id, 'slotId', o.slot_id, 'territoryId', sl.territory_id,
                                    'startsAt', ${iso('o.starts_at')}, 'endsAt', ${iso('o.ends_at')},
                                    'status', su.status, 'late', su.late, 'signedAt', ${iso('su.signed_at')},
                                    'endedAt', ${iso('su.ended_at')}) AS j
             FROM rota_signups su JOIN rota_occurrences o ON o.id = su.occurrence_id
             JOIN rota_slots sl ON sl.id = o.slot_id
            WHERE su.driver_id = m.id ORDER BY o.starts_at, su.id`)},
         'position', (SELECT json_build_object('at', ${lngLat('position')}, 'reportedAt', ${iso('reported_at')})
                        FROM driver_positions WHERE driver_id = m.id),
         'rides', ${list(`
           SELECT json_build_object(
                    'id', r.id, 'kind', r.kind, 'status', r.status, 'territoryId', r.territory_id,
                    'pickup', ${lngLat('r.pickup')}, 'dropoff', ${lngLat('r.dropoff')},
                    'pickupName', r.pickup_name, 'dropoffName', r.dropoff_name, 'notes', r.notes,
                    'placesCoarsenedAt', ${iso('r.places_coarsened_at')},
                    'seats', r.seats, 'wheelchairPlaces', r.wheelchair_places,
                    'requestedAt', ${iso('r.requested_at')}, 'pickupAt', ${iso('r.pickup_at')},
                    'pickedUpAt', ${iso('r.picked_up_at')}, 'completedAt', ${iso('r.completed_at')},
                    'cancelledAt', ${iso('r.cancelled_at')}) AS j
             FROM rides r WHERE r.rider_id = m.id ORDER BY r.requested_at`)},
         'ridesDriven', ${list(`
           SELECT json_build_object('rideId', a.ride_id, 'tripId', a.trip_id, 'status', a.status,
                                    'assignedAt', ${iso('a.created_at')}) AS j
             FROM assignments a JOIN trips t ON t.id = a.trip_id WHERE t.driver_id = m.id ORDER BY a.created_at`)},
         'offers', ${list(`
           SELECT json_build_object('id', id, 'rideId', ride_id, 'status', status, 'createdAt', ${iso('created_at')},
                                    'respondedAt', ${iso('responded_at')}) AS j
             FROM offers WHERE driver_id = m.id ORDER BY created_at`)},
         'waitingSpots', ${list(`
           SELECT json_build_object('id', id, 'shiftId', shift_id, 'zoneId', zone_id, 'placeId', place_id,
                                    'suggestedAt', ${iso('suggested_at')}, 'answer', answer,
                                    'answeredAt', ${iso('answered_at')}) AS j
             FROM waiting_spot_suggestions WHERE driver_id = m.id ORDER BY suggested_at, id`)},
         'vouches', json_build_object(
           'given', ${list(`
             SELECT json_build_object('memberId', vouchee_id, 'since', ${iso('created_at')},
                                      'withdrawnAt', ${iso('withdrawn_at')}) AS j
               FROM vouches WHERE voucher_id = m.id ORDER BY created_at`)},
           'received', ${list(`
             SELECT json_build_object('memberId', voucher_id, 'since', ${iso('created_at')},
                                      'withdrawnAt', ${iso('withdrawn_at')}) AS j
               FROM vouches WHERE vouchee_id = m.id ORDER BY created_at`)}),
         'outcomes', json_build_object(
           'given', ${list(`
             SELECT json_build_object('rideId', ride_id, 'subjectId', subject_id, 'success', success,
                                      'at', ${iso('created_at')}) AS j
               FROM outcomes WHERE author_id = m.id ORDER BY created_at`)},
           'received', ${list(`
             SELECT json_build_object('rideId', ride_id, 'success', success, 'at', ${iso('created_at')}) AS j
               FROM outcomes WHERE subject_id = m.id ORDER BY created_at`)}),
         'reportsMade', ${list(`
           SELECT json_build_object('id', id, 'subjectId', subject_id, 'rideId', ride_id, 'kind', kind, 'text', text,
                                    'status', status, 'createdAt', ${iso('created_at')}) AS j
             FROM abuse_reports WHERE reporter_id = m.id ORDER BY created_at`)},
         'decisions', ${list(`
           SELECT json_build_object('id', d.id, 'decision', d.decision, 'reason', d.reason, 'at', ${iso('d.created_at')},
                                    'reportKind', r.kind) AS j
             FROM moderation_decisions d LEFT JOIN abuse_reports r ON r.id = d.report_id
            WHERE d.subject_id = m.id ORDER BY d.created_at`)},
         'appeals', ${list(`
           SELECT json_build_object('id', id, 'decisionId', decision_id, 'text', text, 'status', status,
                                    'createdAt', ${iso('created_at')}) AS j
             FROM appeals WHERE member_id = m.id ORDER BY created_at`)},
         'pairBlocks', ${list(`
           SELECT json_build_object('id', id,
                                    'counterpartId', CASE WHEN member_id = m.id THEN counterpart_id ELSE member_id END,
                                    'reason', reason, 'createdAt', ${iso('created_at')}, 'clearedAt', ${iso('cleared_at')}) AS j
             FROM pair_blocks WHERE m.id IN (member_id, counterpart_id) ORDER BY created_at`)},
         'vouchCode', m.vouch_code,
         'driveRequests', ${list(`
           SELECT json_build_object('id', id, 'label', label, 'seats', seats, 'wheelchairPlaces', wheelchair_places,
                                    'cargoUnits', cargo_units, 'weeklyAvailability', weekly_availability,
                                    'status', status, 'reason', reason, 'createdAt', ${iso('created_at')}) AS j
             FROM drive_requests WHERE member_id = m.id ORDER BY created_at`)},
         'registrationRequests', ${list(`
           SELECT json_build_object('id', id, 'territoryId', territory_id, 'displayName', display_name,
                                    'status', status, 'createdAt', ${iso('created_at')}) AS j
             FROM registration_requests WHERE member_id = m.id OR email = m.email ORDER BY created_at`)}
       ) AS data
       FROM members m WHERE m.id = $1 AND m.erased_at IS NULL`,
      [memberId],
    );
    return rows[0]?.data;
  }
}
