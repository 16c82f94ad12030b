import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Geocoder } from './geocoder.js';
import { PlaceRepository } from './place.repository.js';
import { PlacesController } from './places.controller.js';
import { GEOCODER, PlacesService } from './places.service.js';

@Module({
  controllers: [PlacesController],
  providers: [
    PlaceRepository,
    PlacesService,
    {
      provide: GEOCODER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (config.geocoder ? new Geocoder(config.geocoder) : null),
    },
  ],
  exports: [PlacesService],
})
export class PlacesModule {}
