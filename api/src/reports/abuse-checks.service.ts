import { Inject, Injectable, Logger } from '@nestjs/common';
import { abuseFindings } from './abuse-rules.js';
import { ReportRepository } from './report.repository.js';

/**
 * Raises automatic abuse reports from a member's recent history (failures toward several people,
 * repeated no-shows, late cancellations, use far beyond the territory's norm). It only asks
 * coordinators to look: nothing here restricts or suspends anyone.
 */
@Injectable()
export class AbuseChecksService {
  private readonly logger = new Logger(AbuseChecksService.name);

  constructor(@Inject(ReportRepository) private readonly reports: ReportRepository) {}

  /** Returns the kinds of the reports raised now (none already open of the same kind). */
  async check(memberId: string): Promise<string[]> {
    const signals = await this.reports.signals(memberId);
    if (!signals.homeTerritoryId) return [];
    const open = await this.reports.openAutomaticKinds(memberId);
    const raised: string[] = [];
    for (const finding of abuseFindings(signals)) {
      if (open.has(finding.kind)) continue;
      await this.reports.create({
        territoryId: await this.reports.reviewingTerritory(signals.homeTerritoryId, [memberId]),
        subjectId: memberId,
        reporterId: null,
        rideId: null,
        kind: finding.kind,
        text: finding.text,
      });
      raised.push(finding.kind);
    }
    return raised;
  }

  /** After a commit elsewhere: a failed check must not fail the caller's request. */
  async checkQuietly(memberId: string): Promise<void> {
    await this.check(memberId).catch((error: Error) =>
      this.logger.warn(`abuse check failed: ${error.message}`),
    );
  }
}
