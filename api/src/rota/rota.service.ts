import { Inject, Injectable } from '@nestjs/common';
import type { RotaView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { AppError, notFound } from '../common/app-error.js';
import { PlanningQueueService } from './planning-queue.service.js';
import { RotaRepository } from './rota.repository.js';

const DAY_SECONDS = 86_400;

/**
 * A day's rota: every ride booked ahead for a day, planned at once over the territory's drivers.
 * The API checks who asks and reads the day; the dispatcher plans it (`plan-day` job), so the
 * seconds of search never stall this process's sockets and requests.
 */
@Injectable()
export class RotaService {
  constructor(
    @Inject(RotaRepository) private readonly rota: RotaRepository,
    @Inject(PlanningQueueService) private readonly planning: PlanningQueueService,
  ) {}

  async plan(member: AuthMember, territoryId: string, date: string): Promise<RotaView> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      throw new AppError('VALIDATION_FAILED', 'date must be YYYY-MM-DD', 'date');
    }
    const dayStart = new Date(`${date}T00:00:00Z`);
    const scope = await this.rota.managedScope(territoryId, member.id, member.role === 'admin');
    if (!scope) throw notFound('territory');
    const rides = await this.rota.bookedRides(
      scope,
      dayStart,
      new Date(dayStart.getTime() + DAY_SECONDS * 1000),
    );
    const drivers = await this.rota.drivers(scope);
    return this.planning.plan({ territoryId, date, rides, drivers });
  }
}
