import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import { Roles } from '../auth/auth.decorators.js';
import { QUEUE_BOARD_COOKIE, QUEUE_BOARD_PATH } from './queue-board.js';

/** Lifetime of the board's cookie, in seconds: 1 h (the token's own expiry still applies). */
const BOARD_COOKIE_SECONDS = 3600;

@ApiTags('operations')
@Controller('admin/queue-board')
@Roles('admin')
export class QueueBoardController {
  /**
   * Hands the admin's bearer token to the board's pages as a cookie (HttpOnly, SameSite=Strict,
   * only under the board's path), so a browser can open `/api/admin/queues`.
   */
  @ApiDoc({
    summary: 'Open the queue board',
    description:
      'Sets an HttpOnly cookie, for the board’s path only, so an admin’s browser can open /api/admin/queues.',
    replies: { 204: null },
  })
  @Post('session')
  @HttpCode(204)
  session(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    const token = (request.headers.authorization ?? '').slice('Bearer '.length);
    response.cookie(QUEUE_BOARD_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: QUEUE_BOARD_PATH,
      maxAge: BOARD_COOKIE_SECONDS * 1000,
    });
  }
}
