import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAlerts } from '../../src/alerts/index.ts';
import type { LoadedConfig } from '../../src/config/index.ts';
import type { Store } from '../../src/storage/index.ts';
import { alertsConfig, alertsEnv, DING_SECRET, DING_TOKEN, F, night, tempStore } from './fixture.ts';
import { logSink, startSmtpSink, startWebhookReceiver, type SmtpSink, type WebhookReceiver } from './sinks.ts';

const DAY1 = new Date('2026-11-20T02:00:00+08:00');
const DAY2 = new Date('2026-11-21T02:00:00+08:00');

interface Body {
  msgtype?: string;
  markdown?: { title: string; text: string };
  title?: string;
  kind?: string;
  text?: string;
  recipient?: { id: string };
}

describe('alerts over email, DingTalk and a JSON webhook', () => {
  let smtp: SmtpSink;
  let hook: WebhookReceiver;
  let store: Store;
  let config: LoadedConfig;
  let env: Record<string, string>;
  let sink: ReturnType<typeof logSink>;

  beforeEach(async () => {
    smtp = await startSmtpSink();
    hook = await startWebhookReceiver();
    const t = tempStore();
    store = t.store;
    config = alertsConfig(t.dir, smtp.port);
    env = alertsEnv(hook.url);
    sink = logSink();
  });

  afterEach(async () => {
    store.close();
    await smtp.close();
    await hook.close();
  });

  const run = (now: Date, dryRun = false) => runAlerts({ store, config, now, log: sink.log, env, dryRun });
  const ding = () => hook.posts.filter((p) => p.path === '/ding/robot/send');
  const supervisor = () => hook.posts.filter((p) => p.path === '/supervisor');

  it('sends each editor one digest of exactly their findings, falls back to the owner, and escalates a veto to the supervisor', async () => {
    night(store, DAY1, [F.brokenPdf, F.phone, F.columnWarning, F.staleNotices, F.hiddenLink, F.staleHr, F.info]);
    const result = await run(DAY1);
    expect(result.delivery!.failed).toEqual([]);

    // wang: email only (no channels listed: the editor's address), his three findings, not the info one.
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.envelopeTo).toEqual(['wang@demo-county.gov.test']);
    expect(mail.subject).toBe('【政府网站监测】2026-11-20 新问题 2 项，预警 1 项');
    expect(mail.text).toContain('断链');
    expect(mail.text).toContain('http://www.demo-county.gov.test/files/2026/plan.pdf');
    // Found on Friday 2026-11-20: seven working days later is Tuesday 2026-12-01.
    expect(mail.text).toContain('整改期限：2026-12-01');
    expect(mail.text).toContain('栏目已 11 天未更新');
    expect(mail.text).not.toContain('外部链接较慢');
    expect(mail.text).not.toContain('栏目已 203 天');

    // li: DingTalk — the owner's own findings (通知公告 has no editor; 人事信息's editor has no channel) and the veto.
    expect(ding()).toHaveLength(1);
    const dingBody = ding()[0]!.body as Body;
    expect(dingBody.msgtype).toBe('markdown');
    expect(dingBody.markdown!.text).toContain('栏目已 203 天未更新');
    expect(dingBody.markdown!.text).toContain('栏目已 400 天未更新');
    expect(dingBody.markdown!.text).toContain('整改期限：立即');
    expect(dingBody.markdown!.text).not.toContain('规划全文');

    // zhang: the supervisor hears that the 严重表述错误/安全 veto fired, with the hidden link as evidence.
    const escalations = supervisor().map((p) => p.body as Body).filter((b) => b.kind === 'escalation');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.title).toMatch(/^【单项否决】示范县人民政府：.+已触发单项否决$/);
    expect(escalations[0]!.text).toContain('http://casino.example.invalid/');
    // … and that 栏目不更新 is close to its veto (two columns past their window).
    const warnings = supervisor().map((p) => p.body as Body).filter((b) => b.kind === 'veto-warning');
    expect(warnings.map((w) => w.title)).toEqual(['【否决预警】示范县人民政府：栏目不更新接近单项否决']);
    expect(supervisor()).toHaveLength(2);
    expect(supervisor()[0]!.headers.authorization).toBe('Bearer bearer-secret-token');
    expect(supervisor().every((p) => (p.body as Body).recipient!.id === 'zhang')).toBe(true);
  });

  it('signs DingTalk requests: timestamp in ms and sign = base64 HMAC-SHA256 of "timestamp\\nsecret"', async () => {
    night(store, DAY1, [F.staleNotices]);
    const before = Date.now();
    await run(DAY1);
    const post = ding()[0]!;
    expect(post.query.get('access_token')).toBe(DING_TOKEN);
    const ts = Number(post.query.get('timestamp'));
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(Date.now());
    const expected = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
    // URLSearchParams decodes the url-encoded sign (+, / and = are encoded in the URL).
    expect(post.query.get('sign')).toBe(expected);
  });

  it('sends nothing twice: a second run over the same open findings is silent', async () => {
    night(store, DAY1, [F.brokenPdf, F.staleNotices, F.hiddenLink]);
    await run(DAY1);
    const counts = [smtp.mails.length, hook.posts.length];
    night(store, new Date(DAY1.getTime() + 3_600_000), [F.brokenPdf, F.staleNotices, F.hiddenLink]);
    const second = await run(new Date(DAY1.getTime() + 3_600_000));
    expect(second.plan.deliveries).toEqual([]);
    expect([smtp.mails.length, hook.posts.length]).toEqual(counts);
  });

  it('tells the editor when a problem is fixed, alongside the new ones of the day', async () => {
    night(store, DAY1, [F.brokenPdf, F.phone]);
    await run(DAY1);
    night(store, DAY2, [F.phone, F.newTypo]);
    await run(DAY2);
    expect(smtp.mails).toHaveLength(2);
    const mail = smtp.mails[1]!;
    expect(mail.subject).toBe('【政府网站监测】2026-11-21 新问题 1 项，已整改 1 项');
    expect(mail.text).toContain('【已整改（复查已通过）】');
    expect(mail.text).toContain('错别字「攻府」应为「政府」');
    expect(mail.text).toContain('此前通知过的问题另有 1 项尚未整改');
  });

  it('retries a failed delivery with backoff in a later run, and delivers it once', async () => {
    night(store, DAY1, [F.staleNotices]);
    hook.failNext(1);
    const first = await run(DAY1);
    expect(first.delivery!.sent).toHaveLength(0);
    expect(first.delivery!.failed).toMatchObject([{ recipient: 'li', status: 'failed', error: 'dingtalk: HTTP 500', retryAt: '2026-11-19T18:05:00.000Z' }]);
    const soon = await run(new Date(DAY1.getTime() + 60_000));
    expect(soon.delivery!.sent).toHaveLength(0);
    expect(ding()).toHaveLength(0);
    const later = await run(new Date(DAY1.getTime() + 6 * 60_000));
    expect(later.delivery!.sent).toMatchObject([{ recipient: 'li', attempts: 2 }]);
    expect(ding()).toHaveLength(1);
    await run(new Date(DAY1.getTime() + 60 * 60_000));
    expect(ding()).toHaveLength(1);
    expect(store.alerts.list().map((d) => d.status)).toEqual(['sent']);
  });

  it('a message decided but not sent (crash between deciding and sending) goes out once at the next run', async () => {
    night(store, DAY1, [F.staleNotices]);
    await runAlerts({ store, config, now: DAY1, log: sink.log, env: { ...env, LI_DINGTALK_URL: '' } });
    expect(store.alerts.list()[0]).toMatchObject({ status: 'failed', lastError: 'dingtalk: environment variable LI_DINGTALK_URL is not set' });
    // Simulate the crash: the outbox row is left `sending`, as if the process died mid-send.
    store.db.prepare("UPDATE alert_deliveries SET status = 'sending', next_attempt_at = ?").run(DAY1.toISOString());
    await run(new Date(DAY1.getTime() + 60_000));
    expect(ding()).toHaveLength(1);
    await run(new Date(DAY1.getTime() + 120_000));
    expect(ding()).toHaveLength(1);
  });

  it('a dry run shows what would be sent to whom and records nothing', async () => {
    night(store, DAY1, [F.brokenPdf, F.staleNotices]);
    const dry = await run(DAY1, true);
    expect(dry.plan.deliveries.map((d) => [d.recipient, d.address]).sort()).toEqual([
      ['li', 'dingtalk (LI_DINGTALK_URL)'],
      ['wang', 'wang@demo-county.gov.test'],
    ]);
    expect(smtp.mails).toHaveLength(0);
    expect(hook.posts).toHaveLength(0);
    expect(store.alerts.list()).toEqual([]);
    await run(DAY1);
    expect(smtp.mails).toHaveLength(1);
    expect(ding()).toHaveLength(1);
  });

  it('masks personal data and escapes page text in HTML mail and in markdown', async () => {
    night(store, DAY1, [F.brokenPdf, F.phone, F.hiddenLink]);
    await run(DAY1);
    const mail = smtp.mails[0]!;
    const html = String(mail.html);
    expect(html).not.toContain('13812345678');
    expect(html).toContain('138****5678');
    expect(html).not.toMatch(/<img src=x/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('href="javascript');
    expect(mail.text).not.toContain('13812345678');
    const md = (ding()[0]!.body as Body).markdown!.text;
    expect(md).not.toContain('13812345678');
    expect(md).toContain('(http://www.demo-county.gov.test/)');
  });

  it('never writes a secret to the log, even when a delivery fails', async () => {
    night(store, DAY1, [F.staleNotices, F.hiddenLink]);
    hook.failNext(2);
    await run(DAY1);
    await run(new Date(DAY1.getTime() + 3_600_000));
    const text = sink.text();
    expect(sink.lines.length).toBeGreaterThan(0);
    expect(text).toContain('alert not delivered; will retry');
    expect(text).toContain('alert sent');
    for (const secret of [DING_SECRET, DING_TOKEN, 'bearer-secret-token']) expect(text).not.toContain(secret);
  });
});
