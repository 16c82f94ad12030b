import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ErasureResult } from '@navette/contracts';
import bcrypt from 'bcryptjs';
import type { AuthMember } from '../auth/auth-member.js';
import { MemberAccessService } from '../auth/member-access.service.js';
import { AppError } from '../common/app-error.js';
import { ErasureRepository, type ErasureCandidate } from './erasure.repository.js';
import { RetentionRepository } from './retention.repository.js';

/** Why a member cannot be erased right now, or null. */
function obstacle(member: ErasureCandidate): string | null {
  if (member.role === 'admin' || member.coordinates)
    return 'an admin or a coordinator of a territory cannot be erased while holding the role; ask an admin to hand it over first';
  if (member.on_shift) return 'end your shift first';
  if (member.open_rides > 0) return 'cancel or finish your open rides first';
  return null;
}

/**
 * Erases a member (GDPR article 17): their name, email, password, positions, exact places and free
 * texts go; what others need (decisions, outcomes, rides and the counts built on them) stays,
 * pointing at an anonymous tombstone. The password is asked again: a stolen token is not enough.
 */
@Injectable()
export class ErasureService {
  constructor(
    @Inject(ErasureRepository) private readonly erasure: ErasureRepository,
    @Inject(RetentionRepository) private readonly retention: RetentionRepository,
    @Inject(MemberAccessService) private readonly access: MemberAccessService,
  ) {}

  async erase(member: AuthMember, password: string): Promise<ErasureResult> {
    const unusableHash = await bcrypt.hash(randomBytes(32).toString('base64'), 10);
    const result = await this.erasure.transaction(async (manager) => {
      const candidate = await this.erasure.lock(manager, member.id);
      if (!candidate) throw new AppError('UNAUTHENTICATED', 'this member no longer exists');
      if (!(await bcrypt.compare(password, candidate.password_hash)))
        throw new AppError('FORBIDDEN', 'the password is wrong', 'password');
      const why = obstacle(candidate);
      if (why) throw new AppError('CONFLICT', why);
      const ridesCoarsened = await this.retention.coarsenRidesOf(manager, member.id);
      const textsErased = await this.erasure.eraseTexts(manager, member.id);
      const vouchesRemoved = await this.erasure.removeVouches(manager, member.id);
      await this.erasure.eraseTraces(manager, member.id);
      const erasedAt = await this.erasure.tombstone(manager, member.id, unusableHash);
      return {
        memberId: member.id,
        erasedAt: erasedAt.toISOString(),
        ridesCoarsened,
        textsErased,
        vouchesRemoved,
      };
    });
    // The cached access goes and the member's sockets end now, not at the next re-check.
    this.access.changed(member.id);
    return result;
  }
}
