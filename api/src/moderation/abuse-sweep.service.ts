import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AbuseChecksService } from '../reports/abuse-checks.service.js';
import { ABUSE_RULES } from '../reports/abuse-rules.js';
import { AbuseSweepRepository } from './abuse-sweep.repository.js';

/** How often each API node tries to sweep, ms (one node at a time actually does). Default 15 min. */
export const ABUSE_SWEEP_EVERY_MS = 15 * 60_000;

export interface SweepResult {
  /** False when another node was already sweeping. */
  ran: boolean;
  checked: number;
  /** Reports raised now, one entry per report. */
  raised: { memberId: string; kind: string }[];
}

/**
 * Runs the automatic abuse checks periodically, for what no single event triggers: use far beyond
 * the territory's norm builds up ride by ride, and a check after an outcome or a cancellation may
 * have failed quietly. Like every check, it only opens reports for coordinators: it bans nobody.
 */
@Injectable()
export class AbuseSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AbuseSweepService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepResult> | undefined;

  constructor(
    @Inject(AbuseSweepRepository) private readonly repository: AbuseSweepRepository,
    @Inject(AbuseChecksService) private readonly checks: AbuseChecksService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: Error) => this.logger.warn(`abuse sweep failed: ${error.message}`));
    }, ABUSE_SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One sweep now; concurrent calls on this node share it. */
  sweep(): Promise<SweepResult> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepOnce(): Promise<SweepResult> {
    const result = await this.repository.exclusively(async () => {
      const members = await this.repository.candidates({
        windowDays: ABUSE_RULES.windowDays,
        overuseFloor: ABUSE_RULES.overuseFloor,
      });
      const raised: SweepResult['raised'] = [];
      for (const memberId of members) {
        // One member's failed check must not stop the others'.
        const kinds = await this.checks.check(memberId).catch((error: Error) => {
          this.logger.warn(`abuse check of a member failed: ${error.message}`);
          return [];
        });
        raised.push(...kinds.map((kind) => ({ memberId, kind })));
      }
      return { ran: true, checked: members.length, raised };
    });
    return result ?? { ran: false, checked: 0, raised: [] };
  }
}
