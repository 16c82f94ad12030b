import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Response } from 'express';
import type { RideEstimate, RideView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { AppError } from '../common/app-error.js';
import { CreateRideDto } from './dto/create-ride.dto.js';
import { EstimateQueryDto } from './dto/estimate-query.dto.js';
import { parseLngLatText } from '../places/dto/point-text.validators.js';
import { RateLimitsService } from '../rate-limits/rate-limits.service.js';
import { RidesService } from './rides.service.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

const uuid = uuidParam();

@ApiTags('rides')
@Controller('rides')
export class RidesController {
  constructor(
    @Inject(RidesService) private readonly rides: RidesService,
    @Inject(RateLimitsService) private readonly limits: RateLimitsService,
  ) {}

  @ApiDoc({
    summary: 'Request a ride',
    description:
      'Requests a ride or a task. With an `Idempotency-Key`, a replay with the same body returns the first ride; the rider’s open ride for the same trip is returned too (200).',
    replies: {
      201: {
        mediaType: 'application/json',
        schema: { $ref: '#/components/schemas/RideView' },
        description: 'The ride was created',
      },
      200: {
        mediaType: 'application/json',
        schema: { $ref: '#/components/schemas/RideView' },
        description: 'An existing ride: a replay of the key, or the rider’s open ride for the same trip',
      },
    },
    errors: [
      'OUT_OF_TERRITORY',
      'OUTSIDE_SERVICE_HOURS',
      'IDEMPOTENCY_KEY_REUSED',
      'CONFLICT',
      'RATE_LIMITED',
    ],
  })
  @Post()
  @Roles('rider', 'coordinator')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Replays with the same body return the first ride; the key with another body is a 422',
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

  @ApiDoc({
    summary: 'My rides',
    description: 'The caller’s rides, newest first.',
    replies: { 200: ['RideView'] },
  })
  @Get()
  listMine(@CurrentMember() member: AuthMember): Promise<RideView[]> {
    return this.rides.listMine(member);
  }

  @ApiDoc({
    summary: 'Estimate a ride',
    description:
      'Before asking: the wait for the nearest driver on shift in the pickup’s territory and the direct trip time, by the engine’s default travel model (great-circle distance × 1.3 at 30 km/h). `waitSeconds` is null when no driver is on shift there.',
    replies: { 200: 'RideEstimate' },
    errors: ['OUT_OF_TERRITORY'],
  })
  @Get('estimate')
  estimate(@Query() query: EstimateQueryDto): Promise<RideEstimate> {
    return this.rides.estimate(parseLngLatText(query.pickup)!, parseLngLatText(query.dropoff)!);
  }

  @ApiDoc({
    summary: 'One ride',
    description: 'A ride the caller requested, drives or coordinates.',
    replies: { 200: 'RideView' },
    errors: ['FORBIDDEN'],
  })
  @Get(':id')
  get(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<RideView> {
    return this.rides.get(member, id);
  }

  @ApiDoc({
    summary: 'Why this match',
    description: 'Why the ride was matched as it was, or why it was not.',
    replies: { 200: 'RideExplanations' },
    errors: ['FORBIDDEN'],
  })
  @Get(':id/explanation')
  explanation(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string) {
    return this.rides.explanations(member, id);
  }

  @ApiDoc({
    summary: 'Cancel a ride',
    description: 'Cancels a ride that is not finished.',
    replies: { 200: 'RideView' },
    errors: ['FORBIDDEN', 'CONFLICT'],
  })
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<RideView> {
    return this.rides.cancel(member, id);
  }
}
