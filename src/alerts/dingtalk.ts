// alerts stage: DingTalk (钉钉) custom robot. With a signing secret (加签) the URL gets `timestamp` (ms) and
// `sign` = url-encoded base64 of HMAC-SHA256 over "timestamp\nsecret", keyed with the secret.
import { createHmac } from 'node:crypto';
import type { ChannelConfig } from '../config/schema-alerts.ts';
import { expectZero, postJson } from './http-post.ts';
import { secretFrom, type Notifier, type NotifierFactory } from './notifier.ts';
import { renderMarkdown } from './render.ts';

type DingTalkConfig = Extract<ChannelConfig, { type: 'dingtalk' }>;

/** The `sign` parameter of a signed DingTalk robot request (not yet url-encoded). */
export function dingtalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The webhook URL with `timestamp` and `sign` appended. */
export function signedDingtalkUrl(webhook: string, timestampMs: number, secret: string): string {
  const sep = webhook.includes('?') ? '&' : '?';
  return `${webhook}${sep}timestamp=${timestampMs}&sign=${encodeURIComponent(dingtalkSign(timestampMs, secret))}`;
}

/** DingTalk markdown messages are limited to about 20,000 bytes; the item cap keeps well inside it. */
export const dingtalk: NotifierFactory<DingTalkConfig> = (config, ctx): Notifier => ({
  type: 'dingtalk',
  address: () => `dingtalk robot (${config.webhookEnv})`,
  async send(message) {
    const webhook = secretFrom(ctx, config.webhookEnv, 'dingtalk');
    const url = config.secretEnv ? signedDingtalkUrl(webhook, ctx.clock(), secretFrom(ctx, config.secretEnv, 'dingtalk')) : webhook;
    const body = { msgtype: 'markdown', markdown: { title: message.title.slice(0, 64), text: renderMarkdown(message, ctx.maxItems) } };
    const res = await postJson(url, body, ctx, 'dingtalk');
    expectZero(res.json, 'errcode', 'dingtalk');
  },
});
