import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { TaskHandoverView } from '@navette/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthMember } from '../auth/auth-member.js';
import { AppError, notFound } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MailerService } from '../membership/mailer.service.js';
import type { CreateTaskDto } from './dto/create-task.dto.js';
import { TaskRepository, type NewTaskDetails } from './task.repository.js';
import { trackingToken } from './tracking-token.js';

const MINUTE_MS = 60_000;
const BOOK_AHEAD_MAX_MS = 14 * 86_400_000;
/** A window shorter than this is not one a volunteer can keep. */
const MIN_WINDOW_MS = 15 * MINUTE_MS;
/** How long after the delivery ended the tracking link still shows the outcome. */
export const TRACKING_AFTER_END_MS = 60 * MINUTE_MS;

/** A task checked against its territory, ready to store with its ride. */
export interface PreparedTask {
  cargoUnits: number;
  /** The pickup window's opening (the ride's `pickup_at`); null for now. */
  pickupAfter: Date | null;
  details: NewTaskDetails;
  /** Where to mail the code and the tracking link, if anywhere. */
  mailTo: string | null;
}

/** Asking for a task: its checks against the territory, its details, the code and the link to pass on. */
@Injectable()
export class TaskRequestsService {
  constructor(
    @Inject(TaskRepository) private readonly tasks: TaskRepository,
    @Inject(MailerService) private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks the task's windows and recipient against the territory (before anything is written) and
   * maps its size to cargo units. Every refusal names the field.
   */
  async prepare(task: CreateTaskDto, territoryId: string, nowMs = Date.now()): Promise<PreparedTask> {
    const rules = await this.tasks.rules(territoryId);
    const at = (text: string | undefined) => (text === undefined ? null : new Date(text));
    const [pickupAfter, pickupBefore, deliverAfter, deliverBefore] = [
      at(task.pickupAfter),
      at(task.pickupBefore),
      at(task.deliverAfter),
      at(task.deliverBefore),
    ];
    if (
      pickupAfter &&
      (pickupAfter.getTime() < nowMs - MINUTE_MS || pickupAfter.getTime() > nowMs + BOOK_AHEAD_MAX_MS)
    ) {
      throw invalid('task.pickupAfter must be between now and 14 days from now', 'task.pickupAfter');
    }
    const opens = Math.max(pickupAfter?.getTime() ?? nowMs, nowMs);
    if (pickupBefore) {
      if (pickupBefore.getTime() < opens + MIN_WINDOW_MS) {
        throw invalid(
          'task.pickupBefore must be at least 15 minutes after the pickup window opens',
          'task.pickupBefore',
        );
      }
      if (pickupBefore.getTime() > opens + rules.taskMaxWaitSeconds * 1000) {
        throw invalid(
          `task.pickupBefore is later than this territory lets a task wait (${Math.round(rules.taskMaxWaitSeconds / 60)} minutes after the window opens)`,
          'task.pickupBefore',
        );
      }
    }
    if (deliverBefore && deliverBefore.getTime() < opens + MIN_WINDOW_MS) {
      throw invalid(
        'task.deliverBefore must be at least 15 minutes after the pickup window opens',
        'task.deliverBefore',
      );
    }
    if (deliverAfter && deliverAfter.getTime() > opens + BOOK_AHEAD_MAX_MS) {
      throw invalid('task.deliverAfter must be within 14 days', 'task.deliverAfter');
    }
    if (deliverAfter && deliverBefore && deliverBefore.getTime() < deliverAfter.getTime() + MIN_WINDOW_MS) {
      throw invalid(
        'task.deliverBefore must be at least 15 minutes after task.deliverAfter',
        'task.deliverBefore',
      );
    }
    const recipient = task.recipient;
    let mailTo: string | null = null;
    if (recipient.memberId !== undefined) {
      const member = await this.tasks.recipientMember(recipient.memberId);
      if (!member) throw invalid('task.recipient.memberId is not a member', 'task.recipient.memberId');
      mailTo = member.email;
    } else {
      if (recipient.name === undefined) {
        throw invalid('task.recipient.name is required without a memberId', 'task.recipient.name');
      }
      if (recipient.phone === undefined && recipient.email === undefined) {
        throw invalid('task.recipient needs a phone or an email', 'task.recipient.phone');
      }
      mailTo = recipient.email?.toLowerCase() ?? null;
    }
    return {
      cargoUnits: rules.cargoSizes[task.size],
      pickupAfter,
      mailTo,
      details: {
        what: task.what.trim(),
        category: task.category,
        size: task.size,
        weightClass: task.weightClass ?? null,
        recipientMemberId: recipient.memberId ?? null,
        recipientName: recipient.name?.trim() ?? null,
        recipientPhone: recipient.phone ?? null,
        recipientEmail: recipient.email?.toLowerCase() ?? null,
        pickupInstructions: task.pickupInstructions?.trim() || null,
        dropoffInstructions: task.dropoffInstructions?.trim() || null,
        pickupBefore,
        deliverAfter,
        deliverBefore,
        onFailure: task.onFailure ?? 'return',
        handoverCode: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      },
    };
  }

  insert(manager: EntityManager, rideId: string, task: PreparedTask): Promise<void> {
    return this.tasks.insert(manager, rideId, task.details);
  }

  /** Mails the code and the tracking link to the recipient when mail is set up and an address is known. */
  async notifyRecipient(rideId: string, task: PreparedTask): Promise<void> {
    if (!this.mailer.enabled || !task.mailTo) return;
    const senderName = await this.tasks.senderName(rideId);
    await this.mailer.send(
      task.mailTo,
      `${senderName} is sending you something through Navette`,
      [
        `${senderName} is sending you: ${task.details.what}.`,
        `Follow it here (no account needed): ${this.trackingUrl(rideId)}`,
        `When the driver arrives, give them this code: ${task.details.handoverCode}`,
      ].join('\n\n'),
    );
    await this.tasks.markMailed(rideId);
  }

  trackingUrl(rideId: string): string {
    // In the fragment: the token reaches no server log but the API's own request for the state.
    return this.mailer.link(`/track/#${trackingToken(this.config.jwtSecret, rideId)}`);
  }

  /** The sender's view of what to pass on: the code until delivered, the link until it expires. */
  async handoverView(member: AuthMember, rideId: string): Promise<TaskHandoverView> {
    const facts = await this.tasks.handoverFacts(rideId);
    if (!facts || facts.rider_id !== member.id) throw notFound('task');
    const ended = ['completed', 'cancelled', 'unserved', 'no_show'].includes(facts.status);
    return {
      rideId,
      code: facts.handover_code,
      trackingUrl: ended ? null : this.trackingUrl(rideId),
      mailedToRecipient: facts.code_mailed,
    };
  }
}

const invalid = (message: string, field: string) => new AppError('VALIDATION_FAILED', message, field);
