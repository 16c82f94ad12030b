import { Module } from '@nestjs/common';
import { CalendarFeedRepository } from './calendar-feed.repository.js';
import { CalendarFeedService } from './calendar-feed.service.js';
import { CalendarController } from './calendar.controller.js';

@Module({ controllers: [CalendarController], providers: [CalendarFeedService, CalendarFeedRepository] })
export class CalendarModule {}
