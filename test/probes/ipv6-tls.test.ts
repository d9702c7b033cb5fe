import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.ts';
import { probeIpv6 } from '../../src/probes/ipv6-probe.ts';
import { ipv6Unreachable } from '../../src/checks/ipv6-unreachable.ts';
import { startDnsStub, type DnsStub } from '../fixtures/dns-stub.ts';

describe('IPv6 probe over HTTPS', () => {
  let dir: string;
  let server: Server;
  let dns: DnsStub;
  const sni: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'govhealth-ipv6-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=www.tls.test',
      '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const ctx = createSecureContext({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) });
    server = createServer({ SNICallback: (name, cb) => (sni.push(name), cb(null, ctx)) }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '::1', resolve));
    dns = await startDnsStub({ 'www.tls.test': { AAAA: ['::1'] } });
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await dns?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects to the AAAA address with the site name as TLS SNI, and reports an untrusted certificate as tls', async () => {
    const port = (server.address() as AddressInfo).port;
    const config = configSchema.parse({
      network: { dnsServers: [`127.0.0.1:${dns.port}`], allowPrivate: ['::1/128'], timeoutMs: 3000 },
      checks: { ipv6: { probes: 2 } },
      sites: [{ id: 'tls', name: '加密站', level: '市', homepage: `https://www.tls.test:${port}/` }],
    });
    const run = await probeIpv6(config.sites, { config, checks: [ipv6Unreachable], now: new Date('2026-11-23T00:00:00Z') });
    const host = run.sites[0]!.hosts[0]!;
    expect(sni).toEqual(['www.tls.test', 'www.tls.test']);
    expect(host).toMatchObject({ status: 'unreachable', address: '::1', a: [] });
    expect(host.v6!.samples.map((s) => s.error)).toEqual(['tls', 'tls']);
    expect(run.sites[0]!.findings[0]).toMatchObject({ check: 'ipv6.unreachable', evidence: { error: 'tls' } });
  });
});
