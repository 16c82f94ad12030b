import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import type { ShiftView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { StartShiftDto } from './dto/start-shift.dto.js';
import { ShiftsService } from './shifts.service.js';

@Controller('shifts')
@Roles('driver')
export class ShiftsController {
  constructor(@Inject(ShiftsService) private readonly shifts: ShiftsService) {}

  @Post('start')
  @HttpCode(200)
  start(@CurrentMember() member: AuthMember, @Body() body: StartShiftDto): Promise<ShiftView> {
    return this.shifts.start(member.id, body.position, body.vehicleId);
  }

  @Post('end')
  @HttpCode(200)
  end(@CurrentMember() member: AuthMember): Promise<ShiftView> {
    return this.shifts.end(member.id);
  }

  @Get('current')
  async current(@CurrentMember() member: AuthMember): Promise<ShiftView | null> {
    return (await this.shifts.current(member.id)) ?? null;
  }
}
