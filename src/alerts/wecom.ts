// alerts stage: WeCom (企业微信) group robot: markdown message to the webhook URL (its `key` is the secret).
import type { ChannelConfig } from '../config/schema-alerts.ts';
import { expectZero, postJson } from './http-post.ts';
import { secretFrom, type Notifier, type NotifierFactory } from './notifier.ts';
import { renderMarkdown } from './render.ts';

type WecomConfig = Extract<ChannelConfig, { type: 'wecom' }>;

/** WeCom markdown content is limited to 4096 bytes: cut at a character boundary with a note. */
export function fitBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const note = '\n\n（内容过长已截断，详见邮件或监测平台）';
  let cut = text;
  while (Buffer.byteLength(cut) + Buffer.byteLength(note) > maxBytes) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  return cut + note;
}

export const wecom: NotifierFactory<WecomConfig> = (config, ctx): Notifier => ({
  type: 'wecom',
  address: () => `wecom robot (${config.webhookEnv})`,
  async send(message) {
    const url = secretFrom(ctx, config.webhookEnv, 'wecom');
    const body = { msgtype: 'markdown', markdown: { content: fitBytes(renderMarkdown(message, ctx.maxItems), 4096) } };
    const res = await postJson(url, body, ctx, 'wecom');
    expectZero(res.json, 'errcode', 'wecom');
  },
});
