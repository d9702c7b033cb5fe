// alerts stage: generic JSON webhook — the message model as JSON plus its plain-text rendering, for any system
// that wants to take alerts in (a ticket queue, an OA system).
import type { ChannelConfig } from '../config/schema-alerts.ts';
import { postJson } from './http-post.ts';
import { secretFrom, type Notifier, type NotifierFactory } from './notifier.ts';
import { renderText } from './render.ts';

type WebhookConfig = Extract<ChannelConfig, { type: 'webhook' }>;

export const webhook: NotifierFactory<WebhookConfig> = (config, ctx): Notifier => ({
  type: 'webhook',
  address: () => `webhook (${config.urlEnv})`,
  async send(message, recipient) {
    const url = secretFrom(ctx, config.urlEnv, 'webhook');
    const headers: Record<string, string> = config.tokenEnv ? { authorization: `Bearer ${secretFrom(ctx, config.tokenEnv, 'webhook')}` } : {};
    const body = { source: 'govhealth', recipient: { id: recipient.id, name: recipient.name }, ...message, text: renderText(message) };
    await postJson(url, body, ctx, 'webhook', headers);
  },
});
