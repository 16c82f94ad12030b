import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import type { OutcomesView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember } from '../auth/auth.decorators.js';
import { RecordOutcomeDto } from './dto/record-outcome.dto.js';
import { OutcomesService } from './outcomes.service.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

const uuid = uuidParam();

@ApiTags('rides')
@Controller('rides/:id')
export class OutcomesController {
  constructor(@Inject(OutcomesService) private readonly outcomes: OutcomesService) {}

  @ApiDoc({
    summary: 'Record an outcome',
    description: 'The rider or the driver says whether a finished ride went well.',
    replies: { 201: 'OutcomesView' },
    errors: ['CONFLICT', 'FORBIDDEN'],
  })
  @Post('outcome')
  record(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: RecordOutcomeDto,
  ): Promise<OutcomesView> {
    return this.outcomes.record(member, id, body.success);
  }

  @ApiDoc({
    summary: 'Outcomes of a ride',
    description: 'What the rider and the driver said about the ride.',
    replies: { 200: 'OutcomesView' },
    errors: ['FORBIDDEN'],
  })
  @Get('outcomes')
  get(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<OutcomesView> {
    return this.outcomes.get(member, id);
  }
}
