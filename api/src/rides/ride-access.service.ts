import { Inject, Injectable } from '@nestjs/common';
import type { RideView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { notFound } from '../common/app-error.js';
import { TerritoryRepository } from '../territories/territory.repository.js';

/**
 * Who may see a ride: its rider, its assigned driver, the coordinators of its territory (or of a
 * territory containing it) and admins. Others get "not found", so existence does not leak.
 */
@Injectable()
export class RideAccessService {
  constructor(@Inject(TerritoryRepository) private readonly territories: TerritoryRepository) {}

  async assertCanRead(member: AuthMember, ride: RideView | undefined): Promise<RideView> {
    if (!ride) throw notFound('ride');
    if (member.role === 'admin' || ride.riderId === member.id || ride.driverId === member.id) return ride;
    if (member.role === 'coordinator') {
      const scope = await this.territories.coordinatedWithDescendants(member.id);
      if (scope.includes(ride.territoryId)) return ride;
    }
    throw notFound('ride');
  }
}
