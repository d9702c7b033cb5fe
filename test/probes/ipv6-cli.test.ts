import { Writable } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { Store } from '../../src/storage/index.ts';
import { ipv6Report, registerIpv6 } from '../../src/cli/ipv6.ts';
import { probeIpv6, ipv6Checks } from '../../src/probes/index.ts';
import { ipv6NoAaaa } from '../../src/checks/ipv6-no-aaaa.ts';
import { ipv6Unreachable } from '../../src/checks/ipv6-unreachable.ts';
import type { CliIO } from '../../src/cli/context.ts';
import { startIpv6Scenario, seedCrawls, type Ipv6Scenario } from '../fixtures/ipv6-sites/scenario.ts';
import { expected } from '../fixtures/ipv6-sites/manifest.ts';

function sink(): Writable & { text: string } {
  const s = new Writable({
    write(chunk, _enc, cb) {
      s.text += String(chunk);
      cb();
    },
  }) as Writable & { text: string };
  s.text = '';
  return s;
}

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io: CliIO & { stdout: ReturnType<typeof sink>; stderr: ReturnType<typeof sink> } = {
    stdout: sink(),
    stderr: sink(),
    env: { GOVHEALTH_LOG_LEVEL: 'silent' },
    cwd: process.cwd(),
  };
  let code = 0;
  const program = new Command().exitOverride();
  registerIpv6(program, io, (c) => (code = c));
  await program.parseAsync(['node', 'govhealth', ...args]);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

describe('govhealth ipv6', () => {
  let scenario: Ipv6Scenario;

  beforeAll(async () => {
    scenario = await startIpv6Scenario();
    const store = Store.open(loadConfig(scenario.configPath, { vars: {} }).dataDir);
    seedCrawls(store, scenario.ports);
    store.close();
  });
  afterAll(async () => scenario?.close());

  it('prints a per-site table with verdicts, rates and findings, and the shares by level', async () => {
    const { code, stdout } = await runCli(['ipv6', '--config', scenario.configPath, '--now', '2026-11-23T08:00:00+08:00']);
    if (process.env.GOVHEALTH_SHOW_OUTPUT) console.log(stdout);
    expect(code).toBe(0);
    const line = (id: string) => stdout.split('\n').find((l) => l.startsWith(id + ' '))!;
    expect(line('good')).toMatch(/省\s+支持\s+::1\s+-\s+HTTP 200 .*100% \(3\/3\)\s+一致 \d+%\s+100\.0% \(2\/2\)\s+100\.0% \(1\/1\)/);
    expect(line('dead')).toMatch(/不支持\s+::1\s+-\s+refused\s+0% \(0\/3\).*ipv6\.unreachable/);
    expect(line('noaaaa')).toMatch(/不支持\s+无\s+-\s+无AAAA\s+-.*ipv6\.no-aaaa/);
    expect(line('differ')).toMatch(/部分支持.*不一致 标题、正文.*无爬取.*ipv6\.inconsistent/);
    expect(line('slow')).toMatch(/部分支持.*ipv6\.slow/);
    expect(line('tree')).toMatch(/部分支持.*80\.0% \(4\/5\)\s+62\.5% \(5\/8\)/);
    expect(stdout).toMatch(/tree\s+xxgk\.tree\.test\s+无AAAA/);
    expect(stdout).toMatch(/tree\s+bs\.tree\.test\s+不可达\s+0% \(0\/3\)/);
    expect(stdout).toContain('合计：首页可经IPv6访问 4/6，完全支持 1/6');
    expect(stdout).toContain('省：首页可经IPv6访问 2/2，完全支持 1/2');
  });

  it('prints JSON with --format json for one site, and exits 2 with --fail-on warning', async () => {
    const { code, stdout } = await runCli(['ipv6', '--config', scenario.configPath, '--site', 'tree', '--format', 'json', '--fail-on', 'warning']);
    expect(code).toBe(2);
    const json = JSON.parse(stdout);
    expect(json.sites).toHaveLength(1);
    expect(json.sites[0].links.level2).toMatchObject({ supported: 4, tested: 5, rate: 0.8 });
    expect(json.sites[0].findings.map((f: { check: string; key: string }) => `${f.check} ${f.key}`).sort()).toEqual(
      expected(scenario.ports).tree!.findings.sort(),
    );
    expect(json.summary.all).toMatchObject({ measured: 1, reachable: 1, supported: 0 });
  });

  it('exits 3 for an unknown site', async () => {
    const { code, stderr } = await runCli(['ipv6', '--config', scenario.configPath, '--site', 'nope']);
    expect(code).toBe(3);
    expect(stderr).toContain('no site "nope"');
  });

  it('says once that IPv6 is not measurable from this machine, and marks the sites so', async () => {
    const config = loadConfig(scenario.configPath, { vars: {} });
    const run = await probeIpv6(config.sites, {
      config,
      checks: ipv6Checks([ipv6NoAaaa, ipv6Unreachable]),
      now: new Date('2026-11-23T00:00:00Z'),
      routeCheck: async () => false,
    });
    const text = ipv6Report(run);
    expect(text.match(/本机没有到 IPv6 地址的路由/g)).toHaveLength(1);
    expect(text.split('\n').find((l) => l.startsWith('good '))).toMatch(/无法测量\s+::1\s+-\s+无法测量/);
    expect(text.split('\n').find((l) => l.startsWith('noaaaa '))).toMatch(/不支持/);
    expect(text).toContain('合计：首页可经IPv6访问 0/1，完全支持 0/1，无法测量 5');
  });
});
