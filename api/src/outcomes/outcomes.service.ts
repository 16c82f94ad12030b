import { Inject, Injectable } from '@nestjs/common';
import type { OutcomesView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { AppError, notFound } from '../common/app-error.js';
import { AbuseChecksService } from '../reports/abuse-checks.service.js';
import { ReportRepository } from '../reports/report.repository.js';
import { OutcomeRepository, type RideParties } from './outcome.repository.js';
import { blocksPair } from './tit-for-two-tats.js';

/** After this long, each side sees the other's answer even if one never answered. */
export const REVEAL_AFTER_MS = 48 * 3600_000;

@Injectable()
export class OutcomesService {
  constructor(
    @Inject(OutcomeRepository) private readonly outcomes: OutcomeRepository,
    @Inject(AbuseChecksService) private readonly checks: AbuseChecksService,
    @Inject(ReportRepository) private readonly reports: ReportRepository,
  ) {}

  /**
   * One binary answer per side after a completed ride. Two failures in a row by the same person
   * toward the same counterpart block the pair (tit for two tats); failures toward several people
   * raise an abuse report. Nobody is banned by this.
   */
  async record(member: AuthMember, rideId: string, success: boolean): Promise<OutcomesView> {
    const ride = await this.partiesFor(member, rideId);
    if (ride.status !== 'completed')
      throw new AppError('CONFLICT', 'answer once the ride is completed', 'rideId');
    // After the deadline the other side's answer is shown: answering then could be retaliation.
    if (Date.now() >= (ride.completedAt?.getTime() ?? Date.now()) + REVEAL_AFTER_MS) {
      throw new AppError('CONFLICT', 'the time to answer for this ride has passed');
    }
    const subjectId = member.id === ride.riderId ? ride.driverId! : ride.riderId;
    if (!(await this.outcomes.record(rideId, member.id, subjectId, success))) {
      throw new AppError('CONFLICT', 'you already answered for this ride');
    }
    if (!success) {
      if (blocksPair(await this.outcomes.judgements(member.id, subjectId))) {
        // Reviewed by coordinators who are not one of the two (as for reports).
        const territory = await this.reports.reviewingTerritory(ride.territoryId, [subjectId, member.id]);
        await this.outcomes.block(subjectId, member.id, rideId, territory);
      }
      await this.checks.checkQuietly(subjectId);
    }
    return this.view(member, rideId, ride);
  }

  async get(member: AuthMember, rideId: string): Promise<OutcomesView> {
    return this.view(member, rideId, await this.partiesFor(member, rideId));
  }

  private async partiesFor(member: AuthMember, rideId: string): Promise<RideParties> {
    const ride = await this.outcomes.parties(rideId);
    if (!ride || (ride.riderId !== member.id && ride.driverId !== member.id)) throw notFound('ride');
    return ride;
  }

  private async view(member: AuthMember, rideId: string, ride: RideParties): Promise<OutcomesView> {
    const answers = await this.outcomes.ofRide(rideId);
    const mine = answers.find((a) => a.author_id === member.id);
    const theirs = answers.find((a) => a.author_id !== member.id);
    const revealAt = new Date((ride.completedAt?.getTime() ?? Date.now()) + REVEAL_AFTER_MS);
    const revealed = (mine !== undefined && theirs !== undefined) || Date.now() >= revealAt.getTime();
    const show = (a: typeof mine) => (a ? { success: a.success, at: a.created_at.toISOString() } : null);
    return {
      rideId,
      mine: show(mine),
      theirs: revealed ? show(theirs) : null,
      revealed,
      revealAt: revealAt.toISOString(),
    };
  }
}
