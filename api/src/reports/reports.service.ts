import { Inject, Injectable } from '@nestjs/common';
import type {
  DecisionView,
  MyPairBlockView,
  PairBlockView,
  ReportEvidence,
  ReportView,
} from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { MemberAccessService } from '../auth/member-access.service.js';
import { AppError, notFound } from '../common/app-error.js';
import { AbuseChecksService } from './abuse-checks.service.js';
import type { DecideDto } from './dto/decide.dto.js';
import type { FileReportDto } from './dto/file-report.dto.js';
import { ReportRepository } from './report.repository.js';

@Injectable()
export class ReportsService {
  constructor(
    @Inject(ReportRepository) private readonly reports: ReportRepository,
    @Inject(AbuseChecksService) private readonly checks: AbuseChecksService,
    @Inject(MemberAccessService) private readonly access: MemberAccessService,
  ) {}

  /** A member reports someone they shared a ride with. */
  async file(member: AuthMember, dto: FileReportDto): Promise<ReportView> {
    if (dto.subjectId === member.id)
      throw new AppError('VALIDATION_FAILED', 'you cannot report yourself', 'subjectId');
    const territoryId = await this.reports.sharedRide(member.id, dto.subjectId, dto.rideId ?? null);
    if (!territoryId) {
      throw new AppError(
        'FORBIDDEN',
        'you can report only someone you shared a ride with',
        dto.rideId ? 'rideId' : 'subjectId',
      );
    }
    const id = await this.reports.create({
      territoryId: await this.reports.reviewingTerritory(territoryId, [member.id, dto.subjectId]),
      subjectId: dto.subjectId,
      reporterId: member.id,
      rideId: dto.rideId ?? null,
      kind: dto.kind,
      text: dto.text,
    });
    if (dto.kind === 'no-show') await this.checks.checkQuietly(dto.subjectId);
    return (await this.reports.getForCoordinator(null, id))!;
  }

  queue(member: AuthMember, status?: string): Promise<ReportView[]> {
    if (status !== undefined && !['open', 'decided', 'appealed'].includes(status)) {
      throw new AppError('VALIDATION_FAILED', 'status must be open, decided or appealed', 'status');
    }
    return this.reports.listForCoordinator(member.role === 'admin' ? null : member.id, status);
  }

  async evidence(member: AuthMember, reportId: string): Promise<ReportEvidence> {
    const report = await this.visible(member, reportId);
    const people = [report.subject.id, ...(report.reporter ? [report.reporter.id] : [])];
    const [histories, pairs] = await Promise.all([
      Promise.all(people.map((id) => this.reports.history(id))),
      this.reports.pairsOf(report.subject.id),
    ]);
    return { ...report, people: histories, pairs };
  }

  async decide(member: AuthMember, reportId: string, dto: DecideDto): Promise<ReportEvidence> {
    const report = await this.visible(member, reportId);
    if (dto.restrictions && dto.decision !== 'restrict') {
      throw new AppError('VALIDATION_FAILED', 'restrictions go with the restrict decision', 'restrictions');
    }
    await this.reports.decide(report.id, report.subject.id, member.id, {
      decision: dto.decision,
      reason: dto.reason.trim(),
      restrictions: dto.restrictions ? { ...dto.restrictions } : null,
    });
    // A suspension (or its lifting) takes effect at once: HTTP and the member's sockets.
    this.access.changed(report.subject.id);
    return this.evidence(member, reportId);
  }

  myDecisions(member: AuthMember): Promise<DecisionView[]> {
    return this.reports.decisionsAbout(member.id);
  }

  myPairBlocks(member: AuthMember): Promise<MyPairBlockView[]> {
    return this.reports.pairBlocksOf(member.id);
  }

  async appeal(member: AuthMember, decisionId: string, text: string): Promise<DecisionView[]> {
    if (!(await this.reports.appeal(member.id, decisionId, text))) throw notFound('decision');
    return this.reports.decisionsAbout(member.id);
  }

  async resolveAppeal(
    member: AuthMember,
    appealId: string,
    outcome: 'upheld' | 'overturned',
    reason: string,
  ): Promise<void> {
    const done = await this.reports.resolveAppeal(
      member.role === 'admin' ? null : member.id,
      member.id,
      appealId,
      outcome,
      reason.trim(),
    );
    if (!done) throw notFound('open appeal');
  }

  pairBlocks(member: AuthMember): Promise<PairBlockView[]> {
    return this.reports.openPairBlocks(member.role === 'admin' ? null : member.id);
  }

  async clearPairBlock(member: AuthMember, blockId: string, reason: string): Promise<void> {
    if (!(await this.reports.clearPairBlock(member.id, member.role === 'admin', blockId, reason.trim()))) {
      throw notFound('pair block');
    }
  }

  /** Coordinators of the report's territory (never the subject) and admins; others: not found. */
  private async visible(member: AuthMember, reportId: string): Promise<ReportView> {
    const report = await this.reports.getForCoordinator(member.role === 'admin' ? null : member.id, reportId);
    if (!report) throw notFound('report');
    return report;
  }
}
