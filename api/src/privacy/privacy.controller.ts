import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import type { ErasureResult, MemberDataExport } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember } from '../auth/auth.decorators.js';
import { RateLimitsService } from '../rate-limits/rate-limits.service.js';
import { ErasureDto } from './dto/erasure.dto.js';
import { ErasureService } from './erasure.service.js';
import { MemberDataService } from './member-data.service.js';

/** A member's rights over their data: a copy of it (GDPR article 15) and its erasure (article 17). */
@Controller('me')
export class PrivacyController {
  constructor(
    @Inject(MemberDataService) private readonly data: MemberDataService,
    @Inject(ErasureService) private readonly erasure: ErasureService,
    @Inject(RateLimitsService) private readonly limits: RateLimitsService,
  ) {}

  @Get('data')
  async download(@CurrentMember() member: AuthMember): Promise<MemberDataExport> {
    await this.limits.consume('member-data', member.id);
    return this.data.download(member);
  }

  @Post('erasure')
  @HttpCode(200)
  async erase(@CurrentMember() member: AuthMember, @Body() body: ErasureDto): Promise<ErasureResult> {
    await this.limits.consume('member-data', member.id);
    return this.erasure.erase(member, body.password);
  }
}
