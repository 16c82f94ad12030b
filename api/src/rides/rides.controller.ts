import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { RideView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { AppError } from '../common/app-error.js';
import { CreateRideDto } from './dto/create-ride.dto.js';
import { RateLimitsService } from '../rate-limits/rate-limits.service.js';
import { RidesService } from './rides.service.js';
import { uuidParam } from '../common/uuid.pipe.js';

const uuid = uuidParam();

@Controller('rides')
export class RidesController {
  constructor(
    @Inject(RidesService) private readonly rides: RidesService,
    @Inject(RateLimitsService) private readonly limits: RateLimitsService,
  ) {}

  @Post()
  @Roles('rider', 'coordinator')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Replays with the same body return the first ride; the key with another body is a 422',
  })
  @ApiResponse({ status: 201, description: 'The ride was created' })
  @ApiResponse({
    status: 200,
    description: 'An existing ride: a replay of the key, or the rider’s open ride for the same trip',
  })
  async create(
    @CurrentMember() member: AuthMember,
    @Body() body: CreateRideDto,
    @Res({ passthrough: true }) response: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<RideView> {
    if (idempotencyKey !== undefined && !/^[\w-]{1,100}$/.test(idempotencyKey)) {
      throw new AppError(
        'VALIDATION_FAILED',
        'Idempotency-Key must be 1-100 letters, digits, - or _',
        'Idempotency-Key',
      );
    }
    await this.limits.consume('ride-request', member.id);
    const { ride, created } = await this.rides.create(member.id, body, idempotencyKey ?? null);
    response.status(created ? 201 : 200);
    return ride;
  }

  @Get()
  listMine(@CurrentMember() member: AuthMember): Promise<RideView[]> {
    return this.rides.listMine(member);
  }

  @Get(':id')
  get(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<RideView> {
    return this.rides.get(member, id);
  }

  @Get(':id/explanation')
  explanation(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string) {
    return this.rides.explanations(member, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<RideView> {
    return this.rides.cancel(member, id);
  }
}
