import { Inject, Injectable, Logger } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, publicUrlOf, type AppConfig } from '../config/app-config.js';

const logger = new Logger('Mailer');

/** Sends plain-text mail through `SMTP_URL` (nodemailer), when configured. */
@Injectable()
export class MailerService {
  private readonly transport?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.smtp) this.transport = nodemailer.createTransport(config.smtp.url);
  }

  /** Whether mail can be sent at all. */
  get enabled(): boolean {
    return this.transport !== undefined;
  }

  /** The public address of a page path (`/reset#…`), for links in mails: under PUBLIC_URL, its own path kept. */
  link(path: string): string {
    return new URL(path.replace(/^\//, ''), publicUrlOf(this.config)).href;
  }

  /** Sends, or logs why not: a mail that fails is never the caller's error (it already answered). */
  async send(to: string, subject: string, text: string): Promise<void> {
    if (!this.transport || !this.config.smtp) return;
    try {
      await this.transport.sendMail({ from: this.config.smtp.from, to, subject, text });
    } catch (error) {
      logger.warn(`mail to one member not sent: ${(error as Error).message}`);
    }
  }
}
