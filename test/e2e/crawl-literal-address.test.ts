// A same-site page that redirects to a literal address outside the allowed ranges: neither the crawler (got) nor
// the link prober (undici) connects to it — a literal never reaches the guarded lookup — and it is reported 错链.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonFinding } from '../helpers/link-manifest.ts';
import { runCli } from './cli-run.ts';

let site: Server;
let intranet: Server;
let intranetConnections = 0;
let dir: string;

async function listen(server: Server, host: string): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  // 127.0.0.2 stands for an intranet host: the config allows only 127.0.0.1.
  intranet = createServer((_req, res) => res.end('<title>内网</title>'));
  intranet.on('connection', () => intranetConnections++);
  const intranetPort = await listen(intranet, '127.0.0.2');
  site = createServer((req, res) => {
    const to = `http://127.0.0.2:${intranetPort}/oa/`;
    if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>首页</title><a href="/go">办公系统</a> <a href="/files/a.pdf">附件</a>');
    if (req.url === '/go' || req.url === '/files/a.pdf') return res.writeHead(302, { location: to }).end();
    res.writeHead(404).end();
  });
  const port = await listen(site, '127.0.0.1');
  dir = mkdtempSync(join(tmpdir(), 'gh-literal-'));
  writeFileSync(
    join(dir, 'sites.yaml'),
    `dataDir: ${JSON.stringify(join(dir, 'data'))}
network:
  allowPrivate: ["127.0.0.1/32"]
  timeoutMs: 3000
checks:
  content: { enabled: false }
  freshness: { enabled: false }
sites:
  - id: s
    name: 示例县人民政府
    level: 县
    homepage: "http://127.0.0.1:${port}/"
`,
  );
});
afterAll(async () => {
  site?.close();
  intranet?.close();
});

describe('redirects to a literal address outside the allowed ranges', () => {
  it('are never connected to, by the crawler or the link prober, and are reported as 错链', async () => {
    const file = join(dir, 'sites.yaml');
    const res = await runCli(['crawl', '--config', file, '--now', '2026-11-20T08:00:00+08:00']);
    expect(res.code).toBe(0);
    expect(intranetConnections).toBe(0);
    const findings = JSON.parse((await runCli(['findings', '--config', file, '--format', 'json'])).stdout) as JsonFinding[];
    const wrong = findings.filter((f) => f.check === 'link.wrong').map((f) => f.target?.replace(/:\d+/, ''));
    expect(wrong.sort()).toEqual(['http://127.0.0.1/files/a.pdf', 'http://127.0.0.1/go']);
    for (const f of findings.filter((x) => x.check === 'link.wrong')) expect(f.evidence.message).toBe('链接（或其跳转）指向内网地址，公众无法访问（未访问）');
  }, 60_000);
});
