import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { TaskHandoverView, TrackingView, TripView } from '@navette/contracts';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Public, Roles } from '../auth/auth.decorators.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { HandoverDto } from './dto/handover.dto.js';
import { HandoverService } from './handover.service.js';
import { TaskRequestsService } from './task-requests.service.js';
import { TrackingService } from './tracking.service.js';

const uuid = uuidParam();

/** Tasks after they were asked for: the sender's code and link, the recipient's page, the driver's handover. */
@ApiTags('deliveries')
@Controller()
export class DeliveriesController {
  constructor(
    @Inject(HandoverService) private readonly handovers: HandoverService,
    @Inject(TaskRequestsService) private readonly requests: TaskRequestsService,
    @Inject(TrackingService) private readonly tracking: TrackingService,
  ) {}

  @ApiDoc({
    summary: 'Hand a task over',
    description:
      'At the drop-off: the recipient’s six-digit code ends the delivery (a wrong code is refused, and after five the code is refused outright: 429); so does leaving it with a neighbour or in a safe place, with a note. `failed` sends it back to the sender or moves the drop-off to the end of the route, as the sender chose (a second failure sends it back); `returned` ends a task given back to its sender.',
    replies: { 200: 'TripView' },
    errors: ['NOT_FOUND', 'CONFLICT', 'RATE_LIMITED'],
  })
  @Post('trips/:rideId/handover')
  @Roles('driver')
  @HttpCode(200)
  handover(
    @CurrentMember() member: AuthMember,
    @Param('rideId', uuid) rideId: string,
    @Body() body: HandoverDto,
  ): Promise<TripView> {
    return this.handovers.handover(member.id, rideId, body);
  }

  @ApiDoc({
    summary: 'What to pass on',
    description:
      'The sender’s task: the code the recipient gives the driver (until delivered) and the tracking link (until the task ends), and whether both were mailed to the recipient.',
    replies: { 200: 'TaskHandoverView' },
    errors: ['NOT_FOUND'],
  })
  @Get('rides/:id/handover')
  handoverOf(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<TaskHandoverView> {
    return this.requests.handoverView(member, id);
  }

  @ApiDoc({
    summary: 'Follow a task',
    description:
      'No account needed: the token in the link is the key. The task’s state, its pickup and drop-off, and the driver’s position while it is on its way; nothing about the people. The link stops working an hour after the delivery ended.',
    replies: { 200: 'TrackingView' },
    errors: ['NOT_FOUND'],
  })
  @Get('track/:token')
  @Public()
  track(@Param('token') token: string): Promise<TrackingView> {
    return this.tracking.view(token);
  }
}
