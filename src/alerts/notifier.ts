// alerts stage: the one interface every channel implements, and the errors a send can end in.
import type { AlertsSettings, ChannelConfig, ChannelType } from '../config/schema-alerts.ts';
import type { Logger } from '../log/index.ts';
import type { AlertMessage } from './message.ts';

export type SmtpSettings = NonNullable<AlertsSettings['smtp']>;

/** Who a message goes to. */
export interface Recipient {
  /** Editor id. */
  id: string;
  name: string;
  email?: string;
}

/** What a channel needs from the process: secrets by environment variable name, the clock, a logger. */
export interface NotifierContext {
  /** Environment (secrets are read from here at send time, never stored or logged). */
  env: Record<string, string | undefined>;
  /** Milliseconds since the epoch, for signatures. */
  clock(): number;
  log: Logger;
  timeoutMs: number;
  /** Most items listed one by one in a chat message. */
  maxItems: number;
  /** SMTP settings of the email channel. */
  smtp?: SmtpSettings;
}

/** A delivery channel: email, DingTalk, WeCom, Feishu, generic webhook. One file each. */
export interface Notifier {
  readonly type: ChannelType;
  /** A description of the destination that is safe to log and store (never a URL with a token, never a secret). */
  address(recipient: Recipient): string;
  /** Sends one message. Throws DeliveryError when it did not go out. */
  send(message: AlertMessage, recipient: Recipient): Promise<void>;
  close?(): Promise<void>;
}

/** Builds a channel from its config entry. */
export type NotifierFactory<C extends ChannelConfig = ChannelConfig> = (config: C, ctx: NotifierContext) => Notifier;

/**
 * A send that failed. `retryable` false means retrying cannot help until the configuration changes (a missing
 * environment variable, a rejected signature); the delivery is still retried, more slowly, so fixing the
 * configuration is enough to get it out.
 */
export class DeliveryError extends Error {
  readonly retryable: boolean;
  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'DeliveryError';
    this.retryable = options.retryable;
  }
}

/** Reads a secret from the environment; throws a non-retryable DeliveryError naming the variable when unset. */
export function secretFrom(ctx: NotifierContext, name: string, what: string): string {
  const v = ctx.env[name];
  if (!v) throw new DeliveryError(`${what}: environment variable ${name} is not set`, { retryable: false });
  return v;
}
