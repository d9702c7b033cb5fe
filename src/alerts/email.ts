// alerts stage: email over SMTP (nodemailer): a plain-text and an HTML part, Chinese subject. The password comes
// from the environment variable named in `alerts.smtp.passwordEnv`.
import nodemailer, { type Transporter } from 'nodemailer';
import type { ChannelConfig } from '../config/schema-alerts.ts';
import { DeliveryError, secretFrom, type Notifier, type NotifierFactory } from './notifier.ts';
import { renderHtml, renderText } from './render.ts';

type EmailConfig = Extract<ChannelConfig, { type: 'email' }>;

/** Whether an SMTP failure is worth retrying (connection problems, 4xx replies) or needs a fix (5xx replies). */
function smtpRetryable(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return code === undefined || code < 500;
}

export const email: NotifierFactory<EmailConfig> = (config, ctx): Notifier => {
  let transport: Transporter | undefined;
  const transporter = (): Transporter => {
    if (!ctx.smtp) throw new DeliveryError('email: alerts.smtp is not configured', { retryable: false });
    if (!transport) {
      const smtp = ctx.smtp;
      const pass = smtp.passwordEnv ? secretFrom(ctx, smtp.passwordEnv, 'email') : undefined;
      transport = nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        ...(smtp.user ? { auth: { user: smtp.user, pass: pass ?? '' } } : {}),
        connectionTimeout: ctx.timeoutMs,
        greetingTimeout: ctx.timeoutMs,
        socketTimeout: ctx.timeoutMs,
      });
    }
    return transport;
  };
  return {
    type: 'email',
    address: (r) => config.to ?? r.email ?? '(no address)',
    async send(message, recipient) {
      const to = config.to ?? recipient.email;
      if (!to) throw new DeliveryError(`email: editor "${recipient.id}" has no email address`, { retryable: false });
      try {
        await transporter().sendMail({ from: ctx.smtp!.from, to, subject: message.title, text: renderText(message), html: renderHtml(message) });
      } catch (err) {
        if (err instanceof DeliveryError) throw err;
        throw new DeliveryError(`email: ${(err as Error).message.slice(0, 300)}`, { retryable: smtpRetryable(err), cause: err });
      }
    },
    async close() {
      transport?.close();
    },
  };
};
