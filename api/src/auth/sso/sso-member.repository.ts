import { Inject, Injectable } from '@nestjs/common';
import { sql } from '@navette/sql';
import { DataSource } from 'typeorm';

/** Members made by single sign-on (OIDC_CREATE_MEMBERS). */
@Injectable()
export class SsoMemberRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * A new rider for this email, with a password hash nobody knows (they log in by their provider);
   * nothing when the email is taken meanwhile (the caller reads the member again).
   */
  async insertRider(email: string, displayName: string, unusableHash: string): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO members (email, display_name, password_hash, role) VALUES ($1, $2, $3, 'rider')
       ON CONFLICT (email) DO NOTHING`,
      [email.toLowerCase(), displayName, unusableHash],
    );
  }
}
