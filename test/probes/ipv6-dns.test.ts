import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressGuard } from '../../src/crawl/index.ts';
import { probeDnsOverIpv6, type DnsProbeDeps } from '../../src/probes/ipv6-dns.ts';
import { RouteCache } from '../../src/probes/ipv6-route.ts';
import { startNsStub, type NsStub } from '../fixtures/ipv6-sites/ns-stub.ts';
import { startFixtureServers } from '../fixtures/ipv6-sites/servers.ts';
import { configSchema } from '../../src/config/schema.ts';
import { probeIpv6 } from '../../src/probes/ipv6-probe.ts';

describe('resolution for IPv6-only clients (authoritative name servers over IPv6)', () => {
  let stub: NsStub;
  let deps: DnsProbeDeps;

  beforeAll(async () => {
    stub = await startNsStub({
      'www.v6dns.test': { A: ['127.0.0.1'], AAAA: ['::1'] },
      'v6dns.test': { NS: ['ns1.v6dns.test', 'ns2.v6dns.test'] },
      'ns1.v6dns.test': { AAAA: ['::1'] },
      'ns2.v6dns.test': { A: ['127.0.0.1'] },
      'www.v4dns.test': { A: ['127.0.0.1'], AAAA: ['::1'] },
      'v4dns.test': { NS: ['ns1.v4dns.test'] },
      'ns1.v4dns.test': { A: ['127.0.0.1'] },
      'www.mute.test': { A: ['127.0.0.1'], AAAA: ['::1'], silentOverIpv6: true },
      'mute.test': { NS: ['ns1.mute.test'] },
      'ns1.mute.test': { AAAA: ['::1'] },
      'www.nozone.test': { AAAA: ['::1'] },
    });
    deps = {
      dnsServers: [`127.0.0.1:${stub.port4}`],
      guard: new AddressGuard(['127.0.0.0/8', '::1/128']),
      routes: new RouteCache(),
      timeoutMs: 300,
      port: stub.port6,
    };
  });
  afterAll(async () => stub?.close());

  it('is ok when one name server of the zone answers over IPv6', async () => {
    const r = await probeDnsOverIpv6('www.v6dns.test', deps);
    expect(r).toMatchObject({ status: 'ok', zone: 'v6dns.test' });
    expect(r.nameservers).toEqual([
      { name: 'ns1.v6dns.test', aaaa: ['::1'], address: '::1', answered: true },
      { name: 'ns2.v6dns.test', aaaa: [], answered: false },
    ]);
    expect(stub.ipv6Queries).toContain('28 www.v6dns.test');
  });

  it('reports name servers without AAAA records', async () => {
    expect(await probeDnsOverIpv6('www.v4dns.test', deps)).toMatchObject({ status: 'no-ipv6-nameserver', zone: 'v4dns.test' });
  });

  it('reports name servers that have AAAA records but do not answer over IPv6', async () => {
    const r = await probeDnsOverIpv6('www.mute.test', deps);
    expect(r).toMatchObject({ status: 'unreachable', zone: 'mute.test' });
    expect(r.nameservers[0]).toMatchObject({ answered: false, error: 'ETIMEOUT' });
  });

  it('cannot judge without a zone, without a route, or when the guard refuses the name server', async () => {
    expect(await probeDnsOverIpv6('www.nozone.test', deps)).toMatchObject({ status: 'not-measurable' });
    expect(await probeDnsOverIpv6('www.v6dns.test', { ...deps, routes: new RouteCache(async () => false) })).toMatchObject({ status: 'not-measurable' });
    const before = stub.ipv6Queries.length;
    const guarded = await probeDnsOverIpv6('www.v6dns.test', { ...deps, guard: new AddressGuard(['127.0.0.0/8']) });
    expect(guarded).toMatchObject({ status: 'unreachable' });
    expect(guarded.nameservers[0]).toMatchObject({ error: 'private-address' });
    expect(stub.ipv6Queries.length).toBe(before);
  });

  it('is measured for the homepage host by the probe, and a silent name server is noted on the site', async () => {
    const servers = await startFixtureServers((_host, _path, _family, res) => res.end('<title>t</title>ok'));
    try {
      const homepage = (host: string) => `http://${host}:${servers.dualPort}/`;
      const config = configSchema.parse({
        network: { dnsServers: [`127.0.0.1:${stub.port4}`], allowPrivate: ['127.0.0.0/8', '::1/128'], timeoutMs: 2000 },
        checks: { ipv6: { probes: 1 } },
        sites: [
          { id: 'v6dns', name: 'A', level: '市', homepage: homepage('www.v6dns.test') },
          { id: 'mute', name: 'B', level: '县', homepage: homepage('www.mute.test') },
        ],
      });
      const run = await probeIpv6(config.sites, { config, checks: [], now: new Date('2026-11-23T00:00:00Z'), dnsPort: stub.port6 });
      expect(run.sites[0]!.hosts[0]!.dns6).toMatchObject({ status: 'ok', zone: 'v6dns.test' });
      expect(run.sites[0]!.notes).toEqual(['没有已完成的爬取，无法得到二级/三级链接：仅测量首页']);
      expect(run.sites[1]!.hosts[0]).toMatchObject({ status: 'ok', dns6: { status: 'unreachable' } });
      expect(run.sites[1]!.notes.join()).toContain('mute.test 的权威域名服务器有 AAAA 记录，但经 IPv6 不应答');
    } finally {
      await servers.close();
    }
  });
});
