import { Module } from '@nestjs/common';
import { MailerService } from '../membership/mailer.service.js';
import { TaskRepository } from './task.repository.js';
import { TaskRequestsService } from './task-requests.service.js';

/** Asking for a task: its checks, details, code and link (used by rides when a task is asked for). */
@Module({
  providers: [TaskRepository, TaskRequestsService, MailerService],
  exports: [TaskRepository, TaskRequestsService],
})
export class TasksModule {}
