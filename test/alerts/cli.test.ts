import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerAlerts } from '../../src/cli/alerts.ts';
import { alertsEnv, F, night, tempStore } from './fixture.ts';
import { startSmtpSink, startWebhookReceiver, type SmtpSink, type WebhookReceiver } from './sinks.ts';

async function alertsCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  let code = 0;
  const program = new Command().exitOverride();
  registerAlerts(program, { stdout: out, stderr: err, env: { GOVHEALTH_LOG_LEVEL: 'silent', ...env }, cwd: process.cwd() }, (c) => (code = c));
  await program.parseAsync(['node', 'govhealth', 'alerts', ...args]);
  return { code, stdout, stderr };
}

describe('govhealth alerts', () => {
  let smtp: SmtpSink;
  let hook: WebhookReceiver;
  beforeEach(async () => {
    smtp = await startSmtpSink();
    hook = await startWebhookReceiver();
  });
  afterEach(async () => {
    await smtp.close();
    await hook.close();
  });

  it('--dry-run prints each message with its recipient and sends nothing; a real run sends once', async () => {
    const { store, dir } = tempStore();
    night(store, new Date('2026-11-20T02:00:00+08:00'), [F.brokenPdf, F.staleNotices]);
    store.close();
    const file = join(dir, 'sites.yaml');
    writeFileSync(
      file,
      `dataDir: ${JSON.stringify(dir)}
editors:
  - { id: wang, name: 王编辑, email: wang@demo-county.gov.test }
  - { id: li, name: 李主任 }
alerts:
  smtp: { host: 127.0.0.1, port: ${smtp.port}, secure: false, from: monitor@demo-county.gov.test }
  channels:
    li: [ { type: dingtalk, webhookEnv: LI_DINGTALK_URL, secretEnv: LI_DINGTALK_SECRET } ]
sites:
  - id: demo-county
    name: 示范县人民政府
    level: 县
    homepage: http://www.demo-county.gov.test/
    owner: li
    columns:
      - { name: 本县要闻, url: "http://www.demo-county.gov.test/zwdt/bxyw/", editor: wang }
`,
    );
    const env = alertsEnv(hook.url);
    const dry = await alertsCli(['--config', file, '--dry-run', '--now', '2026-11-20T03:00:00+08:00'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would send 2 message(s)');
    expect(dry.stdout).toContain('== to wang <wang@demo-county.gov.test> (notice)');
    expect(dry.stdout).toContain('== to li <dingtalk (LI_DINGTALK_URL)> (notice)');
    expect(dry.stdout).toContain('【政府网站监测】2026-11-20 新问题 1 项');
    expect(smtp.mails).toHaveLength(0);
    expect(hook.posts).toHaveLength(0);

    const real = await alertsCli(['--config', file, '--now', '2026-11-20T03:00:00+08:00'], env);
    expect(real.stdout).toContain('decided 2 new message(s)');
    expect(real.stdout).toContain('sent 2, failed 0');
    const again = await alertsCli(['--config', file, '--now', '2026-11-20T04:00:00+08:00'], env);
    expect(again.stdout).toContain('decided 0 new message(s)');
    expect(smtp.mails).toHaveLength(1);
    expect(hook.posts).toHaveLength(1);
    expect(real.stdout + real.stderr + dry.stdout).not.toContain('access_token');
  });
});
