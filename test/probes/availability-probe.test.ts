import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProbe } from '../../src/cli/probe.ts';
import { registerVerdict } from '../../src/cli/verdict.ts';
import type { CliIO } from '../../src/cli/context.ts';
import { HttpClient, Resolver } from '../../src/crawl/index.ts';
import { probeUrl } from '../../src/probes/index.ts';
import { Store } from '../../src/storage/index.ts';
import { configYaml, NOW, startFreshnessSites, type FreshnessServer } from '../fixtures/freshness-sites/index.ts';

const network = { dnsServers: [], hosts: {}, allowPrivate: ['127.0.0.0/8', '::1/128'], proxy: undefined, userAgent: 'govhealth-test', timeoutMs: 2000 };
let server: Server;
let base: string;
let http: HttpClient;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/down') {
      res.writeHead(502);
      res.end('bad gateway');
    } else if (req.url === '/hang') {
      // never answers: the probe's own time limit decides
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>首页</body></html>');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  http = new HttpClient(network, new Resolver(network));
});

afterAll(async () => {
  await http?.close();
  server?.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('availability probe', () => {
  it('records a loaded homepage as ok with time to first byte and total time, at the injected time', async () => {
    const p = await probeUrl(http, 's', `${base}/`, { timeoutMs: 15000, now: NOW });
    expect(p).toMatchObject({ ok: true, status: 200, probedAt: NOW });
    expect(p.ttfbMs).toBeGreaterThanOrEqual(0);
    expect(p.totalMs).toBeGreaterThanOrEqual(p.ttfbMs!);
  });

  it('a 5xx, a refused connection and a page not loaded in time are failures with their kind', async () => {
    expect(await probeUrl(http, 's', `${base}/down`, { timeoutMs: 15000, now: NOW })).toMatchObject({ ok: false, status: 502, failure: 'http-5xx' });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await probeUrl(http, 's', `http://127.0.0.1:${port}/`, { timeoutMs: 15000, now: NOW })).toMatchObject({ ok: false, failure: 'refused' });
    expect(await probeUrl(http, 's', `${base}/hang`, { timeoutMs: 300, now: NOW })).toMatchObject({ ok: false, failure: 'timeout' });
  });
});

describe('probe and verdict commands', () => {
  let sites: FreshnessServer;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    sites = await startFreshnessSites();
    dir = mkdtempSync(join(tmpdir(), 'govhealth-cli-'));
    file = join(dir, 'sites.yaml');
    writeFileSync(file, configYaml(sites, join(dir, 'data')));
  });
  afterAll(async () => {
    await sites?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    let code = 0;
    const io: CliIO = {
      stdout: { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream,
      stderr: { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream,
      env: { GOVHEALTH_LOG_LEVEL: 'silent' },
      cwd: dir,
    };
    const program = new Command().exitOverride();
    registerProbe(program, io, (c) => (code = c));
    registerVerdict(program, io, (c) => (code = c));
    await program.parseAsync(['node', 'govhealth', ...args]);
    return { code, out, err };
  }

  it('probe records one probe per site and reports the window with its probe count', async () => {
    const r = await cli(['probe', '--config', file, '--now', NOW.toISOString()]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(7);
    expect(r.out).toMatch(/^pass\tok HTTP 200\t.*监测次数不足 140 次/m);
    const store = Store.open(join(dir, 'data'));
    try {
      expect(store.probes.window('pass', NOW, 7).probes).toBe(1);
    } finally {
      store.close();
    }
  });

  it('verdict --survey judges a passing site 合格 (exit 0) and a failing one 不合格 (exit 2), as table or JSON', async () => {
    const ok = await cli(['verdict', '--config', file, '--site', 'pass', '--survey', '--now', NOW.toISOString()]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('结论：合格');
    expect(ok.out).toContain('[通过] 栏目不更新');
    expect(ok.out).toContain('[数据不足] 站点无法访问');
    const bad = await cli(['verdict', '--config', file, '--site', 'blank', '--survey', '--now', NOW.toISOString(), '--format', 'json']);
    expect(bad.code).toBe(2);
    const [v] = JSON.parse(bad.out) as { result: string; vetoes: { id: string; status: string }[] }[];
    expect(v!.result).toBe('不合格');
    expect(v!.vetoes.find((x) => x.id === 'veto.column-stale')!.status).toBe('triggered');
  });

  it('an unknown --site is a configuration error (exit 3)', async () => {
    expect((await cli(['verdict', '--config', file, '--site', 'nope'])).code).toBe(3);
  });
});
