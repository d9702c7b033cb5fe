// `govhealth check-text` as a commander command, and the content settings in the strict config.
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerCheckText } from '../../../src/cli/check-text.ts';
import { configSchema } from '../../../src/config/index.ts';

const FILE = new URL('../../fixtures/content/draft.txt', import.meta.url).pathname;
const DOCX = new URL('../../fixtures/content/draft.docx', import.meta.url).pathname;
const BROKEN = new URL('../../fixtures/content/broken.pdf', import.meta.url).pathname;

async function cli(args: string[]): Promise<{ out: string; code: number }> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c) => (out += c));
  let code = -1;
  const program = new Command().exitOverride();
  registerCheckText(program, { stdout, stderr: new PassThrough(), env: {}, cwd: process.cwd() }, (c) => (code = c));
  await program.parseAsync(['node', 'govhealth', 'check-text', ...args]);
  return { out, code };
}

describe('govhealth check-text', () => {
  it('prints JSON findings of a draft and exits 2 when something serious is found', async () => {
    const { out, code } = await cli([FILE, '--format', 'json']);
    const json = JSON.parse(out);
    expect(json.format).toBe('txt');
    expect(json.findings).toHaveLength(17);
    expect(json.findings[0]).toMatchObject({ check: 'typo.serious', line: 1, column: 10, text: '秸杆', suggestion: '秸秆' });
    expect(code).toBe(2);
  });

  it('checks a DOCX draft', async () => {
    const { out, code } = await cli([DOCX]);
    expect(out).toContain('社会主义核心价值观');
    expect(out).toContain('再接再厉');
    expect(code).toBe(2);
  });

  it('says why an unreadable draft was not checked and exits 1', async () => {
    const { out, code } = await cli([BROKEN]);
    expect(out).toMatch(/无法检查 .*broken\.pdf：cannot parse PDF/);
    expect(code).toBe(1);
  });
});

describe('checks.content settings', () => {
  const base = { sites: [{ id: 'demo', name: '示范县', level: '县', homepage: 'http://www.demo.test/' }] };
  it('default to enabled with a 20 MiB attachment cap', () => {
    const c = configSchema.parse(base);
    expect(c.checks.content.enabled).toBe(true);
    expect(c.checks.content.attachments.maxBytes).toBe(20 * 1024 * 1024);
  });
  it('reject unknown keys', () => {
    expect(configSchema.safeParse({ ...base, checks: { content: { typoPair: [] } } }).success).toBe(false);
  });
});
