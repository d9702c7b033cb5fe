// alerts stage: sending what the outbox holds — due messages are marked `sending`, sent, then marked `sent`, or
// `failed` with the time of the next attempt (doubling delay, capped), or `gave-up` after the last attempt.
import type { AppConfig } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import type { Delivery, Store } from '../storage/index.ts';
import { createNotifier } from './channels.ts';
import type { AlertMessage } from './message.ts';
import { DeliveryError, type Notifier, type NotifierContext } from './notifier.ts';
import { channelByKey, recipientOf } from './routing.ts';

export interface DeliverOptions {
  store: Store;
  config: AppConfig;
  now: Date;
  log: Logger;
  env: Record<string, string | undefined>;
  /** Real time in ms for signatures (robots reject stale timestamps); defaults to Date.now. */
  clock?(): number;
}

export interface DeliverResult {
  sent: Delivery[];
  failed: (Delivery & { error: string; retryAt?: string })[];
}

/** When to try again after `attempts` failed attempts, or undefined to give up. */
export function nextAttempt(config: AppConfig, now: Date, attempts: number, retryable: boolean): Date | undefined {
  const a = config.alerts;
  if (attempts >= a.maxAttempts) return undefined;
  const minutes = retryable ? Math.min(a.retryMaxMinutes, a.retryBaseMinutes * 2 ** (attempts - 1)) : a.retryMaxMinutes;
  return new Date(now.getTime() + minutes * 60_000);
}

/** Sends every due delivery once. Failures are recorded for a later run; nothing throws for one bad channel. */
export async function deliverDue(o: DeliverOptions): Promise<DeliverResult> {
  const { store, config, now } = o;
  const log = o.log.child({ module: 'alerts' });
  const ctx: NotifierContext = {
    env: o.env,
    clock: o.clock ?? Date.now,
    log,
    timeoutMs: config.alerts.timeoutMs,
    maxItems: config.alerts.maxItemsPerChat,
    ...(config.alerts.smtp ? { smtp: config.alerts.smtp } : {}),
  };
  const notifiers = new Map<string, Notifier>();
  const result: DeliverResult = { sent: [], failed: [] };
  try {
    for (const d of store.alerts.due(now)) {
      const attempts = d.attempts + 1;
      const channel = channelByKey(config, d.channel);
      const recipient = recipientOf(config, d.recipient);
      if (!channel || !recipient) {
        const error = `channel ${d.channel} is no longer configured`;
        store.alerts.markFailed(d.id, error, undefined);
        log.error({ delivery: d.id, channel: d.channel }, 'alert given up: its channel was removed from the config');
        result.failed.push({ ...d, error });
        continue;
      }
      let notifier = notifiers.get(d.channel);
      if (!notifier) notifiers.set(d.channel, (notifier = createNotifier(channel.config, ctx)));
      // The lease outlasts a send (SMTP or webhook timeout) with a wide margin.
      if (!store.alerts.claim(d.id, now, new Date(now.getTime() + Math.max(10 * 60_000, 3 * config.alerts.timeoutMs)))) continue;
      try {
        await notifier.send(d.message as AlertMessage, recipient);
        store.alerts.markSent(d.id, now);
        log.info({ delivery: d.id, kind: d.kind, recipient: d.recipient, channel: d.channel, attempts }, 'alert sent');
        result.sent.push({ ...d, attempts, status: 'sent' });
      } catch (err) {
        const retryable = err instanceof DeliveryError ? err.retryable : true;
        const error = err instanceof DeliveryError ? err.message : `${d.channel}: ${(err as Error).message}`;
        const retryAt = nextAttempt(config, now, attempts, retryable);
        store.alerts.markFailed(d.id, error, retryAt);
        if (retryAt) log.warn({ delivery: d.id, channel: d.channel, attempts, retryAt: retryAt.toISOString(), error }, 'alert not delivered; will retry');
        else log.error({ delivery: d.id, channel: d.channel, attempts, error }, 'alert given up after the last attempt');
        result.failed.push({ ...d, attempts, status: retryAt ? 'failed' : 'gave-up', error, ...(retryAt ? { retryAt: retryAt.toISOString() } : {}) });
      }
    }
  } finally {
    for (const n of notifiers.values()) await n.close?.();
  }
  return result;
}
