import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../common/app-error.js';
import { toErrorBody } from '../common/error.filter.js';
import type { AuthenticationService } from '../auth/authentication.service.js';

/** Where the queue board is served. */
export const QUEUE_BOARD_PATH = '/api/admin/queues';
/** The cookie that carries an admin's token to the board's pages (set by `POST /api/admin/queue-board/session`). */
export const QUEUE_BOARD_COOKIE = 'navette_queue_board';

function tokenOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  const cookie = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${QUEUE_BOARD_COOKIE}=`));
  return cookie?.slice(QUEUE_BOARD_COOKIE.length + 1) || undefined;
}

/**
 * Lets through an admin who is not suspended, as the database says now (the same check as
 * `@Roles('admin')`), whose token comes as a bearer header or the board's cookie.
 */
export function adminsOnly(authentication: AuthenticationService): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    authentication
      .authenticate(tokenOf(request))
      .then(({ member }) => {
        if (member.role !== 'admin' || member.suspended)
          throw new AppError('FORBIDDEN', 'the queue board is for admins');
        next();
      })
      .catch((error: unknown) => {
        const body = toErrorBody(error);
        response.status(body.statusCode).json(body);
      });
  };
}

/**
 * Bull Board on the given queues, for admins only, at `QUEUE_BOARD_PATH`: each queue's jobs by
 * state, their data, errors and stack traces; retry, promote, clean. Its pages load only their own
 * scripts and styles (the content security policy holds: no webfonts).
 */
export function queueBoard(queues: Queue[], authentication: AuthenticationService): RequestHandler[] {
  const server = new ExpressAdapter();
  server.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: server });
  return [adminsOnly(authentication), server.getRouter() as RequestHandler];
}
