import { Module } from '@nestjs/common';
import { QueueBoardController } from './queue-board.controller.js';

/** The admin's queue board: its cookie route here; the board itself is mounted in `app.factory.ts`. */
@Module({ controllers: [QueueBoardController] })
export class QueueBoardModule {}
