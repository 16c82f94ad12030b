import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { RidesModule } from '../rides/rides.module.js';
import { DispatchController } from './dispatch.controller.js';
import { OfferRepository } from './offer.repository.js';
import { OffersService } from './offers.service.js';
import { ReleaseService } from './release.service.js';
import { TripRepository } from './trip.repository.js';
import { TripsService } from './trips.service.js';

/** Offers and trips: the driver's side of a ride, and sending rides back to matching. */
@Module({
  imports: [RidesModule, ReportsModule],
  controllers: [DispatchController],
  providers: [OffersService, TripsService, ReleaseService, OfferRepository, TripRepository],
  exports: [OffersService, TripsService, ReleaseService],
})
export class DispatchModule {}
