import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalAlarmType } from 'ical-generator';
import { AppError } from '../common/app-error.js';
import { CalendarFeedRepository } from './calendar-feed.repository.js';

/** How far back a feed reaches, in days. */
export const FEED_DAYS = 90;
/** How long an open shift shows in the feed, from now, in minutes: until it ends, then it is exact. */
const OPEN_SHIFT_MINUTES = 60;

/** How long before a rota shift the calendar reminds the driver, seconds. */
const ROTA_REMINDER_SECONDS = 3600;

const sha256 = (token: string) => createHash('sha256').update(token).digest();

/**
 * A driver's shifts (and the rota shifts they signed up for) as an iCalendar feed their calendar subscribes to. The feed's address holds a
 * random 256-bit token (only its SHA-256 is stored): whoever has the address reads the feed, so
 * a new address revokes the old one, and so does `revoke`.
 */
@Injectable()
export class CalendarFeedService {
  constructor(@Inject(CalendarFeedRepository) private readonly feeds: CalendarFeedRepository) {}

  /** A new feed token for the member (the old one stops working). */
  async issue(memberId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.feeds.replace(memberId, sha256(token));
    return token;
  }

  async revoke(memberId: string): Promise<void> {
    if (!(await this.feeds.delete(memberId))) throw new AppError('NOT_FOUND', 'you have no calendar feed');
  }

  /** The feed for a token, as iCalendar text; NOT_FOUND for a token revoked, replaced or never made. */
  async render(token: string, now = new Date()): Promise<string> {
    const member = /^[\w-]{43}$/.test(token) ? await this.feeds.memberOf(sha256(token)) : undefined;
    if (!member) throw new AppError('NOT_FOUND', 'no such calendar feed');
    const calendar = ical({
      name: `Navette — ${member.displayName}`,
      prodId: { company: 'Navette', product: 'shifts', language: 'EN' },
      ttl: 15 * 60,
    });
    const since = new Date(now.getTime() - FEED_DAYS * 86_400_000);
    for (const shift of await this.feeds.shifts(member.id, since)) {
      const open = shift.endedAt === null;
      calendar.createEvent({
        id: `shift-${shift.id}@navette`,
        start: shift.startedAt,
        end:
          shift.endedAt ??
          new Date(Math.max(now.getTime(), shift.startedAt.getTime()) + OPEN_SHIFT_MINUTES * 60_000),
        stamp: now,
        summary: open ? `On shift (${shift.territoryName}, under way)` : `Shift (${shift.territoryName})`,
        location: shift.territoryName,
      });
    }
    // Shifts signed up for on the rota and not yet started, with a reminder before each (ADR 0027).
    for (const slot of await this.feeds.rotaShifts(member.id, since)) {
      calendar.createEvent({
        id: `rota-${slot.signupId}@navette`,
        start: slot.startsAt,
        end: slot.endsAt,
        stamp: now,
        summary: `Rota shift (${slot.territoryName})`,
        ...(slot.note ? { description: slot.note } : {}),
        location: slot.territoryName,
        alarms: [{ type: ICalAlarmType.display, trigger: ROTA_REMINDER_SECONDS }],
      });
    }
    return calendar.toString();
  }
}
