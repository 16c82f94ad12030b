import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import type { OutcomesView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember } from '../auth/auth.decorators.js';
import { RecordOutcomeDto } from './dto/record-outcome.dto.js';
import { OutcomesService } from './outcomes.service.js';
import { uuidParam } from '../common/uuid.pipe.js';

const uuid = uuidParam();

@Controller('rides/:id')
export class OutcomesController {
  constructor(@Inject(OutcomesService) private readonly outcomes: OutcomesService) {}

  @Post('outcome')
  record(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: RecordOutcomeDto,
  ): Promise<OutcomesView> {
    return this.outcomes.record(member, id, body.success);
  }

  @Get('outcomes')
  get(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<OutcomesView> {
    return this.outcomes.get(member, id);
  }
}
