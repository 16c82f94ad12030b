import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { RotaRules, RotaSlotView, RotaView, RotaWeekView } from '@navette/contracts';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { CreateSlotDto, RotaRulesDto } from './dto/rota.dto.js';
import { RotaService } from './rota.service.js';

const uuid = uuidParam();

/** The coordinator's rota: slots, rules, the week's coverage and a day's plan. */
@ApiTags('rota')
@Controller('territories')
@Roles('coordinator')
export class RotaController {
  constructor(@Inject(RotaService) private readonly rota: RotaService) {}

  @ApiDoc({
    summary: 'Day plan',
    description:
      'The plan of a local day’s pre-booked rides over the drivers signed up for that day’s shifts (each shift’s window as their availability), made by the dispatcher.',
    replies: { 200: 'RotaView' },
    errors: ['PLANNER_UNAVAILABLE'],
    query: {
      date: {
        description: 'The day, YYYY-MM-DD, local to the territory (optional; default: tomorrow there)',
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
    return this.rota.plan(member, id, date);
  }

  @ApiDoc({
    summary: 'Rota week',
    description:
      'Seven days of the rota from a local date: slots, each occurrence with who signed up, who waits and the gap, expected demand per hour (mean of the same weekday and hour over the last 4 weeks) against signed capacity, each driver’s share of shifts against declared hours, and booked rides flagged as unplannable.',
    replies: { 200: 'RotaWeekView' },
    query: {
      from: {
        description: 'First day, YYYY-MM-DD, local to the territory (optional; default: today there)',
        schema: { type: 'string', format: 'date' },
      },
    },
  })
  @Get(':id/rota/week')
  week(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Query('from') from?: string,
  ): Promise<RotaWeekView> {
    return this.rota.week(member, id, from);
  }

  @ApiDoc({
    summary: 'Create a shift slot',
    description:
      'A one-off or weekly shift slot in the territory’s time zone (a weekly slot keeps its local start across daylight-saving changes), with the drivers it needs and an optional note.',
    replies: { 201: 'RotaSlotView' },
  })
  @Post(':id/rota/slots')
  @HttpCode(201)
  createSlot(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: CreateSlotDto,
  ): Promise<RotaSlotView> {
    return this.rota.createSlot(member, id, body);
  }

  @ApiDoc({
    summary: 'Remove a shift slot',
    description: 'The slot happens no more; sign-ups already made are kept for the record.',
    replies: { 204: null },
  })
  @Delete(':id/rota/slots/:slotId')
  @HttpCode(204)
  async removeSlot(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Param('slotId', uuid) slotId: string,
  ): Promise<void> {
    await this.rota.removeSlot(member, id, slotId);
  }

  @ApiDoc({
    summary: 'Set rota rules',
    description:
      'The withdrawal cut-off (a later withdrawal is late), how long after the start a signed driver who has not started is a no-show, and when reminders come.',
    replies: { 200: 'RotaRules' },
  })
  @Put(':id/rota/rules')
  setRules(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: RotaRulesDto,
  ): Promise<RotaRules> {
    return this.rota.setRules(member, id, body);
  }
}
