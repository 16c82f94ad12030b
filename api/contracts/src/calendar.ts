/**
 * A driver's calendar feed (`POST /api/me/calendar-feed`): the iCalendar address their calendar
 * application subscribes to. Shown once; making a new one revokes the old.
 */
export interface CalendarFeedView {
  /** Absolute URL of the feed, `…/api/calendar/<token>.ics`; the token is the only credential. */
  url: string;
}
