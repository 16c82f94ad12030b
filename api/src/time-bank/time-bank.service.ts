import { Inject, Injectable } from '@nestjs/common';
import type { MyTimeBank, TerritoryTimeBank } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { notFound } from '../common/app-error.js';
import { TimeBankRepository, toEntry } from './time-bank.repository.js';

/** Hours given and received: information for the community, never a balance to settle. */
@Injectable()
export class TimeBankService {
  constructor(@Inject(TimeBankRepository) private readonly ledger: TimeBankRepository) {}

  async mine(member: AuthMember): Promise<MyTimeBank> {
    return { memberId: member.id, ...toEntry(await this.ledger.ofMember(member.id)) };
  }

  async ofTerritory(member: AuthMember, territoryId: string): Promise<TerritoryTimeBank> {
    const { allowed, rows } = await this.ledger.ofTerritory(territoryId, member);
    if (!allowed) throw notFound('territory');
    const members = rows.map((r) => ({ memberId: r.member_id, displayName: r.display_name, ...toEntry(r) }));
    const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + pick(r), 0);
    return {
      territoryId,
      members,
      totals: toEntry({
        member_id: territoryId,
        display_name: '',
        seconds_given: sum((r) => r.seconds_given),
        trips_given: sum((r) => r.trips_given),
        seconds_received: sum((r) => r.seconds_received),
        rides_received: sum((r) => r.rides_received),
      }),
    };
  }
}
