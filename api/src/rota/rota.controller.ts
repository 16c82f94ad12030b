import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { RotaView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { RotaService } from './rota.service.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

const uuid = uuidParam();

@ApiTags('rota')
@Controller('territories')
@Roles('coordinator')
export class RotaController {
  constructor(@Inject(RotaService) private readonly rota: RotaService) {}

  /** The plan of a day's pre-booked rides over the territory's drivers (default: tomorrow, UTC). */
  @ApiDoc({
    summary: 'Day plan',
    description: 'The plan of a day’s pre-booked rides over the territory’s drivers.',
    replies: { 200: 'RotaView' },
    errors: ['PLANNER_UNAVAILABLE'],
    query: {
      date: {
        description: 'The day, YYYY-MM-DD (optional; default: tomorrow, UTC)',
        schema: { type: 'string', format: 'date' },
      },
    },
  })
  @Get(':id/rota')
  plan(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Query('date') date?: string,
  ): Promise<RotaView> {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    return this.rota.plan(member, id, date ?? tomorrow);
  }
}
