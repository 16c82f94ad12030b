import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import type { ErasureResult, MemberDataExport } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember } from '../auth/auth.decorators.js';
import { RateLimitsService } from '../rate-limits/rate-limits.service.js';
import { ErasureDto } from './dto/erasure.dto.js';
import { ErasureService } from './erasure.service.js';
import { MemberDataService } from './member-data.service.js';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

/** A member's rights over their data: a copy of it (GDPR article 15) and its erasure (article 17). */
@ApiTags('privacy')
@Controller('me')
export class PrivacyController {
  constructor(
    @Inject(MemberDataService) private readonly data: MemberDataService,
    @Inject(ErasureService) private readonly erasure: ErasureService,
    @Inject(RateLimitsService) private readonly limits: RateLimitsService,
  ) {}

  @ApiDoc({
    summary: 'Copy of my data',
    description: 'Everything Navette holds about the caller (GDPR article 15).',
    replies: { 200: 'MemberDataExport' },
    errors: ['RATE_LIMITED'],
  })
  @Get('data')
  async download(@CurrentMember() member: AuthMember): Promise<MemberDataExport> {
    await this.limits.consume('member-data', member.id);
    return this.data.download(member);
  }

  @ApiDoc({
    summary: 'Erase me',
    description:
      'Erases the caller’s account and personal data (GDPR article 17), after checking their password.',
    replies: { 200: 'ErasureResult' },
    errors: ['FORBIDDEN', 'CONFLICT', 'RATE_LIMITED'],
  })
  @Post('erasure')
  @HttpCode(200)
  async erase(@CurrentMember() member: AuthMember, @Body() body: ErasureDto): Promise<ErasureResult> {
    await this.limits.consume('member-data', member.id);
    return this.erasure.erase(member, body.password);
  }
}
