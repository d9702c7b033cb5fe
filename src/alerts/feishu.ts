// alerts stage: Feishu (飞书) custom robot. With signature verification (签名校验) the body carries `timestamp`
// (seconds) and `sign` = base64 of HMAC-SHA256 keyed with "timestamp\nsecret" over an empty message.
import { createHmac } from 'node:crypto';
import type { ChannelConfig } from '../config/schema-alerts.ts';
import { expectZero, postJson } from './http-post.ts';
import { secretFrom, type Notifier, type NotifierFactory } from './notifier.ts';
import { renderText } from './render.ts';

type FeishuConfig = Extract<ChannelConfig, { type: 'feishu' }>;

/** The `sign` field of a signed Feishu robot request. */
export function feishuSign(timestampSeconds: number, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/**
 * Feishu's text message shows text as is except its `<at …>` mention tags: the plain rendering is sent with every
 * `<` replaced, so page text cannot mention (and notify) the whole group.
 */
export const feishu: NotifierFactory<FeishuConfig> = (config, ctx): Notifier => ({
  type: 'feishu',
  address: () => `feishu robot (${config.webhookEnv})`,
  async send(message) {
    const url = secretFrom(ctx, config.webhookEnv, 'feishu');
    const body: Record<string, unknown> = { msg_type: 'text', content: { text: renderText(message).replace(/</g, '＜') } };
    if (config.secretEnv) {
      const ts = Math.floor(ctx.clock() / 1000);
      body.timestamp = String(ts);
      body.sign = feishuSign(ts, secretFrom(ctx, config.secretEnv, 'feishu'));
    }
    const res = await postJson(url, body, ctx, 'feishu');
    expectZero(res.json, 'code', 'feishu');
  },
});
