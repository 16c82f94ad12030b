import { Inject, Injectable } from '@nestjs/common';
import type { MemberSettings, VouchCodeView, VouchesView } from '@navette/contracts';
import { sql } from '@navette/sql';
import { DataSource } from 'typeorm';
import { AppError, notFound } from '../common/app-error.js';
import { RateLimitsService } from '../rate-limits/rate-limits.service.js';
import { newVouchCode, normaliseVouchCode, showVouchCode } from './vouch-code.js';
import { VouchRepository } from './vouch.repository.js';

interface SettingsRow {
  max_trust_distance: number | null;
  weekly_trip_limit: number | null;
  declared_hours_per_week: number;
  quiet_start: number | null;
  quiet_end: number | null;
  waiting_spot_suggestions: boolean;
}

const toSettings = (row: SettingsRow): Required<MemberSettings> => ({
  maxTrustDistance: row.max_trust_distance,
  weeklyTripLimit: row.weekly_trip_limit,
  declaredHoursPerWeek: row.declared_hours_per_week,
  quietHours: row.quiet_start === null ? null : [row.quiet_start, row.quiet_end!],
  waitingSpotSuggestions: row.waiting_spot_suggestions,
});

const codeView = (code: string): VouchCodeView => ({
  code: showVouchCode(code),
  path: `/account/#trust/vouch/${showVouchCode(code)}`,
});

const codeRefused = 'no member has this code: check it with the member who shared it';

@Injectable()
export class MembersService {
  constructor(
    @Inject(VouchRepository) private readonly vouches: VouchRepository,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(RateLimitsService) private readonly limits: RateLimitsService,
  ) {}

  /** The caller's code to share, made on first asking; `renew` replaces it (the old one stops working). */
  async vouchCode(memberId: string, renew = false): Promise<VouchCodeView> {
    const code = await this.vouches.codeOf(memberId, newVouchCode, renew);
    if (!code) throw notFound('member');
    return codeView(code);
  }

  /**
   * Vouches for the member whose code the caller typed. Each try counts against the caller's link
   * allowance, so codes cannot be guessed by trying them; a wrong code and an unknown one get the
   * same answer.
   */
  async vouchByCode(memberId: string, typed: string): Promise<VouchesView> {
    await this.limits.consume('membership-link', `vouch-code|${memberId}`);
    const code = normaliseVouchCode(typed);
    const forMemberId = code && (await this.vouches.memberByCode(code));
    if (!forMemberId) throw new AppError('NOT_FOUND', codeRefused, 'code');
    if (forMemberId === memberId)
      throw new AppError('VALIDATION_FAILED', 'this is your own code: share it, do not type it', 'code');
    await this.vouches.give(memberId, forMemberId);
    return this.vouches.of(memberId);
  }

  /** The caller's own limits, every one. */
  async settings(memberId: string): Promise<Required<MemberSettings>> {
    const rows = await sql<SettingsRow>(
      this.db,
      `SELECT max_trust_distance, weekly_trip_limit, declared_hours_per_week,
              lower(quiet_hours) AS quiet_start, upper(quiet_hours) AS quiet_end, waiting_spot_suggestions
         FROM members WHERE id = $1 AND erased_at IS NULL`,
      [memberId],
    );
    if (!rows[0]) throw notFound('member');
    return toSettings(rows[0]);
  }

  async vouch(memberId: string, forMemberId: string): Promise<VouchesView> {
    if (memberId === forMemberId)
      throw new AppError('VALIDATION_FAILED', 'you cannot vouch for yourself', 'memberId');
    if (!(await this.vouches.memberExists(forMemberId))) throw notFound('member');
    await this.vouches.give(memberId, forMemberId);
    return this.vouches.of(memberId);
  }

  async withdraw(memberId: string, fromMemberId: string): Promise<VouchesView> {
    if (!(await this.vouches.withdraw(memberId, fromMemberId))) throw notFound('vouch');
    return this.vouches.of(memberId);
  }

  list(memberId: string): Promise<VouchesView> {
    return this.vouches.of(memberId);
  }

  /** A member's own limits; only the fields given change. */
  async updateSettings(memberId: string, settings: MemberSettings): Promise<MemberSettings> {
    const [start, end] = settings.quietHours ?? [0, 0];
    if (settings.quietHours && start >= end) {
      throw new AppError(
        'VALIDATION_FAILED',
        'quietHours must be [start, end) with start before end',
        'quietHours',
      );
    }
    const rows = await sql<SettingsRow>(
      this.db,
      `UPDATE members SET
         max_trust_distance = CASE WHEN $2 THEN $3::int ELSE max_trust_distance END,
         weekly_trip_limit = CASE WHEN $4 THEN $5::int ELSE weekly_trip_limit END,
         declared_hours_per_week = COALESCE($6::real, declared_hours_per_week),
         quiet_hours = CASE WHEN $7 THEN (CASE WHEN $8::int IS NULL THEN NULL ELSE int4range($8::int, $9::int) END) ELSE quiet_hours END,
         waiting_spot_suggestions = COALESCE($10::boolean, waiting_spot_suggestions)
       WHERE id = $1 AND erased_at IS NULL
       RETURNING max_trust_distance, weekly_trip_limit, declared_hours_per_week,
                 lower(quiet_hours) AS quiet_start, upper(quiet_hours) AS quiet_end, waiting_spot_suggestions`,
      [
        memberId,
        settings.maxTrustDistance !== undefined,
        settings.maxTrustDistance ?? null,
        settings.weeklyTripLimit !== undefined,
        settings.weeklyTripLimit ?? null,
        settings.declaredHoursPerWeek ?? null,
        settings.quietHours !== undefined,
        settings.quietHours?.[0] ?? null,
        settings.quietHours?.[1] ?? null,
        settings.waitingSpotSuggestions ?? null,
      ],
    );
    if (!rows[0]) throw notFound('member');
    return toSettings(rows[0]);
  }
}
