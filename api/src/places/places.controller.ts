import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import type { PlaceSearchHit, PlaceView, ReverseLookupView, SnapPreview } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { CreatePlaceDto, UpdatePlaceDto } from './dto/create-place.dto.js';
import { PointQueryDto, SearchPlacesQueryDto } from './dto/places-query.dto.js';
import { parseBboxText, parseLngLatText } from './dto/point-text.validators.js';
import { PlacesService } from './places.service.js';

const uuid = uuidParam();
const placeUuid = uuidParam('placeId');

/** Search, reverse lookup and snapping for every signed-in member; place changes for coordinators. */
@Controller()
export class PlacesController {
  constructor(@Inject(PlacesService) private readonly places: PlacesService) {}

  /** Places (any territory) then geocoded addresses, typo- and accent-tolerant, nearer first. */
  @Get('places/search')
  search(@Query() query: SearchPlacesQueryDto): Promise<PlaceSearchHit[]> {
    return this.places.search(
      query.q,
      parseLngLatText(query.near) ?? null,
      parseBboxText(query.bbox) ?? null,
      query.limit === undefined ? undefined : Number(query.limit),
    );
  }

  /** A name for a point: a place within 150 m, a street, or the neighbourhood. */
  @Get('places/reverse')
  reverse(@Query() query: PointQueryDto): Promise<ReverseLookupView> {
    return this.places.reverse(parseLngLatText(query.at)!);
  }

  /** Where a pickup at this point would be once snapped to a stop (the territory's rule). */
  @Get('places/snap')
  snap(@Query() query: PointQueryDto): Promise<SnapPreview> {
    return this.places.snap(parseLngLatText(query.at)!);
  }

  @Get('territories/:id/places')
  list(@Param('id', uuid) id: string): Promise<PlaceView[]> {
    return this.places.list(id);
  }

  @Post('territories/:id/places')
  @Roles('coordinator')
  create(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: CreatePlaceDto,
  ): Promise<PlaceView> {
    return this.places.create(member, id, body);
  }

  @Patch('territories/:id/places/:placeId')
  @Roles('coordinator')
  update(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Param('placeId', placeUuid) placeId: string,
    @Body() body: UpdatePlaceDto,
  ): Promise<PlaceView> {
    return this.places.update(member, id, placeId, body);
  }

  /** Retires the place; it stays for history. */
  @Delete('territories/:id/places/:placeId')
  @HttpCode(200)
  @Roles('coordinator')
  retire(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Param('placeId', placeUuid) placeId: string,
  ): Promise<PlaceView> {
    return this.places.retire(member, id, placeId);
  }
}
