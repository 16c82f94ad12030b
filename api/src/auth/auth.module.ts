import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MemberRepository } from '../members/member.repository.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { AuthenticationService } from './authentication.service.js';
import { MemberAccessService } from './member-access.service.js';
import { TokenService } from './token.service.js';
import { OidcController } from './sso/oidc.controller.js';
import { OidcLoginService } from './sso/oidc-login.service.js';
import { SsoMemberRepository } from './sso/sso-member.repository.js';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { expiresIn: config.tokenTtlSeconds, algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController, OidcController],
  providers: [
    AuthService,
    TokenService,
    MemberAccessService,
    AuthenticationService,
    MemberRepository,
    OidcLoginService,
    SsoMemberRepository,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService, MemberAccessService, AuthenticationService, MemberRepository],
})
export class AuthModule {}
