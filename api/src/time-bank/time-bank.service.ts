import { Inject, Injectable } from '@nestjs/common';
import type { MyTimeBank, TerritoryTimeBank } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { notFound } from '../common/app-error.js';
import { parsePeriod, type Period } from '../common/period.js';
import { TimeBankRepository, toEntry } from './time-bank.repository.js';

/** Rides completed in `[from, to)`; by default all until now. */
const periodOf = (fromText?: string, toText?: string): Period =>
  parsePeriod(fromText, toText, { defaultFrom: () => new Date(0) });
const echo = (period: Period, fromText?: string) => ({
  from: fromText ? period.from.toISOString() : null,
  to: period.to.toISOString(),
});

/** Hours given and received: information for the community, never a balance to settle. */
@Injectable()
export class TimeBankService {
  constructor(@Inject(TimeBankRepository) private readonly ledger: TimeBankRepository) {}

  async mine(member: AuthMember, fromText?: string, toText?: string): Promise<MyTimeBank> {
    const period = periodOf(fromText, toText);
    return {
      memberId: member.id,
      ...echo(period, fromText),
      ...toEntry(await this.ledger.ofMember(member.id, period)),
    };
  }

  async ofTerritory(
    member: AuthMember,
    territoryId: string,
    fromText?: string,
    toText?: string,
  ): Promise<TerritoryTimeBank> {
    const period = periodOf(fromText, toText);
    const { allowed, rows } = await this.ledger.ofTerritory(territoryId, member, period);
    if (!allowed) throw notFound('territory');
    const members = rows.map((r) => ({ memberId: r.member_id, displayName: r.display_name, ...toEntry(r) }));
    const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + pick(r), 0);
    return {
      territoryId,
      ...echo(period, fromText),
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
