import { Body, Controller, Get, HttpCode, Inject, Ip, Post } from '@nestjs/common';
import type { LoginResponse, MemberView } from '@navette/contracts';
import type { AuthMember } from './auth-member.js';
import { CurrentMember, Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @ApiDoc({
    summary: 'Log in',
    description: 'Exchanges an email and password for a bearer token and the member it belongs to.',
    replies: { 200: 'LoginResponse' },
    errors: ['UNAUTHENTICATED', 'RATE_LIMITED'],
  })
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.auth.login(body.email, body.password, ip);
  }

  @ApiDoc({
    summary: 'The caller',
    description: 'The member the token belongs to.',
    replies: { 200: 'MemberView' },
  })
  @Get('me')
  me(@CurrentMember() member: AuthMember): Promise<MemberView> {
    return this.auth.me(member.id);
  }
}
