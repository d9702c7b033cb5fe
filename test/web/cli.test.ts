// `govhealth user add|token` and `govhealth web`, run in-process through their register functions.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, registerWeb } from '../../src/cli/web.ts';
import { loadConfig } from '../../src/config/index.ts';
import { ConfigError } from '../../src/errors/index.ts';
import { Store } from '../../src/storage/index.ts';
import { buildWebApp } from '../../src/web/index.ts';
import { configText } from './helpers.ts';

let file: string;
let dir: string;

async function run(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; code: number }> {
  const out = new PassThrough();
  let stdout = '';
  out.on('data', (d) => (stdout += d));
  let code = 0;
  const program = new Command().exitOverride();
  const io = { stdout: out, stderr: new PassThrough(), env, cwd: process.cwd() };
  registerUser(program, io, (c) => (code = c));
  registerWeb(program, io, (c) => (code = c));
  for (const c of program.commands) c.exitOverride();
  await program.parseAsync(['node', 'govhealth', ...args]);
  return { stdout, code };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gh-web-cli-'));
  file = join(dir, 'config.yaml');
  writeFileSync(file, configText(join(dir, 'data')));
});

describe('govhealth user', () => {
  it('adds a supervisor with the password from an environment variable, stored as a scrypt hash', async () => {
    const res = await run(['user', 'add', 'chief', '--role', 'supervisor', '--password-env', 'GH_PW', '--config', file], { GH_PW: 'a long password' });
    expect(res.stdout).toBe('user chief (supervisor) saved\n');
    const store = Store.open(join(dir, 'data'));
    expect(store.users.get('chief')).toMatchObject({ role: 'supervisor', passwordHash: expect.stringMatching(/^scrypt\$/) });
    store.close();
  });

  it('generates and prints a password when none is given', async () => {
    const res = await run(['user', 'add', 'ed', '--role', 'editor', '--editor', 'wang', '--config', file]);
    expect(res.stdout).toMatch(/^user ed \(editor, editor wang\) saved\npassword: [A-Za-z0-9_-]{16}\n$/);
  });

  it('refuses an editor account without a known editor id, and a short password', async () => {
    await expect(run(['user', 'add', 'x', '--role', 'editor', '--config', file])).rejects.toThrow(ConfigError);
    await expect(run(['user', 'add', 'x', '--role', 'editor', '--editor', 'nobody', '--config', file])).rejects.toThrow(/no editor "nobody"/);
    await expect(run(['user', 'add', 'x', '--role', 'supervisor', '--password-env', 'PW', '--config', file], { PW: 'short' })).rejects.toThrow(/at least 8/);
  });

  it('creates an API token that the pre-publication API accepts', async () => {
    const { stdout } = await run(['user', 'token', 'chief', '--label', 'CMS', '--config', file]);
    const token = stdout.trim();
    expect(token).toMatch(/^ght_/);
    const config = loadConfig(file, { vars: {} });
    const store = Store.open(config.dataDir);
    const { app } = await buildWebApp({ config, store });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/check-text', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: { text: '请做好秸杆禁烧工作。' } });
      expect(res.statusCode).toBe(200);
      expect((res.json() as { findings: { text: string }[] }).findings.map((f) => f.text)).toContain('秸杆');
    } finally {
      await app.close();
      store.close();
    }
  });
});

describe('govhealth web', () => {
  let running: Promise<{ stdout: string; code: number }>;
  afterAll(async () => {
    process.emit('SIGTERM');
    await running;
  });

  it('serves the login page on the given host and port until SIGTERM', async () => {
    const out = new PassThrough();
    let stdout = '';
    out.on('data', (d) => (stdout += d));
    const program = new Command().exitOverride();
    registerWeb(program, { stdout: out, stderr: new PassThrough(), env: {}, cwd: process.cwd() }, () => {});
    running = program.parseAsync(['node', 'govhealth', 'web', '--config', file, '--port', '0', '--host', '127.0.0.1']).then(() => ({ stdout, code: 0 }));
    await expect.poll(() => stdout, { timeout: 20_000 }).toMatch(/^govhealth web: http:\/\/127\.0\.0\.1:\d+\/\n$/);
    const url = stdout.replace('govhealth web: ', '').trim();
    const res = await fetch(`${url}login`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('登录');
  });
});
