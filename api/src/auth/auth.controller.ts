import { Body, Controller, Get, HttpCode, Inject, Ip, Post } from '@nestjs/common';
import type { LoginResponse, MemberView } from '@navette/contracts';
import type { AuthMember } from './auth-member.js';
import { CurrentMember, Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';

@Controller()
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.auth.login(body.email, body.password, ip);
  }

  @Get('me')
  me(@CurrentMember() member: AuthMember): Promise<MemberView> {
    return this.auth.me(member.id);
  }
}
