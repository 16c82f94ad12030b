import { Inject, Injectable } from '@nestjs/common';
import type { MemberDataExport } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { AppError } from '../common/app-error.js';
import { TimeBankService } from '../time-bank/time-bank.service.js';
import { MemberDataRepository } from './member-data.repository.js';

/** The member's own data in one document (GDPR article 15). */
@Injectable()
export class MemberDataService {
  constructor(
    @Inject(MemberDataRepository) private readonly data: MemberDataRepository,
    @Inject(TimeBankService) private readonly timeBank: TimeBankService,
  ) {}

  async download(member: AuthMember): Promise<MemberDataExport> {
    const stored = await this.data.of(member.id);
    if (!stored) throw new AppError('UNAUTHENTICATED', 'this member no longer exists');
    const { hoursGiven, tripsGiven, hoursReceived, ridesReceived } = await this.timeBank.mine(member);
    return {
      exportedAt: new Date().toISOString(),
      ...stored,
      timeBank: { hoursGiven, tripsGiven, hoursReceived, ridesReceived },
    };
  }
}
