import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { PlaceSearchHit, PlaceView, ReverseLookupView, SnapPreview } from '@navette/contracts';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
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
@ApiTags('places')
@Controller()
export class PlacesController {
  constructor(@Inject(PlacesService) private readonly places: PlacesService) {}

  /** Places (any territory) then geocoded addresses, typo- and accent-tolerant, nearer first. */
  @ApiDoc({
    summary: 'Search places',
    description:
      'Named places of every territory, then geocoded addresses when a geocoder is configured; typo- and accent-tolerant, nearer first.',
    replies: { 200: ['PlaceSearchHit'] },
  })
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
  @ApiDoc({
    summary: 'Name a point',
    description: 'The nearest place within 150 m, else the street (geocoder), else the neighbourhood.',
    replies: { 200: 'ReverseLookupView' },
    errors: ['NOT_FOUND'],
  })
  @Get('places/reverse')
  reverse(@Query() query: PointQueryDto): Promise<ReverseLookupView> {
    return this.places.reverse(parseLngLatText(query.at)!);
  }

  /** Where a pickup at this point would be once snapped to a stop (the territory's rule). */
  @ApiDoc({
    summary: 'Preview a snapped pickup',
    description: 'Where a pickup at this point would be once snapped to a stop, by the territory’s rule.',
    replies: { 200: 'SnapPreview' },
    errors: ['NOT_FOUND'],
  })
  @Get('places/snap')
  snap(@Query() query: PointQueryDto): Promise<SnapPreview> {
    return this.places.snap(parseLngLatText(query.at)!);
  }

  /** The territory's named places, retired ones included (for history). */
  @ApiDoc({
    summary: 'List a territory’s places',
    description: 'The named places of a territory, retired ones included, for every signed-in member.',
    replies: { 200: ['PlaceView'] },
  })
  @Get('territories/:id/places')
  list(@Param('id', uuid) id: string): Promise<PlaceView[]> {
    return this.places.list(id);
  }

  /** Adds a named place inside the territory (its coordinators, those above, admins). */
  @ApiDoc({
    summary: 'Add a place',
    description:
      'A named place inside the territory; for its coordinators, those of a territory containing it, and admins.',
    replies: { 201: 'PlaceView' },
    errors: ['CONFLICT'],
  })
  @Post('territories/:id/places')
  @Roles('coordinator')
  create(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: CreatePlaceDto,
  ): Promise<PlaceView> {
    return this.places.create(member, id, body);
  }

  /** Renames, moves or changes the kind of a place. */
  @ApiDoc({
    summary: 'Change a place',
    description: 'Rename, move or change the kind of an active place.',
    replies: { 200: 'PlaceView' },
    errors: ['CONFLICT'],
  })
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
  @ApiDoc({
    summary: 'Retire a place',
    description: 'The place is no longer searched or used for names; it stays for history.',
    replies: { 200: 'PlaceView' },
    errors: ['CONFLICT'],
  })
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
