import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import type { ShiftView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { StartShiftDto } from './dto/start-shift.dto.js';
import { ShiftsService } from './shifts.service.js';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

@ApiTags('shifts')
@Controller('shifts')
@Roles('driver')
export class ShiftsController {
  constructor(@Inject(ShiftsService) private readonly shifts: ShiftsService) {}

  @ApiDoc({
    summary: 'Start a shift',
    description: 'The driver starts taking offers from where they are.',
    replies: { 200: 'ShiftView' },
    errors: ['CONFLICT', 'OUT_OF_TERRITORY'],
  })
  @Post('start')
  @HttpCode(200)
  start(@CurrentMember() member: AuthMember, @Body() body: StartShiftDto): Promise<ShiftView> {
    return this.shifts.start(member.id, body.position, body.vehicleId);
  }

  @ApiDoc({
    summary: 'End the shift',
    description: 'The driver stops taking offers.',
    replies: { 200: 'ShiftView' },
    errors: ['CONFLICT'],
  })
  @Post('end')
  @HttpCode(200)
  end(@CurrentMember() member: AuthMember): Promise<ShiftView> {
    return this.shifts.end(member.id);
  }

  @ApiDoc({
    summary: 'Current shift',
    description: 'The driver’s shift on now, or null.',
    replies: {
      200: {
        mediaType: 'application/json',
        schema: { anyOf: [{ $ref: '#/components/schemas/ShiftView' }, { type: 'null' }] },
        description: 'The shift; an empty body (null) when off shift',
      },
    },
  })
  @Get('current')
  async current(@CurrentMember() member: AuthMember): Promise<ShiftView | null> {
    return (await this.shifts.current(member.id)) ?? null;
  }
}
