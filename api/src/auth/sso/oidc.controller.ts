import { ApiTags } from '@nestjs/swagger';
import { ApiDoc } from '../../api-docs/api-doc.decorator.js';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth.decorators.js';
import { OidcLoginService } from './oidc-login.service.js';

/**
 * Single sign-on: `login` sends the browser to the provider; `callback` is where it comes back,
 * and sends it on to the pages with the Navette token in the fragment (`/#token=…`), which
 * browsers never send to a server or put in a Referer.
 */
@ApiTags('auth')
@Controller('auth/oidc')
@Public()
export class OidcController {
  constructor(@Inject(OidcLoginService) private readonly sso: OidcLoginService) {}

  @ApiDoc({
    summary: 'Sign in with the identity provider',
    description:
      'Redirects to the configured OpenID Connect provider (code flow with PKCE); 404 when single sign-on is off.',
    replies: { 302: { mediaType: 'text/plain', schema: { type: 'string' }, description: 'To the provider' } },
  })
  @Get('login')
  async login(@Res() response: Response): Promise<void> {
    response.redirect(302, await this.sso.start());
  }

  @ApiDoc({
    summary: 'Come back from the identity provider',
    description:
      'Checks the provider’s answer and sends the browser to /#token=<Navette token>; a verified email names the member.',
    replies: {
      302: { mediaType: 'text/plain', schema: { type: 'string' }, description: 'To the map, signed in' },
    },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
  })
  @Get('callback')
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const query = new URLSearchParams(request.originalUrl.split('?')[1] ?? '');
    const token = await this.sso.finish(query);
    response.redirect(302, `/#token=${encodeURIComponent(token)}`);
  }
}
