// cli stage: `govhealth ipv6` — runs the IPv6 probe alone (AAAA, IPv6 reachability and success rate, IPv4
// consistency, 二级/三级 link support, latency ratio), records it, and prints a per-site table or JSON.
import { Option } from 'commander';
import { CHECKS, SEVERITIES, type Severity } from '../checks/index.ts';
import { createLogger } from '../log/index.ts';
import { ipv6Checks, probeIpv6, summariseIpv6, type Ipv6RunResult, type Ipv6Share, type LevelResult, type SiteIpv6Result } from '../probes/index.ts';
import { Store } from '../storage/index.ts';
import { configFromOptions, EXIT, parseNow, selectSites, type RegisterCommand } from './context.ts';
import { table } from './format.ts';

const VERDICT_WORDS: Record<SiteIpv6Result['verdict'], string> = {
  supported: '支持',
  partial: '部分支持',
  unsupported: '不支持',
  'not-measurable': '无法测量',
};

const STATUS_WORDS = { ok: '可访问', 'no-aaaa': '无AAAA', unreachable: '不可达', 'not-measurable': '无法测量' } as const;
const DNS_WORDS = { ok: '可解析', 'no-ipv6-nameserver': 'NS无AAAA', unreachable: 'NS不应答', 'not-measurable': '-' } as const;
const DIFF_WORDS = { status: '状态码', title: '标题', content: '正文' } as const;

const pct = (rate: number, digits = 0): string => `${(rate * 100).toFixed(digits)}%`;

function levelCell(r: SiteIpv6Result, level: LevelResult | undefined): string {
  if (!level) return r.notes.some((n) => n.includes('爬取')) ? '无爬取' : '-';
  if (level.rate === undefined) return '无链接';
  return `${pct(level.rate, 1)} (${level.supported}/${level.tested})`;
}

function siteRow(r: SiteIpv6Result): string[] {
  const home = r.hosts.find((h) => h.isHomepageHost)!;
  const v6 = home.v6;
  const answer = !v6
    ? STATUS_WORDS[home.status]
    : v6.successes
      ? `HTTP ${v6.samples.find((s) => !s.error)!.status} ${v6.totalMedianMs} ms`
      : (v6.samples[0]?.error ?? '-');
  const c = home.consistency;
  const findings = r.findings.map((f) => (f.key === home.host ? f.check : `${f.check}[${f.key}]`));
  return [
    r.siteId,
    r.level,
    VERDICT_WORDS[r.verdict],
    home.aaaa.length ? home.aaaa.join(' ') : '无',
    home.dns6 ? DNS_WORDS[home.dns6.status] : '-',
    answer,
    v6 ? `${pct(v6.successRate)} (${v6.successes}/${v6.attempts})` : '-',
    c ? (c.consistent ? `一致 ${pct(c.similarity)}` : `不一致 ${c.differences.map((d) => DIFF_WORDS[d]).join('、')}`) : '-',
    levelCell(r, r.links?.level2),
    levelCell(r, r.links?.level3),
    home.latencyRatio !== undefined ? home.latencyRatio.toFixed(2) : '-',
    findings.length ? findings.join(' ') : '-',
  ];
}

function shareText(s: Ipv6Share): string {
  if (!s.measured) return s.notMeasurable ? `无法测量 ${s.notMeasurable}` : '-';
  return `首页可经IPv6访问 ${s.reachable}/${s.measured}，完全支持 ${s.supported}/${s.measured}${s.notMeasurable ? `，无法测量 ${s.notMeasurable}` : ''}`;
}

/** The text report of a probe run: notice, per-site table, other hosts, failing links, shares by level. */
export function ipv6Report(run: Ipv6RunResult): string {
  const out: string[] = [];
  if (run.notice) out.push(`注意：${run.notice}\n`);
  out.push(
    table(
      ['site', 'level', 'verdict', 'AAAA', 'NS/v6', 'IPv6 homepage', 'success', 'IPv4 consistency', '二级链接', '三级链接', 'v6/v4 time', 'findings'],
      run.sites.map(siteRow),
      [16, 5, 8, 24, 9, 22, 12, 20, 16, 16, 10, 160],
    ),
  );
  const others = run.sites.flatMap((r) =>
    r.hosts.filter((h) => !h.isHomepageHost).map((h) => [r.siteId, h.host, STATUS_WORDS[h.status], h.v6 ? `${pct(h.v6.successRate)} (${h.v6.successes}/${h.v6.attempts})` : '-', h.reason ?? '']),
  );
  if (others.length) out.push('\n其他主机\n' + table(['site', 'host', 'status', 'success', 'reason'], others, [16, 32, 8, 12, 80]));
  const failing = run.sites.flatMap((r) =>
    [r.links?.level2, r.links?.level3].flatMap((l) => (l ? l.failing.map((f) => [r.siteId, l.level === 2 ? '二级' : '三级', f.url, f.error ?? '']) : [])),
  );
  if (failing.length) out.push('\n经IPv6无法访问的链接\n' + table(['site', 'level', 'url', 'error'], failing, [16, 5, 100, 16]));
  const notes = run.sites.flatMap((r) => r.notes.map((n) => `${r.siteId}: ${n}`));
  if (notes.length) out.push('\n说明\n' + notes.join('\n') + '\n');
  const summary = summariseIpv6(run.sites);
  const byLevel = Object.entries(summary.byLevel).filter(([, s]) => s.measured || s.notMeasurable);
  out.push(`\n合计：${shareText(summary.all)}\n` + byLevel.map(([level, s]) => `  ${level}：${shareText(s)}`).join('\n') + '\n');
  return out.join('');
}

/** The JSON report: the run, plus the shares by level. */
export function ipv6Json(run: Ipv6RunResult): string {
  return JSON.stringify({ ...run, summary: summariseIpv6(run.sites) }, null, 2) + '\n';
}

/** Registers `govhealth ipv6`. Exit 2 when --fail-on is given and a finding of at least that severity was made. */
export const registerIpv6: RegisterCommand = (program, io, setExit) => {
  program
    .command('ipv6')
    .description('probe IPv6 support of each site: AAAA, reachability over IPv6, consistency with IPv4, 二级/三级 links, latency')
    .requiredOption('--config <file>', 'site registry (YAML)')
    .option('--site <id>', 'only this site')
    .option('--now <iso>', 'the time the results are recorded at (default: now)')
    .option('--data-dir <dir>', 'data folder (default: $GOVHEALTH_DATA_DIR, dataDir in the config, ./data)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addOption(new Option('--fail-on <severity>', 'exit 2 when a finding is at least this severe').choices([...SEVERITIES]))
    .action(async (opts: { config: string; site?: string; now?: string; dataDir?: string; format: 'table' | 'json'; failOn?: Severity }) => {
      const config = configFromOptions(opts, io);
      const now = parseNow(opts.now);
      const sites = selectSites(config, opts.site, io, setExit);
      if (!sites) return;
      if (!config.checks.ipv6.enabled) {
        io.stderr.write('govhealth: checks.ipv6.enabled is false in the config: nothing probed\n');
        return;
      }
      const log = createLogger({ level: io.env.GOVHEALTH_LOG_LEVEL ?? 'warn' });
      const store = Store.open(config.dataDir);
      let run: Ipv6RunResult;
      try {
        run = await probeIpv6(sites, { config, checks: ipv6Checks(CHECKS), store, now, log });
      } finally {
        store.close();
      }
      io.stdout.write(opts.format === 'json' ? ipv6Json(run) : ipv6Report(run));
      if (run.notice && opts.format === 'json') io.stderr.write(`govhealth: ${run.notice}\n`);
      if (opts.failOn) {
        const limit = SEVERITIES.indexOf(opts.failOn);
        if (run.sites.some((r) => r.findings.some((f) => SEVERITIES.indexOf(f.severity) <= limit))) setExit(EXIT.findings);
      }
    });
};
