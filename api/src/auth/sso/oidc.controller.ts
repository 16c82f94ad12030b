import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth.decorators.js';
import { OidcLoginService } from './oidc-login.service.js';

/**
 * Single sign-on: `login` sends the browser to the provider; `callback` is where it comes back,
 * and sends it on to the pages with the Navette token in the fragment (`/#token=…`), which
 * browsers never send to a server or put in a Referer.
 */
@Controller('auth/oidc')
@Public()
export class OidcController {
  constructor(@Inject(OidcLoginService) private readonly sso: OidcLoginService) {}

  @Get('login')
  async login(@Res() response: Response): Promise<void> {
    response.redirect(302, await this.sso.start());
  }

  @Get('callback')
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const query = new URLSearchParams(request.originalUrl.split('?')[1] ?? '');
    const token = await this.sso.finish(query);
    response.redirect(302, `/#token=${encodeURIComponent(token)}`);
  }
}
