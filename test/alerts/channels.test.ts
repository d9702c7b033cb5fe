import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifier, DeliveryError, escapeMarkdown, feishuSign, renderHtml, renderMarkdown, safeUrl, type AlertMessage, type NotifierContext } from '../../src/alerts/index.ts';
import { silentLogger } from '../../src/log/index.ts';
import { startWebhookReceiver, type WebhookReceiver } from './sinks.ts';

const message: AlertMessage = {
  kind: 'notice',
  recipientName: '王编辑',
  title: '【政府网站监测】2026-11-20 新问题 1 项',
  intro: '王编辑，您好：',
  sections: [
    {
      heading: '新发现的问题',
      items: [
        {
          findingId: 'f-1',
          siteName: '示范县人民政府',
          check: 'link.broken',
          checkTitle: '断链',
          severity: 'error',
          suspected: false,
          what: '](javascript:alert(1)) **粗体** <b>x</b> @all',
          url: 'http://www.demo-county.gov.test/a_(1).html',
          target: 'javascript:alert(1)',
          pageCount: 3,
          since: '2026-11-20',
          action: '修复链接地址或删除失效链接',
          deadline: '2026-12-01',
        },
      ],
    },
  ],
  footer: '依据',
  decidedAt: '2026-11-20T02:00:00.000Z',
};

const ctx = (env: Record<string, string>): NotifierContext => ({ env, clock: () => 1_700_000_000_123, log: silentLogger(), timeoutMs: 2000, maxItems: 15 });
const wang = { id: 'wang', name: '王编辑' };

describe('channels', () => {
  let hook: WebhookReceiver;
  beforeAll(async () => (hook = await startWebhookReceiver()));
  afterAll(() => hook.close());

  it('WeCom robot gets a markdown message at the webhook URL from the environment', async () => {
    await createNotifier({ type: 'wecom', webhookEnv: 'WECOM_URL' }, ctx({ WECOM_URL: hook.url('/wecom?key=k1') })).send(message, wang);
    const post = hook.posts.at(-1)!;
    expect(post.path).toBe('/wecom');
    expect(post.query.get('key')).toBe('k1');
    const body = post.body as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('断链');
    expect(Buffer.byteLength(body.markdown.content)).toBeLessThanOrEqual(4096);
  });

  it('Feishu robot signs with base64 HMAC-SHA256 keyed by "timestamp\\nsecret" over an empty message, timestamp in seconds', async () => {
    await createNotifier({ type: 'feishu', webhookEnv: 'FS_URL', secretEnv: 'FS_SECRET' }, ctx({ FS_URL: hook.url('/feishu'), FS_SECRET: 'fs-secret' })).send(message, wang);
    const body = hook.posts.at(-1)!.body as { timestamp: string; sign: string; msg_type: string; content: { text: string } };
    expect(body.timestamp).toBe('1700000000');
    expect(body.sign).toBe(createHmac('sha256', '1700000000\nfs-secret').update('').digest('base64'));
    expect(body.sign).toBe(feishuSign(1_700_000_000, 'fs-secret'));
    expect(body.msg_type).toBe('text');
    expect(body.content.text).toContain('整改期限：2026-12-01');
  });

  it('a robot error code fails the delivery; a missing environment variable names the variable', async () => {
    hook.reply = { errcode: 310000, errmsg: 'sign not match' };
    await expect(createNotifier({ type: 'dingtalk', webhookEnv: 'D_URL' }, ctx({ D_URL: hook.url('/ding') })).send(message, wang)).rejects.toThrow('dingtalk: errcode 310000 sign not match');
    hook.reply = { errcode: 0 };
    const missing = createNotifier({ type: 'dingtalk', webhookEnv: 'D_URL' }, ctx({})).send(message, wang);
    await expect(missing).rejects.toBeInstanceOf(DeliveryError);
    await expect(missing).rejects.toThrow('environment variable D_URL is not set');
  });

  it('markdown escapes page text and links only http(s) URLs', () => {
    const md = renderMarkdown(message, 15);
    expect(md).toContain('］（javascript:alert（1）） ＊＊粗体＊＊ ＜b＞x＜/b＞ ＠all');
    expect(md).not.toMatch(/\]\(javascript:/);
    expect(md).toContain('(http://www.demo-county.gov.test/a_%281%29.html)');
    expect(escapeMarkdown('# 标题 [a](b) 2026-11-20')).toBe('＃ 标题 ［a］（b） 2026-11-20');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
  });

  it('HTML mail escapes page text and never links a javascript: URL', () => {
    const html = renderHtml(message);
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('href="http://www.demo-county.gov.test/a_%281%29.html"');
  });

  it('a chat message lists at most maxItemsPerChat problems and counts the rest', () => {
    const many: AlertMessage = { ...message, sections: [{ heading: 'x', items: Array.from({ length: 20 }, () => message.sections[0]!.items[0]!) }] };
    const md = renderMarkdown(many, 15);
    expect(md.match(/\*\*断链\*\*/g)).toHaveLength(15);
    expect(md).toContain('另有 5 项未列出');
  });
});
