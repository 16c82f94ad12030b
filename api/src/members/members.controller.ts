import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import type { MemberSettings, VouchesView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember } from '../auth/auth.decorators.js';
import { GiveVouchDto } from './dto/give-vouch.dto.js';
import { UpdateSettingsDto } from './dto/update-settings.dto.js';
import { MembersService } from './members.service.js';
import { uuidParam } from '../common/uuid.pipe.js';

const uuid = uuidParam('memberId');

/** Trust between members (vouches) and each member's own limits. */
@Controller()
export class MembersController {
  constructor(@Inject(MembersService) private readonly members: MembersService) {}

  @Get('vouches')
  list(@CurrentMember() member: AuthMember): Promise<VouchesView> {
    return this.members.list(member.id);
  }

  @Post('vouches')
  @HttpCode(200)
  vouch(@CurrentMember() member: AuthMember, @Body() body: GiveVouchDto): Promise<VouchesView> {
    return this.members.vouch(member.id, body.memberId);
  }

  @Delete('vouches/:memberId')
  withdraw(
    @CurrentMember() member: AuthMember,
    @Param('memberId', uuid) memberId: string,
  ): Promise<VouchesView> {
    return this.members.withdraw(member.id, memberId);
  }

  @Patch('me/settings')
  settings(@CurrentMember() member: AuthMember, @Body() body: UpdateSettingsDto): Promise<MemberSettings> {
    return this.members.updateSettings(member.id, body);
  }
}
